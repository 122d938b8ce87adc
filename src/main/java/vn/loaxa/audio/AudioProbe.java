package vn.loaxa.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import vn.loaxa.audio.AudioDecodeException.Reason;

/**
 * Decodes a whole file once. That is the only proof that it will play to the end, and it yields
 * the exact length (after MP3 gapless trimming), the peak and the loudness.
 *
 * <p>With a length limit, a file that says it is longer (WAV header, MP3 frame count) is refused
 * before the first frame is decoded, and decoding stops as soon as it passes the limit: an MP3 of
 * hours of tiny frames costs a fraction of a second, not the minutes of CPU decoding it would take.
 */
public final class AudioProbe {

    /** Shorter than this is almost certainly a broken export, not a bulletin. */
    static final long MIN_DURATION_MS = 100;

    public record Result(AudioDecoders.Container container, PcmFormat format, long frames, long durationMs,
                         double peakDbfs, @Nullable Double loudnessLufs) {
    }

    private AudioProbe() {
    }

    public static Result probe(Path file) throws IOException {
        return probe(file, null);
    }

    /**
     * @param maxDuration the longest audio accepted; null for no limit
     * @throws AudioTooLongException when the audio is longer than {@code maxDuration}
     */
    public static Result probe(Path file, @Nullable Duration maxDuration) throws IOException {
        var container = AudioDecoders.sniff(file);
        try (var stream = AudioDecoders.open(file)) {
            var format = stream.format();
            long limitMs = maxDuration == null ? Long.MAX_VALUE : maxDuration.toMillis();
            long limitFrames = maxDuration == null ? Long.MAX_VALUE
                    : Math.multiplyExact(limitMs, (long) format.sampleRate()) / 1000;
            long declared = stream.declaredFrames();
            if (declared > limitFrames) {
                throw new AudioTooLongException(format.framesToMillis(declared), limitMs, true);
            }
            var meter = new LoudnessMeter(format.sampleRate(), format.channels());
            var buffer = new short[4096 * format.channels()];
            long frames = 0;
            int peak = 0;
            int n;
            while ((n = stream.read(buffer, 0, 4096)) >= 0) {
                frames += n;
                if (frames > limitFrames) {
                    // The header said less (or nothing): stop here rather than decode the rest.
                    throw new AudioTooLongException(format.framesToMillis(frames), limitMs, false);
                }
                for (int i = 0; i < n * format.channels(); i++) {
                    peak = Math.max(peak, Math.abs((int) buffer[i]));
                }
                meter.accept(buffer, 0, n);
            }
            long durationMs = format.framesToMillis(frames);
            if (durationMs < MIN_DURATION_MS) {
                throw new AudioDecodeException(Reason.TOO_SHORT,
                        "Only " + durationMs + " ms of audio (at least " + MIN_DURATION_MS + " ms needed)");
            }
            double peakDbfs = peak == 0 ? -144.0 : 20 * Math.log10(peak / 32768.0);
            double lufs = meter.integratedLufs();
            return new Result(container, format, frames, durationMs, round1(peakDbfs),
                    Double.isNaN(lufs) ? null : round1(lufs));
        }
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
