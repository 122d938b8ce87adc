package vn.loaxa.audio.testsupport;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalLong;
import vn.loaxa.audio.PcmFormat;

/**
 * Records the virtual sound card's pipe-sink FIFO (env {@code LOAXA_TEST_FIFO}) on a thread of its
 * own, for as long as it is open, and maps recorded frames to wall-clock time.
 *
 * <p>The pipe sink writes one block (1024 frames, 23.2 ms) at a time, when the block is due by
 * the system clock, and writes silence while nothing plays, so the recording is one continuous
 * timeline. Frame i is taken to leave the card at t0 + i / rate, with t0 the smallest
 * (readTime - firstFrameOfRead / rate) over all reads: a read can only return after its first
 * frame was written, so each read bounds t0 from above and the tightest bound is the best.
 * Whatever sat in the FIFO when the recorder attached (up to 64 KiB, written long before) is
 * discarded: it is everything returned before the first read that had to wait.
 */
public final class FifoRecorder implements AutoCloseable {

    public static final String FIFO_ENV = "LOAXA_TEST_FIFO";
    /** The pipe sink's format, fixed in .ci/soundcard.sh. */
    public static final PcmFormat SINK_FORMAT = PcmFormat.CD_STEREO;

    private static final long WAITED_NANOS = 5_000_000L;
    /** Live audio this far behind the clock, twice in a row, was lost, not merely read late. */
    private static final long LOSS_NANOS = 40_000_000L;

    private final Path fifo;
    private final PcmFormat format;
    private final double nanosPerFrame;
    private final Object lock = new Object();
    private short[] samples = new short[1 << 20];
    private long frames;
    private long t0Nanos = Long.MAX_VALUE;
    private boolean live;
    /** How far the last live read was behind the clock; guarded by lock. */
    private long behindLiveNanos;
    private volatile boolean closed;
    private IOException failure;
    private InputStream in;
    private Thread thread;

    public FifoRecorder(Path fifo, PcmFormat format) {
        this.fifo = fifo;
        this.format = format;
        this.nanosPerFrame = 1e9 / format.sampleRate();
    }

    /** Starts recording the FIFO named by {@code LOAXA_TEST_FIFO}. */
    public static FifoRecorder startFromEnvironment() throws IOException {
        String path = System.getenv(FIFO_ENV);
        if (path == null || path.isBlank()) {
            throw new IllegalStateException(FIFO_ENV + " is not set: run eval \"$(.ci/soundcard.sh start DIR)\"");
        }
        FifoRecorder recorder = new FifoRecorder(Path.of(path), SINK_FORMAT);
        recorder.start();
        return recorder;
    }

