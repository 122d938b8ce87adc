package vn.loaxa.audio.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.testsupport.ArrayPcmStream;

/**
 * The player's timing on a simulated line and clock: where the first sample goes, how items join,
 * how a stop fades and a lost device ends a playout, checked to the frame. Deterministic and
 * without a sound card; what the real device adds (its buffer, the sound server's latency) is the
 * sound-card tests' part ({@link PlayerSoundCardTest}).
 */
class PlayoutOnSimulatedLineTest {

    private static final PcmFormat FORMAT = new PcmFormat(8_000, 1);
    private static final long FRAME_NANOS = 1_000_000_000L / FORMAT.sampleRate();
    private static final PlayerConfig CONFIG = PlayerConfig.defaults().withDeviceName(SimulatedPort.DEVICE)
            .withLineFormat(FORMAT);

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-02T00:59:55Z"));
    private final SimulatedPort port = new SimulatedPort(clock);
    private final Events events = new Events();

    @Test
    void opens_the_line_a_lead_ahead_and_places_the_first_sample_on_the_instant() throws Exception {
        var requested = clock.instant().plusSeconds(5);

        var playback = play(CONFIG, requested, item("a", 1_000, 4_000));

        assertThat(playback.outcome()).contains(PlayoutHandle.Outcome.FINISHED);
        var line = port.onlyLine();
        long opened = line.openedAt() - clock.toNanoTime(requested.minus(CONFIG.lead()));
        assertThat(opened).as("line opened this long after instant - lead").isBetween(0L, 1_000_000L);
        long first = line.firstFrameOf((short) 1_000, 0);
        assertThat(Math.abs(line.nanosOfFrame(first) - clock.toNanoTime(requested))).isLessThanOrEqualTo(FRAME_NANOS);
        assertThat(Math.abs(clock.toNanoTime(events.started) - line.nanosOfFrame(first)))
                .as("the started event is the instant the first sample left").isLessThanOrEqualTo(FRAME_NANOS);
        assertThat(line.dryFrames()).as("the line never ran dry").isZero();
        assertThat(run(line, 1_000).length()).isEqualTo(4_000);
    }

    @Test
    void plays_items_back_to_back_with_no_sample_between_them() throws Exception {
        var requested = clock.instant().plusSeconds(2);

        play(CONFIG, requested, item("a", 1_000, 3_001), item("b", 2_000, 1_234), item("c", 3_000, 777));

        var line = port.onlyLine();
        var a = run(line, 1_000);
        var b = run(line, 2_000);
        var c = run(line, 3_000);
        assertThat(List.of(a.length(), b.length(), c.length())).containsExactly(3_001L, 1_234L, 777L);
        assertThat(b.from()).isEqualTo(a.to());
        assertThat(c.from()).isEqualTo(b.to());
        assertThat(events.itemStarts).hasSize(3);
        assertThat(Math.abs(clock.toNanoTime(events.itemStarts.get(1)) - line.nanosOfFrame(b.from())))
                .isLessThanOrEqualTo(FRAME_NANOS);
        assertThat(events.log).containsExactly("started", "item 0", "ended 0 3001 true", "item 1", "ended 1 1234 true",
                "item 2", "ended 2 777 true", "finished");
    }

