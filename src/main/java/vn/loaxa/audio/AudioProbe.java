package vn.loaxa.audio;

import java.io.IOException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import vn.loaxa.audio.AudioDecodeException.Reason;

/**
 * Decodes a whole file once. That is the only proof that it will play to the end, and it yields
 * the exact length (after MP3 gapless trimming), the peak and the loudness.
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
        var container = AudioDecoders.sniff(file);
        try (var stream = AudioDecoders.open(file)) {
            var format = stream.format();
            var meter = new LoudnessMeter(format.sampleRate(), format.channels());
            var buffer = new short[4096 * format.channels()];
            long frames = 0;
            int peak = 0;
            int n;
            while ((n = stream.read(buffer, 0, 4096)) >= 0) {
                for (int i = 0; i < n * format.channels(); i++) {
                    peak = Math.max(peak, Math.abs((int) buffer[i]));
                }
                meter.accept(buffer, 0, n);
                frames += n;
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
