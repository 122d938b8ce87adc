package vn.loaxa.playout;

import java.io.IOException;
import java.nio.file.Path;

import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.testing.Wavs;

/** Items that can be told apart in a recording: each is a sine of its own frequency. */
final class Tones {

    static final int RATE = 44_100;

    private Tones() {
    }

    static Path wav(Path dir, String name, double hz, double seconds) throws IOException {
        return Wavs.write16(dir.resolve(name + ".wav"), RATE, 1, Wavs.sine(RATE, 1, seconds, hz, 0.4));
    }

    /** Goertzel power of {@code hz} in the left channel of recorded frames [from, from + count). */
    static double power(FifoRecorder recorder, long from, int count, double hz) {
        var samples = recorder.samples(from, count);
        int channels = recorder.format().channels();
        double coeff = 2 * Math.cos(2 * Math.PI * hz / recorder.format().sampleRate());
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < count; i++) {
            double s = samples[i * channels] / 32768.0 + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / count;
    }

    /**
     * Which of {@code tones} dominates each 50 ms window of [from, to); -1 for silence or when no tone
     * clearly dominates. A window counts as a tone when that tone has at least four times the power of
     * every other candidate: a window that catches only the first or last millisecond of a tone sees
     * that sliver almost equally at every frequency, and must not count as another tone having sounded.
     */
    static int[] timeline(FifoRecorder recorder, long from, long to, double... tones) {
        int window = RATE / 20;
        int n = (int) Math.max(0, (to - from) / window);
        var out = new int[n];
        for (int w = 0; w < n; w++) {
            long start = from + (long) w * window;
            int best = -1;
            double bestPower = 1e-4;
            double runnerUp = 0;
            for (int t = 0; t < tones.length; t++) {
                double p = power(recorder, start, window, tones[t]);
                if (p > bestPower) {
                    runnerUp = Math.max(runnerUp, best >= 0 ? bestPower : 0);
                    bestPower = p;
                    best = t;
                } else {
                    runnerUp = Math.max(runnerUp, p);
                }
            }
            out[w] = best >= 0 && bestPower >= 4 * runnerUp ? best : -1;
        }
        return out;
    }

    /** Seconds of the recording in which tone {@code index} dominates. */
    static double seconds(int[] timeline, int index) {
        int n = 0;
        for (int t : timeline) {
            if (t == index) {
                n++;
            }
        }
        return n / 20.0;
    }
}
