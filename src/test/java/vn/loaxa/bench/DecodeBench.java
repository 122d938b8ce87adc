package vn.loaxa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

import vn.loaxa.audio.mp3.Mp3Decoder;

/**
 * MP3 decode speed on one thread, warm, against mpg123 on the same file: the station decodes every
 * import whole and decodes while it plays, so this bounds both import time and playout headroom.
 */
final class DecodeBench {

    private DecodeBench() {
    }

    /** Encodes a 5-minute 128 kbit/s stereo MP3 with sox and lame (both needed by the benchmark). */
    static Path makeFiveMinuteMp3(Path dir) throws IOException, InterruptedException {
        var wav = dir.resolve("five-minutes.wav");
        var mp3 = dir.resolve("five-minutes.mp3");
        // Pink noise under a slow tone sweep: dense enough that the encoder uses the whole bit budget.
        run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(),
                "synth", "300", "pinknoise", "vol", "0.25", ":", "synth", "300", "sine", "200-2000", "vol", "0.2");
        run("lame", "--quiet", "-b", "128", "--cbr", wav.toString(), mp3.toString());
        Files.delete(wav);
        return mp3;
    }

    static void run(Path mp3) throws Exception {
        double seconds = 0;
        var times = new ArrayList<Double>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            long frames = decode(mp3);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            seconds = frames / 44_100.0;
            if (i >= 2) { // the first runs warm the JIT up
                times.add(elapsed);
            }
        }
        times.sort(Double::compare);
        double ours = seconds / times.get(times.size() / 2);
        double mpg123 = mpg123RealtimeFactor(mp3, seconds);
        System.out.printf("BENCH mp3_decode_x_realtime %.0f%n", ours);
        if (mpg123 > 0) {
            System.out.printf("BENCH mp3_decode_ratio_vs_mpg123 %.3f%n", ours / mpg123);
        }
    }

    private static long decode(Path mp3) throws IOException {
        try (var s = Mp3Decoder.open(mp3)) {
            var buf = new short[8192];
            long frames = 0;
            int n;
            while ((n = s.read(buf, 0, 8192 / s.format().channels())) >= 0) {
                frames += n;
            }
            return frames;
        }
    }

    private static double mpg123RealtimeFactor(Path mp3, double seconds) throws Exception {
        var times = new ArrayList<Double>();
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            var p = new ProcessBuilder("mpg123", "-q", "-s", mp3.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return -1;
            }
            times.add((System.nanoTime() - t0) / 1e9);
        }
        times.sort(Double::compare);
        return seconds / times.get(1);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        var p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("Command failed: " + String.join(" ", command));
        }
    }
}
