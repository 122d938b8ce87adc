package vn.loaxa.testing;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The virtual card's microphone ({@code .ci/soundcard.sh}'s pipe source, {@code LOAXA_TEST_MIC_FIFO}):
 * fed 10 ms of mono 44.1 kHz PCM every 10 ms of real time, as a sound card delivers it (written ahead,
 * it would wait in the FIFO and add delay); silence, unless a tone is being "said".
 */
public final class TestMicrophone implements AutoCloseable {

    private static final int RATE = 44_100;

    private final FileOutputStream fifo;
    private final Thread feeder;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Instant> toneSpoken = new AtomicReference<>();
    private volatile int toneFrames;
    private volatile double hz;

    private TestMicrophone(Path path) throws IOException {
        fifo = new FileOutputStream(path.toFile());
        feeder = Thread.ofPlatform().name("test-microphone").daemon().start(this::feed);
    }

    /** The card's microphone; fails (the test needs it) when the card was started without one. */
    public static TestMicrophone fromEnvironment() throws IOException {
        var path = System.getenv("LOAXA_TEST_MIC_FIFO");
        if (path == null || !Files.exists(Path.of(path))) {
            throw new AssertionError("the virtual card has no microphone (LOAXA_TEST_MIC_FIFO): restart it with "
                    + ".ci/soundcard.sh, which loads a pipe source");
        }
        return new TestMicrophone(Path.of(path));
    }

    /** Says a tone of {@code millis} from the next 10 ms on; returns when its first sample was written. */
    public Instant say(double hz, int millis) throws InterruptedException {
        toneSpoken.set(null);
        this.hz = hz;
        toneFrames = RATE * millis / 1000;
        while (toneSpoken.get() == null) {
            Thread.sleep(1);
        }
        return toneSpoken.get();
    }

    private void feed() {
        int chunk = RATE / 100;
        var bytes = ByteBuffer.allocate(chunk * 2).order(ByteOrder.LITTLE_ENDIAN);
        long next = System.nanoTime();
        long phase = 0;
        try {
            while (running.get()) {
                bytes.clear();
                int remaining = toneFrames;
                boolean first = remaining > 0 && toneSpoken.get() == null;
                for (int i = 0; i < chunk; i++) {
                    double v = 0;
                    if (remaining > 0) {
                        v = 0.5 * Math.sin(2 * Math.PI * hz * phase / RATE);
                        phase++;
                        remaining--;
                    }
                    bytes.putShort((short) Math.round(v * Short.MAX_VALUE));
                }
                var at = Instant.now();
                fifo.write(bytes.array());
                if (first) {
                    toneSpoken.set(at);
                }
                toneFrames = remaining;
                next += 10_000_000L;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                }
            }
        } catch (IOException | InterruptedException e) {
            // Closed by the test.
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        running.set(false);
        feeder.join(1_000);
        fifo.close();
    }
}
