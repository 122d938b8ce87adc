package vn.loaxa.audio.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.mp3.Mp3Decoder;
import vn.loaxa.audio.testsupport.ArrayPcmStream;
import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.RequiresSoundCard;
import vn.loaxa.audio.testsupport.Signals;

/** Plays through the virtual sound card and checks what came out of it, sample by sample. */
@RequiresSoundCard
class PlayerSoundCardTest {

    private static final PcmFormat CD = PcmFormat.CD_STEREO;
    private static final PlayerConfig CONFIG = PlayerConfig.defaults().withLead(Duration.ofMillis(1_000));
    private static FifoRecorder recorder;

    @BeforeAll
    static void startRecorder() throws IOException {
        recorder = FifoRecorder.startFromEnvironment();
    }

    @AfterAll
    static void stopRecorder() throws IOException {
        if (recorder != null) {
            recorder.close();
        }
    }

    @Test
    void starts_first_sample_at_requested_instant() throws Exception {
        Instant requested = Instant.now().plusMillis(1_300);
        Events events = new Events();

        PlayoutHandle playback = new Player(CONFIG).play(List.of(noiseItem("a", 22_050, 1)), requested, events);

        assertThat(playback.await(Duration.ofSeconds(10))).isTrue();
        assertThat(playback.outcome()).contains(PlayoutHandle.Outcome.FINISHED);
        long first = firstSoundAfter(requested.minusMillis(1_000));
        double errorMs = Duration.between(requested, recorder.timeOfFrame(first)).toNanos() / 1e6;
        double reportedErrorMs = Duration.between(recorder.timeOfFrame(first), events.started).toNanos() / 1e6;
        System.out.printf("start error %.2f ms (first sample out - requested); started event off by %.2f ms%n",
                errorMs, reportedErrorMs);
        assertThat(Math.abs(errorMs)).isLessThan(150);
        assertThat(Math.abs(reportedErrorMs)).as("started event vs recording").isLessThan(50);
    }

    @Test
    void plays_a_cd_format_source_bit_exact() throws Exception {
        short[] noise = Signals.noise(CD, 88_200, 2, 30_000);

        short[] recorded = playAndRecord(List.of(item("noise", noise)), noise);

        assertThat(recorded).isEqualTo(noise);
    }

    @Test
    void plays_two_items_back_to_back_with_no_added_gap() throws Exception {
        short[] a = Signals.noise(CD, 44_100, 3, 20_000);
        short[] b = Signals.noise(CD, 30_000, 4, 20_000);
        short[] both = concat(a, b);

        short[] recorded = playAndRecord(List.of(item("a", a), item("b", b)), both);

        assertThat(recorded).isEqualTo(both);
    }

    @Test
    void plays_a_very_short_clip_whole() throws Exception {
        short[] clip = Signals.noise(CD, 13_230, 5, 20_000); // 0.3 s

        short[] recorded = playAndRecord(List.of(item("clip", clip)), clip);

        assertThat(recorded).isEqualTo(clip);
    }

    @Test
    void plays_two_mp3_files_back_to_back_gapless_with_their_decoded_samples_exact() throws Exception {
        Path a = fixture("stereo-44k-cbr.mp3");
        Path b = fixture("stereo-44k-vbr.mp3");
        short[] decodedA = Signals.readAll(Mp3Decoder.open(a));
        short[] decodedB = Signals.readAll(Mp3Decoder.open(b));
        // mpg123 -s decodes each of these LAME files to 110,250 frames: the encoder delay and padding
        // are trimmed, so nothing but the music separates the two items.
        assertThat(decodedA.length / 2).isEqualTo(110_250);
        assertThat(decodedB.length / 2).isEqualTo(110_250);
        short[] both = concat(decodedA, decodedB);

        short[] recorded = playAndRecord(List.of(new PlayoutItem("a", () -> Mp3Decoder.open(a)),
                new PlayoutItem("b", () -> Mp3Decoder.open(b))), both);

        assertThat(recorded).isEqualTo(both);
    }

    @Test
    void an_mp3_starts_at_the_requested_instant() throws Exception {
        Path mp3 = fixture("stereo-44k-cbr.mp3");
        short[] decoded = Signals.readAll(Mp3Decoder.open(mp3));
        int leadingSilence = 0;
        while (decoded[2 * leadingSilence] == 0 && decoded[2 * leadingSilence + 1] == 0) {
            leadingSilence++;
        }
        Instant requested = Instant.now().plusMillis(1_300);

        PlayoutHandle playback = new Player(CONFIG).play(List.of(new PlayoutItem("mp3", () -> Mp3Decoder.open(mp3))),
                requested, new Events());

        assertThat(playback.await(Duration.ofSeconds(10))).isTrue();
        long first = firstSoundAfter(requested.minusMillis(1_000)) - leadingSilence;
        double errorMs = Duration.between(requested, recorder.timeOfFrame(first)).toNanos() / 1e6;
        System.out.printf("mp3 start error %.2f ms%n", errorMs);
        assertThat(Math.abs(errorMs)).isLessThan(150);
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(PlayerSoundCardTest.class.getResource("/audio/" + name).toURI());
    }

