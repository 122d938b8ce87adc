package vn.loaxa.audio.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.loaxa.audio.PcmFormat;

/**
 * An output line on a {@link LineTime}, the {@link SimulatedClock}'s virtual time or the real one:
 * once started it takes frames at its sample rate of that time, from a buffer of the size it was opened with; a write into a full buffer waits
 * (moves the virtual time on) until the line has taken enough, as Java Sound's blocking write does.
 * It keeps every frame written (the first channel), so a test can say which sample left the line at
 * which virtual instant, to the frame; a line that runs dry is counted, not hidden.
 */
public final class SimulatedLine implements OutputLine {

    /** The time a simulated line runs on: waiting moves a virtual time on, or sleeps in real time. */
    public interface LineTime {
        long nanoTime();

        void waitUntil(long nanoTime);
    }

    /** Real time: lines paced by System.nanoTime, for code that itself waits on the real clock. */
    public static final LineTime REAL_TIME = new LineTime() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void waitUntil(long nanoTime) {
            long left;
            while ((left = nanoTime - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
        }
    };

    /** Consecutive frames of one sample value: an item's constant signal, or silence (0). */
    public record Run(short value, long from, long length) {
        public long to() {
            return from + length;
        }
    }

    private final LineTime clock;
    private final PcmFormat format;
    private final int bufferFrames;
    private boolean open = true;
    private boolean started;
    private long startNanos;
    private long written;
    private long consumed;
    /** Frames the device wanted while the buffer was empty: the line ran dry for that long. */
    private long dryFrames;
    private int writesRefusedFromFrame = -1;
    private short[] samples = new short[1 << 16];
    private final long openedAt;

    SimulatedLine(LineTime clock, PcmFormat format, int bufferFrames) {
        this.openedAt = clock.nanoTime();
        this.clock = clock;
        this.format = format;
        this.bufferFrames = bufferFrames;
    }

    /** From the moment {@code frame} frames have been written, writes return 0: the device is gone. */
    public void refuseWritesFrom(int frame) {
        writesRefusedFromFrame = frame;
    }

    @Override
    public int write(byte[] bytes, int offset, int length) {
        int bpf = format.bytesPerFrame();
        int frames = length / bpf;
        int done = 0;
        while (true) {
            long waitUntil;
            synchronized (this) {
                if (done >= frames || !open || writesRefusedFromFrame >= 0 && written >= writesRefusedFromFrame) {
                    return done * bpf;
                }
                sync();
                long free = bufferFrames - (written - consumed);
                if (free > 0) {
                    int n = (int) Math.min(free, frames - done);
                    if (writesRefusedFromFrame >= 0) {
                        n = (int) Math.min(n, writesRefusedFromFrame - written);
                    }
                    record(bytes, offset + done * bpf, n);
                    done += n;
                    continue;
                }
                if (!started) {
                    throw new IllegalStateException("a write into the full buffer of a line never started blocks for ever");
                }
                long needed = Math.min(frames - done, bufferFrames);
                waitUntil = timeOfDue(consumed + dryFrames + needed);
            }
            // Outside the lock, as Java Sound's blocking write: a close from another thread gets through.
            clock.waitUntil(waitUntil);
        }
    }

    private void record(byte[] bytes, int offset, int frames) {
        while (written + frames > samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        int bpf = format.bytesPerFrame();
        for (int i = 0; i < frames; i++) {
            int at = offset + i * bpf;
            samples[(int) written + i] = (short) ((bytes[at] & 0xff) | (bytes[at + 1] << 8));
        }
        written += frames;
    }

    @Override
    public synchronized void start() {
        if (!started) {
            started = true;
            startNanos = clock.nanoTime();
        }
    }

    @Override
    public void drain() {
        long until;
        synchronized (this) {
            sync();
            if (!started || written <= consumed) {
                return;
            }
            until = timeOfDue(written + dryFrames);
        }
        clock.waitUntil(until);
        synchronized (this) {
            sync();
        }
    }

    @Override
    public synchronized void close() {
        sync();
        open = false;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized long framePosition() {
        sync();
        return consumed;
    }

    /** Takes the frames the device has wanted since the last look, from the buffer while it lasts. */
    private void sync() {
        if (!started || !open) {
            return;
        }
        long due = framesSince(clock.nanoTime()) - dryFrames;
        long wanted = due - consumed;
        if (wanted <= 0) {
            return;
        }
        long taken = Math.min(wanted, written - consumed);
        consumed += taken;
        dryFrames += wanted - taken;
    }

    private long framesSince(long nanoTime) {
        return (nanoTime - startNanos) * format.sampleRate() / 1_000_000_000L;
    }

    private long timeOfDue(long frames) {
        return startNanos + Math.ceilDiv(frames * 1_000_000_000L, format.sampleRate());
    }

    /** The virtual nanoTime at which {@code frame} leaves the line (valid for a line that never ran dry). */
    public synchronized long nanosOfFrame(long frame) {
        return timeOfDue(frame);
    }

    /** The virtual nanoTime at which the line was opened. */
    public long openedAt() {
        return openedAt;
    }

    public int bufferFrames() {
        return bufferFrames;
    }

    public synchronized long written() {
        return written;
    }

    /** Frames of virtual time the line spent with nothing to play, after it was started. */
    public synchronized long dryFrames() {
        sync();
        return dryFrames;
    }

    public synchronized boolean started() {
        return started;
    }

    public synchronized short sample(long frame) {
        return samples[(int) frame];
    }

    /** The first frame at or after {@code from} whose sample is {@code value}; -1 if none. */
    public synchronized long firstFrameOf(short value, long from) {
        for (long f = from; f < written; f++) {
            if (samples[(int) f] == value) {
                return f;
            }
        }
        return -1;
    }

    /** Everything written, as runs of one value. */
    public synchronized List<Run> runs() {
        var runs = new ArrayList<Run>();
        long from = 0;
        for (long f = 1; f <= written; f++) {
            if (f == written || samples[(int) f] != samples[(int) from]) {
                runs.add(new Run(samples[(int) from], from, f - from));
                from = f;
            }
        }
        return runs;
    }

    /** How many frames carried {@code value}: a broadcast's constant signal, counted whole. */
    public synchronized long framesOf(short value) {
        return runs().stream().filter(r -> r.value() == value).mapToLong(Run::length).sum();
    }

    /** The last frame that was not silence. */
    public synchronized long lastSoundingFrame() {
        for (long f = written() - 1; f >= 0; f--) {
            if (sample(f) != 0) {
                return f;
            }
        }
        throw new AssertionError("silent line");
    }

    /** The largest step between neighbouring frames in {@code [from, to]}: a cut shows as one, a fade does not. */
    public synchronized long steepestStep(long from, long to) {
        long steepest = 0;
        for (long f = from; f <= to && f < written(); f++) {
            steepest = Math.max(steepest, Math.abs(sample(f) - sample(f - 1)));
        }
        return steepest;
    }
}
