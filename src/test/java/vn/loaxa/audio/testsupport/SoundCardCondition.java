package vn.loaxa.audio.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.loaxa.audio.output.OutputDevices;

/** Skips (or, with {@code CI=true}, fails) tests when the virtual sound card is not reachable. */
public final class SoundCardCondition implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {

    static final String HOW_TO = "it needs the virtual sound card: run eval \"$(.ci/soundcard.sh start /tmp/loaxa-snd)\" "
            + "before the tests";

    private final Function<String, @Nullable String> environment;
    private final java.util.function.Supplier<List<String>> devices;

    public SoundCardCondition() {
        this(System::getenv, OutputDevices::list);
    }

    SoundCardCondition(Function<String, @Nullable String> environment, java.util.function.Supplier<List<String>> devices) {
        this.environment = environment;
        this.devices = devices;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missing();
        if (missing == null) {
            return ConditionEvaluationResult.enabled("virtual sound card available");
        }
        if (isCi()) {
            // Let it run into beforeAll/beforeEach, which fail it: a condition can only skip.
            return ConditionEvaluationResult.enabled("CI=true: failing instead of skipping");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + missing + "; " + HOW_TO);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        failInCi();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        failInCi();
    }

    private void failInCi() {
        String missing = missing();
        if (missing != null && isCi()) {
            throw new AssertionError("CI=true but " + missing + "; " + HOW_TO);
        }
    }

    /**
     * For a test that needs the card for one step only: why the card is unusable (with how to start
     * it), or null when it is usable. Under {@code CI=true} a missing card fails instead.
     */
    public static @Nullable String unusableOutsideCi() {
        var condition = new SoundCardCondition();
        condition.failInCi();
        String missing = condition.missing();
        return missing == null ? null : missing + "; " + HOW_TO;
    }

    /** Why the card is unusable, or null when it is usable. */
    @Nullable String missing() {
        String server = environment.apply("PULSE_SERVER");
        if (server == null || server.isBlank()) {
            return "PULSE_SERVER is not set";
        }
        String fifo = environment.apply(FifoRecorder.FIFO_ENV);
        if (fifo == null || fifo.isBlank()) {
            return FifoRecorder.FIFO_ENV + " is not set";
        }
        if (!Files.exists(Path.of(fifo))) {
            return FifoRecorder.FIFO_ENV + " names no file (" + fifo + ")";
        }
        if (devices.get().isEmpty()) {
            return "Java Sound finds no output device";
        }
        return null;
    }

    private boolean isCi() {
        return "true".equalsIgnoreCase(environment.apply("CI"));
    }
}
