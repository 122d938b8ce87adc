package vn.loaxa.audio.mp3;

import static vn.loaxa.audio.AudioDecodeException.Reason.TOO_SHORT;

import java.io.IOException;
import vn.loaxa.audio.AudioDecodeException;

/**
 * A pass over every frame of a file before decoding starts. It reads headers and side information
 * only, which is cheap, and it means that a truncated or damaged file is refused before the first
 * sample is aired instead of stopping in the middle of a broadcast. It also tells what the decoding
 * pass needs to know up front: the channel layout for the whole stream and whether JLayer can take
 * the frames as they are.
 */
final class StreamSurvey {

    /** mpg123's decoder delay (GAPLESS_DELAY): the synthesis filter bank's latency, in samples. */
    static final int DECODER_DELAY = 529;

    final FrameHeader first;
    final HeaderFrame headerFrame;
    final int audioFrames;
    final boolean hasMono;
    final boolean hasStereo;
    final int missingFrames;

    private StreamSurvey(FrameHeader first, HeaderFrame headerFrame, int audioFrames,
            boolean hasMono, boolean hasStereo, int missingFrames) {
        this.first = first;
        this.headerFrame = headerFrame;
        this.audioFrames = audioFrames;
        this.hasMono = hasMono;
        this.hasStereo = hasStereo;
        this.missingFrames = missingFrames;
    }

    static StreamSurvey of(FileWindow file, TagSkipper.AudioRange range, Mp3Decoder.Options options)
            throws IOException {
        FrameReader reader = new FrameReader(file, range, options.tolerateTruncatedEnd());
        SideInfo si = new SideInfo();
        ReservoirTracker reservoir = new ReservoirTracker();
        HeaderFrame headerFrame = null;
        int audio = 0;
        int missing = 0;
        boolean mono = false;
        boolean stereo = false;
        for (Frame f = reader.next(); f != null; f = reader.next()) {
            if (f.index() == 0 && (headerFrame = HeaderFrame.parse(f)) != null) {
                continue;
            }
            si.parse(f.header(), f.data());
            if (reservoir.accept(f, si) == ReservoirTracker.Status.MISSING) {
                missing++;
            }
            audio++;
            if (f.header().channels() == 1) {
                mono = true;
            } else {
                stereo = true;
            }
        }
        if (audio == 0) {
            throw new AudioDecodeException(TOO_SHORT, "the stream has no audio frames");
        }
        return new StreamSurvey(reader.first(), headerFrame, audio, mono, stereo, missing);
    }

    int outputChannels() {
        return hasStereo ? 2 : 1;
    }

    boolean mixesChannelCounts() {
        return hasMono && hasStereo;
    }

    int samplesPerFrame() {
        return first.samplesPerFrame();
    }

    /** First sample to output, counted over all decoded audio frames (mpg123's begin_s). */
    long gaplessBegin() {
        return hasGaplessInfo() ? headerFrame.delay() + DECODER_DELAY : 0;
    }

    /** One past the last sample to output (mpg123's end_s), or Long.MAX_VALUE. */
    long gaplessEnd() {
        if (!hasGaplessInfo()) {
            return Long.MAX_VALUE;
        }
        return headerFrame.frameCount() * samplesPerFrame() - headerFrame.padding()
                + DECODER_DELAY;
    }

    private boolean hasGaplessInfo() {
        return headerFrame != null && headerFrame.frameCount() > 0 && headerFrame.delay() >= 0
                && headerFrame.padding() >= 0;
    }
}
