package vn.loaxa.audio.mp3;

import static vn.loaxa.audio.AudioDecodeException.Reason.CORRUPT;
import static vn.loaxa.audio.AudioDecodeException.Reason.UNDECODABLE_STREAM;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import vn.loaxa.audio.AudioDecodeException;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;

/**
 * Decodes frame by frame through JLayer and applies what JLayer does not: silence for frames
 * without their reservoir data, mono frames up-mixed when the stream is declared stereo, and
 * mpg123's gapless trimming.
 */
final class Mp3PcmStream implements PcmStream {

    private final FileWindow file;
    private final PcmFormat format;
    private final int samplesPerFrame;
    private final long begin;
    private final long end;
    private final ArrayDeque<FrameMeta> metas = new ArrayDeque<>();
    private final FrameFeed feed;
    private final Bitstream bitstream;
    private final Decoder decoder = new CorrectedDecoder();
    private final PcmCollector collector;
    private final short[] frame;
    private final long declaredFrames;

    private long decodedSamples;
    private int frameIndex;
    private int frameOffset;
    private int frameEnd;
    private boolean finished;
    private boolean closed;

    Mp3PcmStream(FileWindow file, TagSkipper.AudioRange range, StreamSurvey survey,
            Mp3Decoder.Options options) {
        this.file = file;
        int channels = survey.outputChannels();
        this.format = new PcmFormat(survey.first.sampleRate(), channels);
        this.samplesPerFrame = survey.samplesPerFrame();
        this.begin = survey.gaplessBegin();
        this.end = survey.gaplessEnd();
        // The survey counted every frame: the output is that many frames' samples, gapless-trimmed.
        this.declaredFrames = Math.max(0, Math.min(end, (long) survey.audioFrames * samplesPerFrame) - begin);
        this.collector = new PcmCollector(channels);
        this.frame = new short[samplesPerFrame * channels];
        boolean repack = options.forceRepack() || survey.first.isFreeFormat() || survey.mixesChannelCounts();
        Repacker repacker = repack ? new Repacker(survey.first, channels) : null;
        this.feed = new FrameFeed(
                new FrameReader(file, range, options.tolerateTruncatedEnd()), survey.headerFrame != null,
                repacker, metas);
        this.bitstream = new Bitstream(feed);
        decoder.setOutputBuffer(collector);
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    @Override
    public long declaredFrames() {
        return declaredFrames;
    }

    /**
     * @throws AudioDecodeException CORRUPT when JLayer fails on a frame's contents (damage that
     *     the survey in {@link Mp3Decoder#open} cannot see), UNDECODABLE_STREAM when JLayer does
     *     not produce a full frame of samples for a frame
     */
    @Override
    public int read(short[] buffer, int offset, int maxFrames) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (maxFrames <= 0) {
            return 0;
        }
        while (frameOffset >= frameEnd) {
            if (finished || !decodeNextFrame()) {
                finished = true;
                return -1;
            }
        }
        int channels = format.channels();
        int n = Math.min(maxFrames, frameEnd - frameOffset);
        System.arraycopy(frame, frameOffset * channels, buffer, offset, n * channels);
        frameOffset += n;
        return n;
    }

    private boolean decodeNextFrame() throws IOException {
        long frameStart = decodedSamples;
        if (frameStart >= end) {
            return false;
        }
        if (!decodeIntoFrame()) {
            return false;
        }
        decodedSamples += samplesPerFrame;
        long from = Math.max(frameStart, begin);
        long to = Math.min(frameStart + samplesPerFrame, end);
        frameOffset = (int) (Math.max(0, from - frameStart));
        frameEnd = (int) Math.max(frameOffset, to - frameStart);
        return true;
    }

    /** Decodes the next frame into {@link #frame}; false at the end of the stream. */
    private boolean decodeIntoFrame() throws IOException {
        Header header;
        try {
            header = bitstream.readFrame();
        } catch (BitstreamException e) {
            throw failure("JLayer could not read frame " + frameIndex, e);
        }
        if (header == null) {
            if (feed.failure() != null) {
                throw feed.failure();
            }
            if (!metas.isEmpty() || !feed.exhausted()) {
                throw new AudioDecodeException(UNDECODABLE_STREAM, "JLayer stopped after "
                        + frameIndex + " frames with frames left to decode");
            }
            return false;
        }
        FrameMeta meta = metas.poll();
        if (meta == null) {
            throw new AudioDecodeException(UNDECODABLE_STREAM,
                    "JLayer found a frame that was not in the stream, after " + frameIndex);
        }
        try {
            decoder.decodeFrame(header, bitstream);
        } catch (DecoderException | RuntimeException e) {
            throw failure("frame " + frameIndex + " cannot be decoded", e);
        } finally {
            bitstream.closeFrame();
        }
        int channels = format.channels();
        int produced = collector.frames();
        if (produced == 0 && meta.missing()) {
            Arrays.fill(frame, (short) 0);
        } else if (produced == samplesPerFrame) {
            System.arraycopy(collector.samples(), 0, frame, 0, samplesPerFrame * channels);
            if (meta.sourceChannels() == 1 && channels == 2) {
                for (int i = 0; i < frame.length; i += 2) {
                    frame[i + 1] = frame[i];
                }
            }
        } else {
            throw new AudioDecodeException(UNDECODABLE_STREAM, "JLayer produced " + produced
                    + " samples instead of " + samplesPerFrame + " for frame " + frameIndex);
        }
        frameIndex++;
        return true;
    }

    private IOException failure(String detail, Exception cause) {
        if (feed.failure() != null) {
            return feed.failure();
        }
        return new AudioDecodeException(CORRUPT, detail + ": " + cause, cause);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            file.close();
        }
    }
}