    /** Opens the FIFO and returns once stale data is discarded and live audio is being recorded. */
    public void start() throws IOException {
        in = new FileInputStream(fifo.toFile());
        thread = new Thread(this::readLoop, "fifo-recorder");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        long deadline = System.nanoTime() + 3_000_000_000L;
        synchronized (lock) {
            while (frames == 0 && failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no audio from " + fifo + " within 3 s: is the virtual sound card running?");
                }
                waitOn(left);
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void readLoop() {
        int frameBytes = format.bytesPerFrame();
        byte[] buffer = new byte[65_536];
        int carry = 0;
        try {
            while (!closed) {
                long before = System.nanoTime();
                int n = in.read(buffer, carry, buffer.length - carry);
                long after = System.nanoTime();
                if (n < 0) {
                    break;
                }
                if (!live) {
                    if (after - before < WAITED_NANOS) {
                        continue; // stale data from before we attached
                    }
                    live = true;
                    carry = 0;
                }
                int total = carry + n;
                int whole = total / frameBytes;
                if (after - before >= WAITED_NANOS) {
                    resyncAfterLoss(after, whole);
                }
                store(buffer, whole, after);
                carry = total - whole * frameBytes;
                System.arraycopy(buffer, whole * frameBytes, buffer, 0, carry);
            }
        } catch (IOException e) {
            if (!closed) {
                synchronized (lock) {
                    failure = e;
                    lock.notifyAll();
                }
            }
        }
    }

    /**
     * The sink writes at the system clock and drops what does not fit in the FIFO: if this reader
     * was held up for longer than the FIFO holds (a long garbage collection in a busy test JVM),
     * audio was lost and every later frame would map to an instant too early. A read that had to
     * wait returns live audio, so the frames counted should reach its time; when two such reads in
     * a row say frames are missing (one could merely have woken late), the gap is filled with silence
     * before this read's audio (said on stdout), which keeps the recording's clock right.
     */
    private void resyncAfterLoss(long readNanos, int readFrames) {
        synchronized (lock) {
            if (frames == 0) {
                return;
            }
            long behindNanos = readNanos - (t0Nanos + Math.round((frames + readFrames) * nanosPerFrame));
            long previous = behindLiveNanos;
            behindLiveNanos = behindNanos;
            if (behindNanos < LOSS_NANOS || previous < LOSS_NANOS) {
                return;
            }
            long missing = Math.round((Math.min(behindNanos, previous) - WAITED_NANOS) / nanosPerFrame);
            long needed = (frames + missing) * format.channels();
            if (needed > samples.length) {
                samples = Arrays.copyOf(samples, (int) Math.max(needed, samples.length * 2L));
            }
            frames += missing;
            behindLiveNanos = 0;
            System.out.printf("fifo-recorder: %d ms of audio lost while the recorder was held up; "
                    + "filled with silence to keep the recording's clock%n", missing * 1000 / format.sampleRate());
        }
    }

    private void store(byte[] buffer, int readFrames, long readNanos) {
        int channels = format.channels();
        synchronized (lock) {
            long first = frames;
            t0Nanos = Math.min(t0Nanos, readNanos - Math.round(first * nanosPerFrame));
            long needed = (frames + readFrames) * channels;
            if (needed > samples.length) {
                samples = Arrays.copyOf(samples, (int) Math.max(needed, samples.length * 2L));
            }
            int base = (int) (frames * channels);
            for (int i = 0; i < readFrames * channels; i++) {
                samples[base + i] = (short) ((buffer[2 * i] & 0xff) | (buffer[2 * i + 1] << 8));
            }
            frames += readFrames;
            lock.notifyAll();
        }
    }

    public PcmFormat format() {
        return format;
    }

    public long framesRecorded() {
        synchronized (lock) {
            return frames;
        }
    }

    /** Wall-clock instant at which {@code frame} left the virtual card. */
    public Instant timeOfFrame(long frame) {
        synchronized (lock) {
            return toInstant(t0Nanos + Math.round(frame * nanosPerFrame));
        }
    }

    /** The frame that left the card at {@code instant} (may be negative or not yet recorded). */
    public long frameAt(Instant instant) {
        synchronized (lock) {
            return (long) Math.floor((toNanoTime(instant) - t0Nanos) / nanosPerFrame);
        }
    }

    /** Waits until the audio that leaves the card at {@code instant} has been recorded. */
    public void awaitTime(Instant instant, Duration timeout) throws InterruptedException {
        awaitFrame(frameAt(instant), timeout);
    }

    public void awaitFrame(long frame, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (frames <= frame) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("frame " + frame + " not recorded within " + timeout
                            + " (recorded " + frames + ")");
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** First frame at or after {@code from} with any non-zero sample, among those recorded so far. */
    public OptionalLong firstNonSilentFrame(long from) {
        int channels = format.channels();
        synchronized (lock) {
            for (long f = Math.max(0, from); f < frames; f++) {
                for (int c = 0; c < channels; c++) {
                    if (samples[(int) (f * channels + c)] != 0) {
                        return OptionalLong.of(f);
                    }
                }
            }
        }
        return OptionalLong.empty();
    }

    public OptionalLong firstNonSilentFrameAfter(Instant instant) {
        return firstNonSilentFrame(frameAt(instant));
    }

    /** Last frame before {@code to} with a non-zero sample, searching back to {@code from}. */
    public OptionalLong lastNonSilentFrame(long from, long to) {
        int channels = format.channels();
        synchronized (lock) {
            for (long f = Math.min(to, frames) - 1; f >= Math.max(0, from); f--) {
                for (int c = 0; c < channels; c++) {
                    if (samples[(int) (f * channels + c)] != 0) {
                        return OptionalLong.of(f);
                    }
                }
            }
        }
        return OptionalLong.empty();
    }

    /** Interleaved samples of frames [from, from + count), which must have been recorded. */
    public short[] samples(long from, int count) {
        synchronized (lock) {
            if (from < 0 || from + count > frames) {
                throw new IllegalArgumentException("frames " + from + ".." + (from + count) + " not recorded (have " + frames + ")");
            }
            int channels = format.channels();
            return Arrays.copyOfRange(samples, (int) (from * channels), (int) ((from + count) * channels));
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
        thread.interrupt();
    }

    private void waitOn(long nanos) {
        try {
            lock.wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long toNanoTime(Instant instant) {
        Instant now = Instant.now();
        long nanoNow = System.nanoTime();
        return nanoNow + (instant.getEpochSecond() - now.getEpochSecond()) * 1_000_000_000L
                + (instant.getNano() - now.getNano());
    }

    private static Instant toInstant(long nanoTime) {
        Instant now = Instant.now();
        long nanoNow = System.nanoTime();
        return now.plusNanos(nanoTime - nanoNow);
    }
}
