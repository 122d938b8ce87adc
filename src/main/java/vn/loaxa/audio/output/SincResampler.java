package vn.loaxa.audio.output;

import java.io.IOException;
import java.util.Arrays;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;

/**
 * Band-limited sample-rate conversion with a Kaiser-windowed sinc, evaluated as a polyphase filter
 * for the rational ratio outRate/inRate.
 *
 * <p>Output frame k is the filter centred exactly on input position k * inRate / outRate, so the
 * output has no delay at its start, and the output length is round(inFrames * outRate / inRate):
 * converted items stay gapless when played back to back. Samples before the start and after the
 * end count as zero. The cut-off sits half a transition band below the lower Nyquist frequency,
 * so the stop band starts at that Nyquist frequency: downsampling does not alias, upsampling does
 * not leave images.
 */
final class SincResampler implements PcmStream {

    /** Taps on each side of the centre; 96 taps give a ~2.3 kHz transition band at 44.1 kHz. */
    static final int HALF_TAPS = 48;
    private static final int TAPS = 2 * HALF_TAPS;
    /** Stop-band attenuation the Kaiser window is designed for. */
    private static final double ATTENUATION_DB = 80.0;
    /** Above this many phases the table would be too large; coefficients are then computed per sample. */
    private static final int MAX_TABLE_PHASES = 4096;
    private static final int CHUNK_FRAMES = 4096;

    private final PcmStream source;
    private final PcmFormat format;
    private final int channels;
    /** Output rate / input rate reduced to upFactor / downFactor. */
    private final long upFactor;
    private final long downFactor;
    private final double cutoff;
    private final double beta;
    private final double i0Beta;
    private final double[][] table;

    /** Input frames, interleaved, as doubles; frame {@code inBase} is at index 0. */
    private double[] in;
    private long inBase;
    private int inFrames;
    private short[] readBuffer = new short[0];
    private long sourceFrames;
    private boolean sourceEnded;
    private long outIndex;
    private long outTotal = Long.MAX_VALUE;

    SincResampler(PcmStream source, int outRate) {
        this.source = source;
        int inRate = source.format().sampleRate();
        this.channels = source.format().channels();
        this.format = new PcmFormat(outRate, channels);
        long g = gcd(inRate, outRate);
        this.upFactor = outRate / g;
        this.downFactor = inRate / g;

        double transition = (ATTENUATION_DB - 8.0) / (2.285 * 2 * Math.PI * TAPS);
        double nyquist = 0.5 * Math.min(inRate, outRate) / inRate;
        this.cutoff = nyquist - transition / 2;
        this.beta = 0.1102 * (ATTENUATION_DB - 8.7);
        this.i0Beta = besselI0(beta);
        this.table = upFactor <= MAX_TABLE_PHASES ? buildTable() : new double[0][];

        // HALF_TAPS zero frames before frame 0 let the filter read "before the start" unchecked.
        this.in = new double[(CHUNK_FRAMES + 2 * TAPS) * channels];
        this.inBase = -HALF_TAPS;
        this.inFrames = HALF_TAPS;
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    @Override
    public int read(short[] buffer, int offset, int maxFrames) throws IOException {
        int produced = 0;
        while (produced < maxFrames && outIndex < outTotal) {
            long position = outIndex * downFactor;
            long centre = Math.floorDiv(position, upFactor);
            long lastNeeded = centre + HALF_TAPS;
            if (lastNeeded >= inBase + inFrames) {
                if (sourceEnded) {
                    throw new IllegalStateException("resampler ran past its zero padding");
                }
                fill(centre - HALF_TAPS + 1);
                continue;
            }
            int phase = (int) (position - centre * upFactor);
            double[] coefficients = table.length > 0 ? table[phase] : coefficients(phase);
            int first = (int) (centre - HALF_TAPS + 1 - inBase) * channels;
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                int index = first + c;
                for (int t = 0; t < TAPS; t++, index += channels) {
                    sum += in[index] * coefficients[t];
                }
                buffer[offset + produced * channels + c] = clip(sum);
            }
            produced++;
            outIndex++;
        }
        return produced == 0 && outIndex >= outTotal ? -1 : produced;
    }

    /** Reads more input, first dropping frames before {@code keepFrom} that no output needs any more. */
    private void fill(long keepFrom) throws IOException {
        int drop = (int) Math.max(0, Math.min(keepFrom - inBase, inFrames));
        if (drop > 0) {
            System.arraycopy(in, drop * channels, in, 0, (inFrames - drop) * channels);
            inBase += drop;
            inFrames -= drop;
        }
        int room = in.length / channels - inFrames;
        if (room < 2 * TAPS) {
            double[] bigger = new double[in.length * 2];
            System.arraycopy(in, 0, bigger, 0, inFrames * channels);
            in = bigger;
            room = in.length / channels - inFrames;
        }
        int want = Math.min(room - TAPS, CHUNK_FRAMES);
        if (readBuffer.length < want * channels) {
            readBuffer = new short[want * channels];
        }
        int got = source.read(readBuffer, 0, want);
        if (got < 0) {
            sourceEnded = true;
            // round(sourceFrames * up / down), exact in integers, halves rounded up
            outTotal = (2 * sourceFrames * upFactor + downFactor) / (2 * downFactor);
            // Zero padding after the end, so the last outputs see silence past the end.
            Arrays.fill(in, inFrames * channels, (inFrames + TAPS) * channels, 0.0);
            inFrames += TAPS;
            return;
        }
        for (int i = 0; i < got * channels; i++) {
            in[inFrames * channels + i] = readBuffer[i];
        }
        inFrames += got;
        sourceFrames += got;
    }

    private double[][] buildTable() {
        double[][] result = new double[(int) upFactor][];
        for (int p = 0; p < upFactor; p++) {
            result[p] = coefficients(p);
        }
        return result;
    }

    /**
     * Coefficients for output positions {@code phase / upFactor} of an input sample past an input
     * frame, normalised to sum 1 so every phase has exactly unity gain at DC (no phase-dependent
     * ripple on steady signals).
     */
    private double[] coefficients(int phase) {
        double fraction = (double) phase / upFactor;
        double[] h = new double[TAPS];
        double sum = 0;
        for (int t = 0; t < TAPS; t++) {
            double x = (t - HALF_TAPS + 1) - fraction;
            double w = x / HALF_TAPS;
            double window = Math.abs(w) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - w * w)) / i0Beta;
            h[t] = 2 * cutoff * sinc(2 * cutoff * x) * window;
            sum += h[t];
        }
        for (int t = 0; t < TAPS; t++) {
            h[t] /= sum;
        }
        return h;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static short clip(double value) {
        long rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
