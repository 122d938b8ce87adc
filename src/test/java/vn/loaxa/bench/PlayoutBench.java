package vn.loaxa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.mp3.Mp3Decoder;
import vn.loaxa.audio.PcmStream;
import vn.loaxa.audio.output.PcmConversion;
import vn.loaxa.audio.output.PlayoutHandle;
import vn.loaxa.audio.output.Player;
import vn.loaxa.audio.output.PlayerConfig;
import vn.loaxa.audio.output.PlayoutItem;
import vn.loaxa.audio.output.PlayoutListener;
import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.Signals;
import vn.loaxa.audio.testsupport.WavPcmStream;

/**
 * Start accuracy and gaps, measured through the virtual sound card (.ci/soundcard.sh) by
 * recording its FIFO. Prints {@code BENCH name value} lines.
 *
 * <p>System properties: {@code bench.starts} (default 20); {@code bench.outputLatencyMs} (default
 * 0, what the player is configured with); {@code bench.calibrate=true} to first play a few starts
 * with no compensation and use their median error as the output latency (what a station would do
 * once with a loopback cable).
 */
public final class PlayoutBench {

    private static final PcmFormat CD = PcmFormat.CD_STEREO;
    private static final int CALIBRATION_STARTS = 5;

    private final FifoRecorder recorder;

    public PlayoutBench(FifoRecorder recorder) {
        this.recorder = recorder;
    }

    public static void main(String[] args) throws Exception {
        run(Files.createTempDirectory("loaxa-bench"));
    }

