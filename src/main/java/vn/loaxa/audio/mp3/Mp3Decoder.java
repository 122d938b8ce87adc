package vn.loaxa.audio.mp3;

import static vn.loaxa.audio.AudioDecodeException.Reason.EMPTY_FILE;

import java.io.IOException;
import java.nio.file.Path;
import vn.loaxa.audio.AudioDecodeException;
import vn.loaxa.audio.PcmStream;

/**
 * MP3 (MPEG-1/2/2.5 Layer III) decoding for broadcast: output matches mpg123, including its
 * gapless trimming, and a file is either decoded whole or refused.
 */
public final class Mp3Decoder {

    private Mp3Decoder() {
    }

    /**
     * Switches for measuring the decoder itself (tests and benchmarks), never for broadcast.
     *
     * @param forceRepack rewrite every stream through the repacker, even one JLayer takes as is
     * @param tolerateTruncatedEnd drop a last frame that is cut short (as mpg123 does) instead of
     *     refusing the file; one ISO conformance vector ends that way
     */
    record Options(boolean forceRepack, boolean tolerateTruncatedEnd) {
        static final Options BROADCAST = new Options(false, false);
    }

    /**
     * Opens a file for streaming decode. The whole file is surveyed first (headers and side
     * information only, a small fraction of decoding time), so structural problems are reported
     * here, before any audio is played: EMPTY_FILE, NOT_AUDIO, UNSUPPORTED_FORMAT (Layer I/II),
     * TRUNCATED (the last frame is cut short), CORRUPT (damage between frames or inconsistent bit
     * reservoir), TOO_SHORT (no audio frame). Damage inside a frame's audio data can only show
     * while decoding and is reported by {@link PcmStream#read} as CORRUPT.
     *
     * <p>The stream's format is fixed: a stream that mixes mono and stereo frames is declared
     * stereo and its mono frames are played on both channels.
     */
    public static PcmStream open(Path file) throws IOException {
        return open(file, Options.BROADCAST);
    }

    static PcmStream open(Path file, Options options) throws IOException {
        FileWindow window = new FileWindow(file);
        try {
            if (window.size() == 0) {
                throw new AudioDecodeException(EMPTY_FILE, file.getFileName() + " is empty");
            }
            TagSkipper.AudioRange range = TagSkipper.find(window);
            StreamSurvey survey = StreamSurvey.of(window, range, options);
            return new Mp3PcmStream(window, range, survey, options);
        } catch (IOException | RuntimeException e) {
            window.close();
            throw e;
        }
    }
}
