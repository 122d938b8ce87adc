package vn.loaxa.zone;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;
import vn.loaxa.audio.testsupport.Signals;

/**
 * Decodes DTMF symbols from PCM the way a village receiver does, so tests can check what the
 * receivers would hear and where on a recording's time line each tone lies.
 *
 * <p>Goertzel filters for the eight Q.23 frequencies run over 10 ms blocks of the mono mix, a block
 * every 1.25 ms. A block holds a symbol when one low and one high frequency each stand at least 6 dB
 * above the rest of their group, are within 8 dB of each other (twist), and carry at least 70% of the
 * block's energy (speech and music spread theirs over many frequencies; a vowel whose formants hold
 * harmonics near a DTMF pair reaches about 65%, tones over music 8 dB below them keep about 85%). A symbol counts when it holds
 * for at least 40 ms (Q.24); drop-outs up to 10 ms inside a tone are bridged. The edges of a detected
 * tone are then placed where its two frequencies carry half of a block's energy, which in silence is
 * where the tone's energy starts and stops to within about a millisecond.
 */
public final class DtmfDetector {

    /**
     * One detected symbol.
     *
     * @param start the first frame of the tone, counted from the start of the analysed samples
     * @param end   the frame after its last one
     */
    public record Tone(char symbol, long start, long end) {

        public long frames() {
            return end - start;
        }

        public double millis(int sampleRate) {
            return frames() * 1000.0 / sampleRate;
        }
    }

    static final int BLOCK_MS = 10;
    static final int MIN_TONE_MS = 40;
    static final int MAX_DROPOUT_MS = 10;
    private static final double DOMINANCE = Math.pow(10, 6 / 10.0);
    private static final double MAX_TWIST = Math.pow(10, 8 / 10.0);
    /** A block holds a symbol only when the pair carries this much of its energy. */
    private static final double MIN_SHARE = 0.7;
    /** A tone's edges lie where its pair carries half of a block's energy (half the block is tone). */
    private static final double EDGE_SHARE = 0.5;
    /** Below this mean square (-60 dBFS) a block is silence, whatever its spectrum. */
    private static final double SILENCE = Math.pow(32767 * Math.pow(10, -60 / 20.0), 2);

    private static final double[] FREQUENCIES = {697, 770, 852, 941, 1209, 1336, 1477, 1633};

    private DtmfDetector() {
    }

    public static List<Tone> detect(PcmStream stream) throws IOException {
        return detect(stream.format(), Signals.readAll(stream));
    }

    public static List<Tone> detect(PcmFormat format, short[] interleaved) {
        var channels = format.channels();
        var mono = new double[interleaved.length / channels];
        for (var i = 0; i < mono.length; i++) {
            var sum = 0.0;
            for (var c = 0; c < channels; c++) {
                sum += interleaved[i * channels + c];
            }
            mono[i] = sum / channels;
        }
        return detect(mono, format.sampleRate());
    }

    /** The symbols alone, in order, e.g. {@code "*31#"}. */
    public static String symbols(List<Tone> tones) {
        var out = new StringBuilder();
        tones.forEach(t -> out.append(t.symbol()));
        return out.toString();
    }

    /**
     * The symbols grouped into codes: a silence longer than {@code gapFrames} between two tones starts
     * a new code.
     */
    public static List<String> codes(List<Tone> tones, long gapFrames) {
        var codes = new ArrayList<String>();
        var current = new StringBuilder();
        for (var i = 0; i < tones.size(); i++) {
            if (i > 0 && tones.get(i).start() - tones.get(i - 1).end() > gapFrames) {
                codes.add(current.toString());
                current.setLength(0);
            }
            current.append(tones.get(i).symbol());
        }
        if (!current.isEmpty()) {
            codes.add(current.toString());
        }
        return codes;
    }

