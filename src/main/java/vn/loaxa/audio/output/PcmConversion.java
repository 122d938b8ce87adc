package vn.loaxa.audio.output;

import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;

/** Adapts any {@link PcmStream} to the format an output line was opened with. */
public final class PcmConversion {

    private PcmConversion() {
    }

    /**
     * Returns {@code source} itself when it already has {@code target} format (so samples pass
     * bit-exact), otherwise a stream that maps channels and resamples. Downmixing happens before
     * resampling and upmixing after it, so the resampler always works on the fewer channels.
     */
    public static PcmStream toFormat(PcmStream source, PcmFormat target) {
        PcmFormat in = source.format();
        if (in.equals(target)) {
            return source;
        }
        PcmStream stream = source;
        if (in.channels() > target.channels()) {
            stream = new ChannelMapper(stream, target.channels());
        }
        if (in.sampleRate() != target.sampleRate()) {
            stream = new SincResampler(stream, target.sampleRate());
        }
        if (stream.format().channels() < target.channels()) {
            stream = new ChannelMapper(stream, target.channels());
        }
        return stream;
    }
}
