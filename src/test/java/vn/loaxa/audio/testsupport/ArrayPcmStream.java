package vn.loaxa.audio.testsupport;

import java.util.Arrays;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;

/** Interleaved samples held in memory, served as a {@link PcmStream}. */
public final class ArrayPcmStream implements PcmStream {

    private final PcmFormat format;
    private final short[] samples;
    private final int maxFramesPerRead;
    private int position;
    private boolean closed;

    public ArrayPcmStream(PcmFormat format, short[] samples) {
        this(format, samples, Integer.MAX_VALUE);
    }

    /** {@code maxFramesPerRead} simulates a decoder that returns short reads. */
    public ArrayPcmStream(PcmFormat format, short[] samples, int maxFramesPerRead) {
        if (samples.length % format.channels() != 0) {
            throw new IllegalArgumentException("not a whole number of frames");
        }
        this.format = format;
        this.samples = samples;
        this.maxFramesPerRead = maxFramesPerRead;
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    @Override
    public int read(short[] buffer, int offset, int maxFrames) {
        int channels = format.channels();
        int left = (samples.length - position) / channels;
        if (left == 0) {
            return -1;
        }
        int frames = Math.min(Math.min(left, maxFrames), maxFramesPerRead);
        System.arraycopy(samples, position, buffer, offset, frames * channels);
        position += frames * channels;
        return frames;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    public short[] samples() {
        return Arrays.copyOf(samples, samples.length);
    }
}
