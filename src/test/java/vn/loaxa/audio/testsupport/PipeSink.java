package vn.loaxa.audio.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The virtual card's output as PulseAudio sees it, the {@code module-pipe-sink} writing the FIFO of
 * {@code LOAXA_TEST_FIFO}, so that a test can take it away and give it back as a USB card unplugged
 * and plugged in again would. Unloading it removes the FIFO too (a {@link FifoRecorder} attached to
 * it reaches its end); loading it again creates a new one, which a new recorder must open.
 * {@link #close()} puts it back if a test left it unloaded, so the card outlives a failed test.
 */
public final class PipeSink implements AutoCloseable {

    private final String fifo;
    private String arguments;
    private boolean unloaded;

    private PipeSink(String fifo) {
        this.fifo = fifo;
    }

    /** The pipe sink that writes {@code LOAXA_TEST_FIFO}, in the sound server of {@code PULSE_SERVER}. */
    public static PipeSink ofEnvironment() throws Exception {
        var fifo = System.getenv(FifoRecorder.FIFO_ENV);
        if (fifo == null || fifo.isBlank()) {
            throw new IllegalStateException(FifoRecorder.FIFO_ENV + " is not set");
        }
        var sink = new PipeSink(fifo);
        sink.arguments = sink.module()[2];
        return sink;
    }

    /** Takes the output away: the sink and its FIFO are gone until {@link #load()}. */
    public void unload() throws Exception {
        pactl("unload-module", module()[0]);
        unloaded = true;
    }

    /** Gives it back with the arguments it had (.ci/soundcard.sh's), as the default output again. */
    public void load() throws Exception {
        var command = new ArrayList<>(List.of("load-module", "module-pipe-sink"));
        command.addAll(List.of(arguments.split(" ")));
        pactl(command.toArray(String[]::new));
        unloaded = false;
        var sinkName = Arrays.stream(arguments.split(" ")).filter(a -> a.startsWith("sink_name="))
                .map(a -> a.substring("sink_name=".length())).findFirst().orElse("virtual_out");
        pactl("set-default-sink", sinkName);
    }

    @Override
    public void close() throws Exception {
        if (unloaded) {
            load();
        }
    }

    /** index, name, arguments of the pipe-sink module writing our FIFO. */
    private String[] module() throws Exception {
        for (var line : pactl("list", "short", "modules").split("\n")) {
            var fields = line.split("\t");
            if (fields.length >= 3 && fields[1].equals("module-pipe-sink") && fields[2].contains("file=" + fifo)) {
                return fields;
            }
        }
        throw new IllegalStateException("no module-pipe-sink writing " + fifo);
    }

    private static String pactl(String... args) throws Exception {
        var command = new ArrayList<>(List.of("pactl"));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
