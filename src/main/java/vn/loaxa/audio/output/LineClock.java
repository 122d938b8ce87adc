package vn.loaxa.audio.output;

import java.util.ArrayDeque;

/**
 * Maps the line's frame position to {@link System#nanoTime()}.
 *
 * <p>Each observation (time, framePosition) bounds the instant at which frame 0 left the line:
 * zero &lt;= time - position / rate, because the position reported lags behind the real one (it moves
 * in the steps the driver or sound server takes data in, and is read after the fact). The smallest
 * bound over a recent window is therefore the best estimate. The window is short so that the drift
 * between a sound card's crystal and the system clock cannot accumulate.
 */
final class LineClock {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final double nanosPerFrame;
    private final ArrayDeque<long[]> observations = new ArrayDeque<>();

    LineClock(int sampleRate) {
        this.nanosPerFrame = 1e9 / sampleRate;
    }

    void observe(long nanoTime, long framePosition) {
        observations.addLast(new long[] {nanoTime, nanoTime - Math.round(framePosition * nanosPerFrame)});
        while (observations.size() > 1 && observations.peekFirst()[0] < nanoTime - WINDOW_NANOS) {
            observations.removeFirst();
        }
    }

    boolean hasObservations() {
        return !observations.isEmpty();
    }

    /** nanoTime at which frame 0 left the line (extrapolated). */
    long zeroNanos() {
        long best = Long.MAX_VALUE;
        for (long[] o : observations) {
            best = Math.min(best, o[1]);
        }
        return best;
    }

    /** The frame that leaves the line at {@code nanoTime}, rounded to the nearest frame. */
    long frameAt(long nanoTime) {
        return Math.round((nanoTime - zeroNanos()) / nanosPerFrame);
    }

    /** nanoTime at which {@code frame} leaves the line. */
    long nanosAt(long frame) {
        return zeroNanos() + Math.round(frame * nanosPerFrame);
    }
}