    @Test
    void converts_a_mono_22050_source_to_the_line_format() throws Exception {
        PcmFormat mono = new PcmFormat(22_050, 1);
        short[] sine = Signals.sine(mono, 1_000, 16_000, 22_050);
        short[] expected = Signals.readAll(PcmConversion.toFormat(new ArrayPcmStream(mono, sine), CD));

        short[] recorded = playAndRecord(List.of(new PlayoutItem("mono", () -> new ArrayPcmStream(mono, sine))), expected);

        assertThat(recorded).isEqualTo(expected);
    }

    @Test
    void stop_fades_out_and_releases_the_line() throws Exception {
        short[] sine = Signals.sine(CD, 1_000, 16_000, 441_000); // 10 s
        Instant requested = Instant.now().plusMillis(1_200);
        Events events = new Events();
        PlayoutHandle playback = new Player(CONFIG.withFadeOut(Duration.ofMillis(300)))
                .play(List.of(item("long", sine)), requested, events);
        recorder.awaitTime(requested.plusMillis(1_000), Duration.ofSeconds(5));

        playback.stop();

        assertThat(playback.await(Duration.ofSeconds(5))).isTrue();
        assertThat(playback.outcome()).contains(PlayoutHandle.Outcome.STOPPED);
        assertThat(events.ended).hasSize(1);
        assertThat(events.ended.getFirst()).startsWith("0:false:");
        assertThat(sinkInputs()).as("PulseAudio streams left open").isEmpty();

        long first = firstSoundAfter(requested.minusMillis(1_000));
        recorder.awaitTime(Instant.now().plusMillis(500), Duration.ofSeconds(5));
        long last = recorder.lastNonSilentFrame(first, recorder.framesRecorded()).orElseThrow();
        assertThat(last - first).as("played frames").isLessThan(3 * 44_100);
        // The last 300 ms form a fade: quieter towards the end, never a jump louder than the sine itself.
        int fade = 13_230;
        short[] tail = recorder.samples(last + 1 - fade, fade);
        assertThat(peak(tail, 0, 2_205)).isGreaterThan(14_000);
        assertThat(peak(tail, fade / 2 - 1_100, fade / 2 + 1_100)).isBetween(6_000, 10_500);
        assertThat(peak(tail, fade - 441, fade)).isLessThan(1_000);
        assertThat(maxStep(tail)).isLessThanOrEqualTo(maxStep(recorder.samples(first, 44_100)));
    }