    static List<Tone> detect(double[] signal, int rate) {
        var block = Math.max(8, rate * BLOCK_MS / 1000);
        var hop = Math.max(1, block / 8);
        // Half a block of silence either side, so a tone at the very start or end is measured like any other.
        var pad = block / 2;
        var x = new double[signal.length + 2 * pad];
        System.arraycopy(signal, 0, x, pad, signal.length);
        var blocks = x.length < block ? 0 : (x.length - block) / hop + 1;
        var symbol = new char[blocks];
        var power = new double[blocks][];
        var energy = new double[blocks];
        for (var b = 0; b < blocks; b++) {
            var from = b * hop;
            var e = 0.0;
            for (var i = from; i < from + block; i++) {
                e += x[i] * x[i];
            }
            energy[b] = e;
            power[b] = new double[FREQUENCIES.length];
            for (var k = 0; k < FREQUENCIES.length; k++) {
                power[b][k] = goertzel(x, from, block, FREQUENCIES[k], rate);
            }
            symbol[b] = classify(power[b], e, block);
        }

        var tones = new ArrayList<Tone>();
        var b = 0;
        var maxDropout = (int) Math.round(MAX_DROPOUT_MS * rate / 1000.0 / hop);
        while (b < blocks) {
            if (symbol[b] == 0) {
                b++;
                continue;
            }
            var s = symbol[b];
            var first = b;
            var last = b;
            var next = b + 1;
            while (next < blocks && next - last <= maxDropout + 1) {
                if (symbol[next] == s) {
                    last = next;
                } else if (symbol[next] != 0) {
                    break;
                }
                next++;
            }
            var index = DtmfTones.KEYPAD.indexOf(s);
            var low = index / 4;
            var high = 4 + index % 4;
            // Widen to where the pair still carries half of a block's energy: the strict test above
            // fails early on blocks that hold only part of the tone, the energy share does not.
            while (first > 0 && share(power[first - 1], energy[first - 1], low, high, block) >= EDGE_SHARE
                    && (symbol[first - 1] == 0 || symbol[first - 1] == s)) {
                first--;
            }
            while (last + 1 < blocks && share(power[last + 1], energy[last + 1], low, high, block) >= EDGE_SHARE
                    && (symbol[last + 1] == 0 || symbol[last + 1] == s)) {
                last++;
            }
            // A block stands for the hop around its centre.
            var start = Math.max(0, (long) first * hop + block / 2 - hop / 2 - pad);
            var end = Math.min(signal.length, (long) last * hop + block / 2 + (hop + 1) / 2 - pad);
            if ((end - start) * 1000 >= (long) MIN_TONE_MS * rate) {
                tones.add(new Tone(s, start, end));
            }
            b = last + 1;
        }
        return tones;
    }

    private static char classify(double[] p, double energy, int block) {
        if (energy / block < SILENCE) {
            return 0;
        }
        var low = strongest(p, 0);
        var high = strongest(p, 4);
        for (var k = 0; k < 4; k++) {
            if (k != low && p[low] < DOMINANCE * p[k] || k + 4 != high && p[high] < DOMINANCE * p[k + 4]) {
                return 0;
            }
        }
        if (p[low] > MAX_TWIST * p[high] || p[high] > MAX_TWIST * p[low]) {
            return 0;
        }
        if (share(p, energy, low, high, block) < MIN_SHARE) {
            return 0;
        }
        return DtmfTones.symbol(low, high - 4);
    }

    private static int strongest(double[] p, int from) {
        var best = from;
        for (var k = from + 1; k < from + 4; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The share of the block's energy in the two frequencies (1 for a pure, steady pair). */
    private static double share(double[] p, double energy, int low, int high, int block) {
        return energy == 0 ? 0 : 2 * (p[low] + p[high]) / block / energy;
    }

    /** |X(f)|^2 over {@code x[from, from + n)}; f need not fall on a DFT bin. */
    private static double goertzel(double[] x, int from, int n, double frequency, int rate) {
        var coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double s1 = 0;
        double s2 = 0;
        for (var i = from; i < from + n; i++) {
            var s0 = x[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }
}
