package vn.loaxa.audio.output;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Maps the line's frame position to {@link System#nanoTime()}.
 *
 * <p>Each observation (time, framePosition) gives a candidate for the instant at which frame 0
 * left the line: time - position / rate. The position moves in steps (the periods a driver or a
 * sound server takes data in), so the candidates spread over one step around the truth: through
 * PulseAudio's ALSA plugin they spread ~20 ms, from ~10 ms before to ~10 ms after the instant the
 * recording shows. The estimate is the centre of that spread, between the 5th and the 95th
 * percentile so that one descheduled observation cannot move it. Its remaining offset from the
 * real output is constant for a given output path and is what {@link PlayerConfig#outputLatency()}
 * calibrates. (The minimum, the textbook choice for a position that only lags, was measured to
 * wander by 6 ms from one playout to the next through PulseAudio; the centre by about 3 ms.)
 * The window is short so that the drift between a sound card's crystal and the system clock cannot
 * accumulate.
 */
final class LineClock {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final double nanosPerFrame;
    private final ArrayDeque<long[]> observations = new ArrayDeque<>();
    private long cachedZero;
    private boolean cacheValid;

    LineClock(int sampleRate) {
        this.nanosPerFrame = 1e9 / sampleRate;
    }

    void observe(long nanoTime, long framePosition) {
        observations.addLast(new long[] {nanoTime, nanoTime - Math.round(framePosition * nanosPerFrame)});
        while (observations.size() > 1 && observations.peekFirst()[0] < nanoTime - WINDOW_NANOS) {
            observations.removeFirst();
        }
        cacheValid = false;
    }

    boolean hasObservations() {
        return !observations.isEmpty();
    }

    /** nanoTime at which frame 0 left the line (extrapolated). */
    long zeroNanos() {
        if (!cacheValid) {
            long[] candidates = new long[observations.size()];
            int i = 0;
            for (long[] o : observations) {
                candidates[i++] = o[1];
            }
            Arrays.sort(candidates);
            int n = candidates.length;
            long low = candidates[(int) ((n - 1) * 0.05)];
            long high = candidates[(int) Math.ceil((n - 1) * 0.95)];
            cachedZero = low + (high - low) / 2;
            cacheValid = true;
        }
        return cachedZero;
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