    @Test
    void reports_item_events_with_frames_played() throws Exception {
        short[] a = Signals.noise(CD, 4_410, 6, 1_000);
        Events events = new Events();

        PlayoutHandle playback = new Player(CONFIG).play(
                List.of(item("a", a), new PlayoutItem("broken", () -> {
                    throw new IOException("no such file");
                }), item("c", a)), Instant.now(), events);

        assertThat(playback.await(Duration.ofSeconds(10))).isTrue();
        assertThat(playback.outcome()).contains(PlayoutHandle.Outcome.FINISHED);
        assertThat(events.ended).containsExactly("0:true:4410", "2:true:4410");
        assertThat(events.failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(PlayoutFailure.Kind.ITEM_FAILED);
            assertThat(f.itemIndex()).isEqualTo(1);
            assertThat(f.fatal()).isFalse();
        });
    }

    @Test
    void goes_on_gaplessly_with_the_next_item_when_one_breaks_mid_way() throws Exception {
        short[] a = Signals.noise(CD, 20_000, 7, 20_000);
        short[] b = Signals.noise(CD, 10_000, 8, 20_000);
        PlayoutItem breaking = new PlayoutItem("breaking", () -> new BreakingStream(new ArrayPcmStream(CD, a, 1_000), 12_000));
        Events events = new Events();
        Instant requested = Instant.now().plusMillis(1_200);

        PlayoutHandle playback = new Player(CONFIG).play(List.of(breaking, item("b", b)), requested, events);

        assertThat(playback.await(Duration.ofSeconds(10))).isTrue();
        assertThat(playback.outcome()).contains(PlayoutHandle.Outcome.FINISHED);
        assertThat(events.ended).containsExactly("0:false:12000", "1:true:10000");
        assertThat(events.failures).singleElement().satisfies(f -> {
            assertThat(f.itemIndex()).isZero();
            assertThat(f.fatal()).isFalse();
        });
        long first = firstSoundAfter(requested.minusMillis(1_000));
        recorder.awaitFrame(first + 22_000 + 4_410, Duration.ofSeconds(5));
        short[] expected = concat(java.util.Arrays.copyOf(a, 2 * 12_000), b);
        assertThat(recorder.samples(first, 22_000)).isEqualTo(expected);
    }

    @Test
    void ends_the_playout_at_a_failing_item_when_the_policy_says_stop() throws Exception {
        short[] a = Signals.noise(CD, 4_410, 9, 1_000);
        Events events = new Events();

        PlayoutHandle playback = new Player(CONFIG.withOnItemFailure(PlayerConfig.ItemFailurePolicy.STOP)).play(
                List.of(item("a", a), new PlayoutItem("broken", () -> {
                    throw new IOException("no such file");
                }), item("c", a)), Instant.now(), events);

        assertThat(playback.await(Duration.ofSeconds(10))).isTrue();
        assertThat(playback.outcome()).contains(PlayoutHandle.Outcome.FAILED);
        assertThat(events.ended).containsExactly("0:true:4410");
        assertThat(events.failures).singleElement().satisfies(f -> {
            assertThat(f.itemIndex()).isEqualTo(1);
            assertThat(f.fatal()).isTrue();
        });
    }

    /**
     * Plays, then returns what the card played where {@code expected} should be, aligned on the
     * first non-silent frame, after checking that nothing but silence follows it.
     */
    private static short[] playAndRecord(List<PlayoutItem> items, short[] expected) throws Exception {
        int frames = expected.length / 2;
        int leadingSilence = 0;
        while (expected[2 * leadingSilence] == 0 && expected[2 * leadingSilence + 1] == 0) {
            leadingSilence++;
        }
        Instant requested = Instant.now().plusMillis(1_200);
        PlayoutHandle playback = new Player(CONFIG).play(items, requested, new Events());
        assertThat(playback.await(Duration.ofSeconds(20))).isTrue();
        assertThat(playback.outcome()).contains(PlayoutHandle.Outcome.FINISHED);
        long start = firstSoundAfter(requested.minusMillis(1_000)) - leadingSilence;
        recorder.awaitFrame(start + frames + 4_410, Duration.ofSeconds(5));
        assertThat(recorder.firstNonSilentFrame(start + frames)).as("sound after the end").isEmpty();
        return recorder.samples(start, frames);
    }

    private static long firstSoundAfter(Instant from) throws InterruptedException {
        recorder.awaitTime(Instant.now().plusMillis(300), Duration.ofSeconds(5));
        return recorder.firstNonSilentFrameAfter(from).orElseThrow(() -> new AssertionError("nothing came out"));
    }

    private static PlayoutItem item(String label, short[] samples) {
        return new PlayoutItem(label, () -> new ArrayPcmStream(CD, samples, 1_000));
    }

    private static PlayoutItem noiseItem(String label, int frames, long seed) {
        short[] noise = Signals.noise(CD, frames, seed, 20_000);
        return item(label, noise);
    }

    private static short[] concat(short[] a, short[] b) {
        short[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int peak(short[] interleaved, int fromFrame, int toFrame) {
        int peak = 0;
        for (int i = fromFrame * 2; i < toFrame * 2; i++) {
            peak = Math.max(peak, Math.abs(interleaved[i]));
        }
        return peak;
    }

    private static int maxStep(short[] interleaved) {
        int max = 0;
        for (int i = 2; i < interleaved.length; i++) {
            max = Math.max(max, Math.abs(interleaved[i] - interleaved[i - 2]));
        }
        return max;
    }

    private static List<String> sinkInputs() throws Exception {
        Process process = new ProcessBuilder("pactl", "list", "short", "sink-inputs").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor()).isZero();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** Delivers {@code frames} frames of its source, then fails like a damaged file. */
    static final class BreakingStream implements vn.loaxa.audio.PcmStream {
        private final vn.loaxa.audio.PcmStream source;
        private int left;

        BreakingStream(vn.loaxa.audio.PcmStream source, int frames) {
            this.source = source;
            this.left = frames;
        }

        @Override
        public PcmFormat format() {
            return source.format();
        }

        @Override
        public int read(short[] buffer, int offset, int maxFrames) throws IOException {
            if (left == 0) {
                throw new vn.loaxa.audio.AudioDecodeException(vn.loaxa.audio.AudioDecodeException.Reason.CORRUPT, "bad frame");
            }
            int n = source.read(buffer, offset, Math.min(maxFrames, left));
            left -= Math.max(0, n);
            return n;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    static final class Events implements PlayoutListener {
        volatile Instant started;
        final List<String> ended = new CopyOnWriteArrayList<>();
        final List<PlayoutFailure> failures = new CopyOnWriteArrayList<>();

        @Override
        public void started(Instant firstSampleOut) {
            started = firstSampleOut;
        }

        @Override
        public void itemEnded(int index, long framesPlayed, boolean complete) {
            ended.add(index + ":" + complete + ":" + framesPlayed);
        }

        @Override
        public void failed(PlayoutFailure failure) {
            failures.add(failure);
        }
    }
}
