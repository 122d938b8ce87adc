package vn.loaxa.audio.testsupport;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;

/** Generated test signals and helpers to drain streams. */
public final class Signals {

    private Signals() {
    }

    /** A sine in every channel, rounded to 16 bits. */
    public static short[] sine(PcmFormat format, double frequency, double amplitude, int frames) {
        short[] out = new short[frames * format.channels()];
        for (int i = 0; i < frames; i++) {
            short v = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / format.sampleRate()));
            for (int c = 0; c < format.channels(); c++) {
                out[i * format.channels() + c] = v;
            }
        }
        return out;
    }

    /**
     * Seeded white noise with no zero samples, so a recording shows exactly where it starts and
     * ends and any lost, doubled or changed sample breaks equality.
     */
    public static short[] noise(PcmFormat format, int frames, long seed, int amplitude) {
        SplittableRandom random = new SplittableRandom(seed);
        short[] out = new short[frames * format.channels()];
        for (int i = 0; i < out.length; i++) {
            int v = random.nextInt(-amplitude, amplitude);
            out[i] = (short) (v == 0 ? 1 : v);
        }
        return out;
    }

    public static short[] readAll(PcmStream stream) throws IOException {
        return readAll(stream, 4096);
    }

    public static short[] readAll(PcmStream stream, int framesPerRead) throws IOException {
        int channels = stream.format().channels();
        short[] out = new short[framesPerRead * channels * 4];
        int samples = 0;
        short[] buffer = new short[framesPerRead * channels];
        int frames;
        while ((frames = stream.read(buffer, 0, framesPerRead)) != -1) {
            if (samples + frames * channels > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, samples + frames * channels));
            }
            System.arraycopy(buffer, 0, out, samples, frames * channels);
            samples += frames * channels;
        }
        return Arrays.copyOf(out, samples);
    }

    /** One channel of interleaved samples, as doubles. */
    public static double[] channel(short[] interleaved, int channels, int channel) {
        double[] out = new double[interleaved.length / channels];
        for (int i = 0; i < out.length; i++) {
            out[i] = interleaved[i * channels + channel];
        }
        return out;
    }

    /**
     * Least-squares fit of a sine of {@code frequency} to {@code x[from, to)}.
     *
     * @return {amplitude, rms of the residual}
     */
    public static double[] fitSine(double[] x, int from, int to, double frequency, int rate) {
        double ss = 0, sc = 0, cc = 0, xs = 0, xc = 0;
        for (int i = from; i < to; i++) {
            double s = Math.sin(2 * Math.PI * frequency * i / rate);
            double c = Math.cos(2 * Math.PI * frequency * i / rate);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            xs += x[i] * s;
            xc += x[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (xs * cc - xc * sc) / det;
        double b = (xc * ss - xs * sc) / det;
        double residual = 0;
        for (int i = from; i < to; i++) {
            double fit = a * Math.sin(2 * Math.PI * frequency * i / rate) + b * Math.cos(2 * Math.PI * frequency * i / rate);
            residual += (x[i] - fit) * (x[i] - fit);
        }
        return new double[] {Math.hypot(a, b), Math.sqrt(residual / (to - from))};
    }

    public static double rms(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
