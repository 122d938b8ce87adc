package vn.loaxa.audio.testsupport;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The virtual card's output recorded for a whole test class, from before its first test to after
 * its last: {@code @RegisterExtension static final RecordedCard card = new RecordedCard();} in a
 * {@link RequiresSoundCard} class (whose condition runs first, so without a card nothing starts).
 */
public final class RecordedCard implements BeforeAllCallback, AfterAllCallback {

    private @Nullable FifoRecorder recorder;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        recorder = FifoRecorder.startFromEnvironment();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (recorder != null) {
            recorder.close();
            recorder = null;
        }
    }

    public FifoRecorder recorder() {
        var r = recorder;
        if (r == null) {
            throw new IllegalStateException("the card is recorded only while its test class runs");
        }
        return r;
    }
}
