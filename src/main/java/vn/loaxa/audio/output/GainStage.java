package vn.loaxa.audio.output;

/**
 * Volume and fades, applied to interleaved samples just before they are written to the line.
 * Gain changes are linear ramps, because a gain step on a loud signal is an audible click.
 * At a steady gain of exactly 1.0 samples are left untouched, so normal playback stays bit-exact.
 */
final class GainStage {

    /** Above this gain, amplification would mostly be clipping. */
    static final double MAX_GAIN = 4.0;

    private double gain;
    private double target;
    private double step;
    private long rampFramesLeft;

    GainStage(double initial) {
        this.gain = check(initial);
        this.target = gain;
    }

    /** Moves linearly from the current gain to {@code newTarget} over {@code frames} frames. */
    void rampTo(double newTarget, long frames) {
        target = check(newTarget);
        if (frames <= 0) {
            gain = target;
            rampFramesLeft = 0;
        } else {
            step = (target - gain) / frames;
            rampFramesLeft = frames;
        }
    }

    double gain() {
        return gain;
    }

    double target() {
        return target;
    }

    boolean isRamping() {
        return rampFramesLeft > 0;
    }

    /** True once a ramp to zero has completed: everything from now on would be silence. */
    boolean isSilenced() {
        return rampFramesLeft == 0 && gain == 0.0;
    }

    void apply(short[] samples, int offset, int frames, int channels) {
        if (rampFramesLeft == 0 && gain == 1.0) {
            return;
        }
        int index = offset;
        for (int frame = 0; frame < frames; frame++) {
            for (int c = 0; c < channels; c++, index++) {
                long scaled = Math.round(samples[index] * gain);
                samples[index] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, scaled));
            }
            if (rampFramesLeft > 0) {
                rampFramesLeft--;
                // Land exactly on the target so that a fade ends in true zeros and 1.0 is exact again.
                gain = rampFramesLeft == 0 ? target : gain + step;
            }
        }
    }

    private static double check(double value) {
        if (!(value >= 0.0 && value <= MAX_GAIN)) {
            throw new IllegalArgumentException("gain must be within 0.." + MAX_GAIN + ": " + value);
        }
        return value;
    }
}