    @Test
    void a_start_already_past_plays_at_once_and_says_when_it_really_started() throws Exception {
        var requested = clock.instant().minusSeconds(1);

        play(CONFIG, requested, item("a", 1_000, 800));

        var line = port.onlyLine();
        long first = line.firstFrameOf((short) 1_000, 0);
        assertThat(line.openedAt()).as("opened at once").isEqualTo(clock.toNanoTime(requested.plusSeconds(1)));
        // Only the priming silence before it: the line is written, then started.
        assertThat(first).isPositive().isLessThanOrEqualTo(line.bufferFrames() / 2);
        assertThat(Math.abs(clock.toNanoTime(events.started) - line.nanosOfFrame(first))).isLessThanOrEqualTo(FRAME_NANOS);
        assertThat(Duration.between(requested, events.started)).isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void a_stop_fades_the_item_out_within_the_buffer_and_the_fade() throws Exception {
        var config = CONFIG.withFadeOut(Duration.ofMillis(300));
        var requested = clock.instant().plusSeconds(2);
        events.stopOnItem = 1;

        var playback = play(config, requested, item("a", 1_000, 2_000), item("b", 2_000, 16_000));

        assertThat(playback.outcome()).contains(PlayoutHandle.Outcome.STOPPED);
        var line = port.onlyLine();
        long bStart = line.firstFrameOf((short) 2_000, 0);
        long last = bStart;
        for (long f = bStart; f < line.written(); f++) {
            if (line.sample(f) != 0) {
                last = f;
            }
        }
        int fade = config.frames(config.fadeOut());
        int buffer = config.frames(config.lineBuffer());
        assertThat(last - bStart).as("heard after the stop").isBetween((long) fade, (long) buffer + fade + 2 * 80);
        long steepest = 0;
        for (long f = bStart + 1; f <= last + 1; f++) {
            steepest = Math.max(steepest, Math.abs(line.sample(f) - line.sample(f - 1)));
        }
        assertThat(steepest).as("a ramp, not a cut").isLessThanOrEqualTo(10);
        assertThat(events.log).contains("ended 1 " + events.framesOf(1) + " false")
                .last().isEqualTo("stopped");
        assertThat(events.framesOf(1)).isLessThan(16_000);
    }

    @Test
    void an_item_that_will_not_open_is_reported_and_the_next_joins_the_one_before() throws Exception {
        var requested = clock.instant().plusSeconds(2);
        var broken = new PlayoutItem("broken", () -> {
            throw new IOException("no such file");
        });

        var playback = play(CONFIG, requested, item("a", 1_000, 1_000), broken, item("c", 3_000, 1_000));

        assertThat(playback.outcome()).contains(PlayoutHandle.Outcome.FINISHED);
        var line = port.onlyLine();
        assertThat(run(line, 3_000).from()).isEqualTo(run(line, 1_000).to());
        assertThat(events.failures).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(PlayoutFailure.Kind.ITEM_FAILED);
            assertThat(f.itemIndex()).isEqualTo(1);
            assertThat(f.fatal()).isFalse();
        });
    }

    @Test
    void a_device_lost_while_playing_ends_the_item_with_what_the_line_played() throws Exception {
        var requested = clock.instant().plusSeconds(2);
        port.loseDeviceAfter(20_000);

        var playback = play(CONFIG, requested, item("a", 1_000, 40_000));

        assertThat(playback.outcome()).contains(PlayoutHandle.Outcome.FAILED);
        var line = port.onlyLine();
        long start = line.firstFrameOf((short) 1_000, 0);
        long writtenOfItem = 20_000 - start;
        assertThat(events.failures).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(PlayoutFailure.Kind.OUTPUT_LOST));
        assertThat(events.framesOf(0)).as("what had left the line, not what was written into its buffer")
                .isBetween(writtenOfItem - line.bufferFrames() - 80, writtenOfItem - 1);
        assertThat(events.log).contains("ended 0 " + events.framesOf(0) + " false");
    }

    private PlayoutHandle play(PlayerConfig config, Instant requested, PlayoutItem... items) throws NoOutputDeviceException {
        return new Player(config, port, clock).playHere(List.of(items), requested, events, p -> events.playback = p);
    }

    private static PlayoutItem item(String label, int value, int frames) {
        short[] samples = new short[frames];
        Arrays.fill(samples, (short) value);
        return new PlayoutItem(label, () -> new ArrayPcmStream(FORMAT, samples, 333));
    }

    /** The one run of {@code value} on the line (an item's constant signal). */
    private static SimulatedLine.Run run(SimulatedLine line, int value) {
        var runs = line.runs().stream().filter(r -> r.value() == value).toList();
        assertThat(runs).as("runs of " + value).hasSize(1);
        return runs.getFirst();
    }

    private static final class Events implements PlayoutListener {
        final List<String> log = new ArrayList<>();
        final List<Instant> itemStarts = new ArrayList<>();
        final List<PlayoutFailure> failures = new ArrayList<>();
        final List<long[]> ends = new ArrayList<>();
        @Nullable Instant started;
        @Nullable PlayoutHandle playback;
        int stopOnItem = -1;

        @Override
        public void started(Instant firstSampleOut) {
            started = firstSampleOut;
            log.add("started");
        }

        @Override
        public void itemStarted(int index, Instant firstSampleOut) {
            itemStarts.add(firstSampleOut);
            log.add("item " + index);
            if (index == stopOnItem && playback != null) {
                playback.stop();
            }
        }

        @Override
        public void itemEnded(int index, long framesPlayed, boolean complete) {
            ends.add(new long[] {index, framesPlayed});
            log.add("ended " + index + " " + framesPlayed + " " + complete);
        }

        @Override
        public void finished() {
            log.add("finished");
        }

        @Override
        public void stopped() {
            log.add("stopped");
        }

        @Override
        public void failed(PlayoutFailure failure) {
            failures.add(failure);
            log.add("failed " + failure.kind());
        }

        long framesOf(int index) {
            return ends.stream().filter(e -> e[0] == index).mapToLong(e -> e[1]).findFirst().orElse(-1);
        }
    }
}
