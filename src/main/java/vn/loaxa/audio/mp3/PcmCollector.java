package vn.loaxa.audio.mp3;

import javazoom.jl.decoder.Obuffer;

/**
 * JLayer's output buffer, replaced so that samples leave JLayer as floats. JLayer's own buffer
 * scales the synthesis output by 32700/32768 and truncates toward zero; both bias every sample
 * and keep it from conformance accuracy. Here the gain is undone and samples are rounded to the
 * nearest integer, then clipped.
 */
final class PcmCollector extends Obuffer {

    /** JLayer's Decoder hard-codes a synthesis scale factor of 32700 instead of 32768. */
    static final double GAIN_CORRECTION = 32768.0 / 32700.0;

    private final int channels;
    private final short[] samples = new short[OBUFFERSIZE];
    private final int[] written = new int[MAXCHANNELS];

    PcmCollector(int channels) {
        this.channels = channels;
    }

    @Override
    public void appendSamples(int channel, float[] f) {
        int pos = written[channel] * channels + channel;
        for (int i = 0; i < 32; i++) {
            // Round half away from zero, then clip: cheaper than Math.round on the hot path.
            double v = f[i] * GAIN_CORRECTION;
            int r = (int) (v < 0 ? v - 0.5 : v + 0.5);
            samples[pos] = (short) (r > Short.MAX_VALUE ? Short.MAX_VALUE
                    : r < Short.MIN_VALUE ? Short.MIN_VALUE : r);
            pos += channels;
        }
        written[channel] += 32;
    }

    static short toShort(double v) {
        long r = Math.round(v);
        if (r > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (r < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) r;
    }

    @Override
    public void append(int channel, short value) {
        // Not used by the Layer III path (it always calls appendSamples); kept consistent anyway.
        samples[written[channel]++ * channels + channel] = toShort(value * GAIN_CORRECTION);
    }

    /** Samples per channel written since the last clear, or -1 if the channels disagree. */
    int frames() {
        if (channels == 2 && written[0] != written[1]) {
            return -1;
        }
        return written[0];
    }

    short[] samples() {
        return samples;
    }

    @Override
    public void clear_buffer() {
        written[0] = 0;
        written[1] = 0;
    }

    @Override
    public void write_buffer(int val) {
        // The decoding loop takes the samples after each frame; nothing to flush.
    }

    @Override
    public void close() {
    }

    @Override
    public void set_stop_flag() {
    }
}
