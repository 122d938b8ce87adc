package vn.loaxa.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Integrated loudness after ITU-R BS.1770-4 / EBU R 128 (K-weighting, 400 ms blocks with 75 %
 * overlap, absolute gate at -70 LUFS, relative gate 10 LU below). Bulletins from the district and
 * recordings made at the station differ by 10 dB and more; a loudness figure per asset is what lets
 * the operator (and later the player) even them out.
 */
final class LoudnessMeter {

    private static final double ABSOLUTE_GATE_LUFS = -70.0;

    private final int channels;
    private final Biquad[] shelf;
    private final Biquad[] highPass;
    private final int stepFrames;
    private final double[] stepEnergy = new double[4];
    private final List<Double> blockEnergies = new ArrayList<>();
    private double currentStep;
    private int framesInStep;
    private int stepsSeen;

    LoudnessMeter(int sampleRate, int channels) {
        this.channels = channels;
        this.shelf = new Biquad[channels];
        this.highPass = new Biquad[channels];
        for (int c = 0; c < channels; c++) {
            shelf[c] = Biquad.highShelf(sampleRate);
            highPass[c] = Biquad.highPass(sampleRate);
        }
        this.stepFrames = Math.max(1, sampleRate / 10);
    }

    void accept(short[] interleaved, int offset, int frames) {
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                double x = interleaved[offset + f * channels + c] / 32768.0;
                double y = highPass[c].apply(shelf[c].apply(x));
                sum += y * y;
            }
            currentStep += sum;
            if (++framesInStep == stepFrames) {
                closeStep();
            }
        }
    }

    private void closeStep() {
        stepEnergy[stepsSeen % 4] = currentStep;
        stepsSeen++;
        currentStep = 0;
        framesInStep = 0;
        if (stepsSeen >= 4) {
            double block = 0;
            for (double e : stepEnergy) {
                block += e;
            }
            blockEnergies.add(block / (4.0 * stepFrames));
        }
    }

    /** @return integrated loudness in LUFS, or NaN when the audio is shorter than one block or silent */
    double integratedLufs() {
        double absGate = energyOf(ABSOLUTE_GATE_LUFS);
        double sum = 0;
        int n = 0;
        for (double e : blockEnergies) {
            if (e > absGate) {
                sum += e;
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double relGate = energyOf(lufsOf(sum / n) - 10.0);
        sum = 0;
        n = 0;
        for (double e : blockEnergies) {
            if (e > absGate && e > relGate) {
                sum += e;
                n++;
            }
        }
        return n == 0 ? Double.NaN : lufsOf(sum / n);
    }

    private static double lufsOf(double meanSquare) {
        return -0.691 + 10 * Math.log10(meanSquare);
    }

    private static double energyOf(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }

    /** Direct form I biquad; coefficients for any rate derived from the analogue prototypes of BS.1770. */
    private static final class Biquad {
        private final double b0, b1, b2, a1, a2;
        private double x1, x2, y1, y2;

        private Biquad(double b0, double b1, double b2, double a1, double a2) {
            this.b0 = b0;
            this.b1 = b1;
            this.b2 = b2;
            this.a1 = a1;
            this.a2 = a2;
        }

        static Biquad highShelf(int fs) {
            double f0 = 1681.974450955533, gain = 3.999843853973347, q = 0.7071752369554196;
            double k = Math.tan(Math.PI * f0 / fs);
            double vh = Math.pow(10, gain / 20);
            double vb = Math.pow(vh, 0.4996667741545416);
            double a0 = 1 + k / q + k * k;
            return new Biquad((vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
                    2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
        }

        static Biquad highPass(int fs) {
            double f0 = 38.13547087602444, q = 0.5003270373238773;
            double k = Math.tan(Math.PI * f0 / fs);
            double a0 = 1 + k / q + k * k;
            return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
        }

        double apply(double x) {
            double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            return y;
        }
    }
}