    /** Start accuracy over {@code bench.starts} (20) scheduled starts, and added samples between items. */
    public static void run(Path dir) throws Exception {
        int starts = Integer.getInteger("bench.starts", 20);
        Path startWav = dir.resolve("start.wav");
        Path aWav = dir.resolve("a.wav");
        Path bWav = dir.resolve("b.wav");
        WavPcmStream.write(startWav, CD, Signals.noise(CD, 17_640, 11, 20_000));
        WavPcmStream.write(aWav, CD, Signals.noise(CD, 88_200, 12, 20_000));
        WavPcmStream.write(bWav, CD, Signals.noise(CD, 66_150, 13, 20_000));
        Path aMp3 = encodeMp3(dir, "a", 440, 2.3);
        Path bMp3 = encodeMp3(dir, "b", 660, 1.7);

        try (FifoRecorder recorder = FifoRecorder.startFromEnvironment()) {
            PlayoutBench bench = new PlayoutBench(recorder);
            PlayerConfig config = PlayerConfig.defaults();
            PlayoutItem.Opener start = () -> WavPcmStream.open(startWav);

            double latencyMs = Double.parseDouble(System.getProperty("bench.outputLatencyMs", "0"));
            if (Boolean.getBoolean("bench.calibrate")) {
                double[] raw = new double[CALIBRATION_STARTS];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = bench.startError(config, start);
                }
                latencyMs = median(raw);
                print("start_error_uncompensated_median_ms", latencyMs);
            }
            print("output_latency_ms", latencyMs);
            config = config.withOutputLatency(Duration.ofNanos(Math.round(latencyMs * 1e6)));

            double[] errors = new double[starts];
            double[] reported = new double[starts];
            for (int i = 0; i < starts; i++) {
                double[] both = bench.startErrorAndReport(config, start);
                errors[i] = Math.abs(both[0]);
                reported[i] = Math.abs(both[1]);
                System.err.printf(Locale.ROOT, "start %2d: error %+.2f ms, started event off by %+.2f ms%n", i, both[0], both[1]);
            }
            print("start_error_median_ms", median(errors));
            print("start_error_max_ms", Arrays.stream(errors).max().orElseThrow());
            print("started_event_error_median_ms", median(reported));

            long wavWav = bench.addedSamplesBetween(config, () -> WavPcmStream.open(aWav), () -> WavPcmStream.open(bWav));
            long mp3Mp3 = bench.addedSamplesBetween(config, () -> Mp3Decoder.open(aMp3), () -> Mp3Decoder.open(bMp3));
            long wavMp3 = bench.addedSamplesBetween(config, () -> WavPcmStream.open(aWav), () -> Mp3Decoder.open(bMp3));
            System.out.println("BENCH gap_samples_wav_wav " + wavWav);
            System.out.println("BENCH gap_samples_mp3_mp3 " + mp3Mp3);
            System.out.println("BENCH gap_samples_wav_mp3 " + wavMp3);
            System.out.println("BENCH gap_samples_max " + Math.max(Math.abs(wavWav), Math.max(Math.abs(mp3Mp3), Math.abs(wavMp3))));
        }
    }

    /** A LAME-encoded stereo MP3 (with its encoder delay and padding tag) of a tone. */
    private static Path encodeMp3(Path dir, String name, int hz, double seconds) throws Exception {
        Path wav = dir.resolve(name + "-src.wav");
        Path mp3 = dir.resolve(name + ".mp3");
        exec("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", wav.toString(), "synth", String.valueOf(seconds),
                "sine", String.valueOf(hz), "vol", "0.4");
        exec("lame", "--quiet", "-b", "128", wav.toString(), mp3.toString());
        return mp3;
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("failed: " + String.join(" ", command));
        }
    }

    /** |first sample out - requested instant| of one scheduled start, in ms (signed). */
    public double startError(PlayerConfig config, PlayoutItem.Opener item) throws Exception {
        return startErrorAndReport(config, item)[0];
    }

    /** {error of the first sample out, error of the started event against the recording}, in ms. */
    public double[] startErrorAndReport(PlayerConfig config, PlayoutItem.Opener item) throws Exception {
        Instant requested = Instant.now().plus(config.lead()).plusMillis(200);
        Instant[] started = new Instant[1];
        PlayoutHandle playback = new Player(config).play(List.of(new PlayoutItem("start", item)), requested,
                new PlayoutListener() {
                    @Override
                    public void started(Instant firstSampleOut) {
                        started[0] = firstSampleOut;
                    }
                });
        awaitFinished(playback);
        recorder.awaitTime(Instant.now().plusMillis(200), Duration.ofSeconds(5));
        long first = recorder.firstNonSilentFrameAfter(requested.minusMillis(500))
                .orElseThrow(() -> new IllegalStateException("nothing came out of the card"));
        Instant out = recorder.timeOfFrame(first);
        return new double[] {millis(requested, out), millis(out, started[0])};
    }

    /**
     * Plays {@code a} then {@code b} and returns how many frames the player added (positive) or
     * lost (negative) between them, comparing the recording with what the openers delivered.
     * Pass MP3 openers to measure MP3->MP3 or WAV->MP3; encoder delay inside a file is the
     * decoder's business and is not counted here.
     */
    public long addedSamplesBetween(PlayerConfig config, PlayoutItem.Opener a, PlayoutItem.Opener b) throws Exception {
        Tee teeA = new Tee();
        Tee teeB = new Tee();
        Instant requested = Instant.now().plus(config.lead()).plusMillis(200);
        PlayoutHandle playback = new Player(config).play(List.of(
                new PlayoutItem("a", () -> teeA.wrap(PcmConversion.toFormat(a.open(), CD))),
                new PlayoutItem("b", () -> teeB.wrap(PcmConversion.toFormat(b.open(), CD)))), requested,
                new PlayoutListener() {
                });
        awaitFinished(playback);
        recorder.awaitTime(Instant.now().plusMillis(200), Duration.ofSeconds(5));
        short[] expectedA = teeA.samples();
        short[] expectedB = teeB.samples();
        long startA = recorder.firstNonSilentFrameAfter(requested.minusMillis(500)).orElseThrow()
                - firstNonSilent(expectedA);
        long endA = startA + expectedA.length / 2;
        if (!Arrays.equals(recorder.samples(startA, expectedA.length / 2), expectedA)) {
            throw new IllegalStateException("first item did not come out intact");
        }
        long startB = find(expectedB, endA - 44_100, endA + 2 * 44_100);
        if (!Arrays.equals(recorder.samples(startB, expectedB.length / 2), expectedB)) {
            throw new IllegalStateException("second item did not come out intact");
        }
        return startB - endA;
    }

    /** Where {@code item} starts in the recording, searched by its first non-silent frames. */
    private long find(short[] item, long from, long to) {
        int head = firstNonSilent(item);
        int probe = Math.min(64, item.length / 2 - head);
        short[] key = Arrays.copyOfRange(item, head * 2, (head + probe) * 2);
        for (long f = Math.max(0, from); f < to; f++) {
            if (Arrays.equals(recorder.samples(f, probe), key)) {
                return f - head;
            }
        }
        throw new IllegalStateException("second item not found in the recording");
    }

    private static int firstNonSilent(short[] interleaved) {
        int i = 0;
        while (i < interleaved.length && interleaved[i] == 0) {
            i++;
        }
        return i / 2;
    }

    private static void awaitFinished(PlayoutHandle playback) throws InterruptedException {
        if (!playback.await(Duration.ofSeconds(30)) || playback.outcome().orElseThrow() != PlayoutHandle.Outcome.FINISHED) {
            throw new IllegalStateException("playback did not finish: " + playback.outcome());
        }
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void print(String name, double value) {
        System.out.printf(Locale.ROOT, "BENCH %s %.2f%n", name, value);
    }

    /** Keeps a copy of everything a stream delivers. */
    private static final class Tee {
        private final List<short[]> chunks = new ArrayList<>();

        PcmStream wrap(PcmStream source) {
            return new PcmStream() {
                @Override
                public PcmFormat format() {
                    return source.format();
                }

                @Override
                public int read(short[] buffer, int offset, int maxFrames) throws IOException {
                    int n = source.read(buffer, offset, maxFrames);
                    if (n > 0) {
                        synchronized (chunks) {
                            chunks.add(Arrays.copyOfRange(buffer, offset, offset + n * source.format().channels()));
                        }
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    source.close();
                }
            };
        }

        short[] samples() {
            synchronized (chunks) {
                int total = chunks.stream().mapToInt(c -> c.length).sum();
                short[] out = new short[total];
                int at = 0;
                for (short[] c : chunks) {
                    System.arraycopy(c, 0, out, at, c.length);
                    at += c.length;
                }
                return out;
            }
        }
    }
}
