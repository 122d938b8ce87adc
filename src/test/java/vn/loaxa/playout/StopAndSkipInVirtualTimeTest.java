package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.audio.output.SimulatedLine;
import vn.loaxa.audio.output.SimulatedPort;
import vn.loaxa.audio.output.VirtualTime;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.StartPolicy;
import vn.loaxa.testing.RunAs;

/**
 * "Dừng phát" and "Bỏ qua mục này" on the engine, its player and the air log in the real SQLite
 * file, on simulated lines in virtual time (as {@link EngineInVirtualTimeTest}): to the frame, what
 * the loudspeakers get after a person stops a broadcast or skips an item, what the log says, and
 * that what comes next is not disturbed.
 *
 * <p>The engine (its firing, priorities and start policies, the output, the player, the air log in
 * the real SQLite file) on simulated lines in a virtual time: the engine's waiting, "now", and the
 * lines all run on {@link VirtualTime}, which moves only when everything waits. Quartz is off; each
 * occurrence is fired through {@link PlayoutEngine#fire}, the call Quartz's job makes, at the
 * virtual instant its trigger would fire. A scenario takes milliseconds of real time and comes out
 * the same to the frame every time: each is run {@value #RUNS} times and every run must give the
 * same result.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "loaxa.playout.enabled=false")
class StopAndSkipInVirtualTimeTest {

    private static final short ON_AIR = 3_000;
    private static final short INCOMING = 6_000;
    private static final int RATE = 44_100;
    /** One frame: the line clock places a first sample to the frame. */
    private static final long FRAME_NANOS = 1_000_000_000L / RATE + 1;
    private static final Duration REAL_LIMIT = Duration.ofSeconds(30);

    @TestConfiguration
    static class VirtualStation {
        static final VirtualTime TIME = new VirtualTime(Instant.parse("2031-03-02T00:00:00Z"));

        /** The engine's, the output's and the lines' time. */
        @Bean
        @Primary
        VirtualTime virtualTime() {
            return TIME;
        }

        @Bean
        @Primary
        java.time.Clock virtualClock() {
            return TIME.asClock(ZoneId.of("Asia/Ho_Chi_Minh"));
        }

        @Bean
        @Primary
        SimulatedPort virtualPort() {
            return new SimulatedPort(TIME);
        }

        @Bean
        @Primary
        ClockWatch virtualClockWatch() {
            return new ClockWatch(TIME.asClock(ZoneId.of("Asia/Ho_Chi_Minh")), TIME::nanoTime);
        }
    }

    /**
     * A station folder of its own, not the one the applications of {@code SpringTest} share: the
     * air log's hash chain has one head per application, so this one's rows (stamped in its virtual
     * time) must not enter the chain the others write.
     */
    @DynamicPropertySource
    static void ownStationFolder(DynamicPropertyRegistry registry) throws IOException {
        var root = Files.createTempDirectory("loaxa-stop-skip-");
        registry.add("loaxa.station.data-dir", () -> root.resolve("data").toString());
        registry.add("loaxa.library.audio-dir", () -> root.resolve("audio").toString());
        registry.add("loaxa.library.max-file-size", () -> "2MB");
        registry.add("LOAXA_ADMIN_PASSWORD", () -> "admin-test-password");
        registry.add("loaxa.schedules.load-on-first-start", () -> "false");
        registry.add("loaxa.watch.enabled", () -> "false");
    }

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    VirtualTime time;
    @Autowired
    SimulatedPort port;
    @Autowired
    LibraryService library;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlayoutTiming timing;
    @Autowired
    PlayoutEngine engine;
    @Autowired
    AirLogService airLog;
    @Autowired
    OneOffService oneOffs;
    @TempDir
    Path tmp;
    /** Imported once for the class: the context, and so the library, is shared by its tests. */
    private static AudioAsset onAir6;
    private static AudioAsset onAir3;
    private static AudioAsset onAir1;
    private static AudioAsset incoming1;

    @BeforeEach
    void assets() throws Exception {
        if (onAir6 == null) {
            onAir6 = asset(ON_AIR, 6);
            onAir3 = asset(ON_AIR, 3);
            onAir1 = asset(ON_AIR, 1);
            incoming1 = asset(INCOMING, 1);
        }
    }

    @Test
    void a_stop_fades_the_broadcast_out_within_the_fade_logs_who_stopped_it_and_the_next_one_starts_on_time()
            throws Exception {
        var t = nextSlot();
        var stopped = oneOff("Bản tin dừng giữa chừng", t, Priority.NORMAL, StartPolicy.WAIT, 60, onAir6);
        var next = oneOff("Bản tin kế tiếp", t.plusSeconds(4), Priority.NORMAL, StartPolicy.WAIT, 60, incoming1);
        int lines = port.lines().size();
        var stopAt = t.plusMillis(1_500);
        var answer = new AtomicReference<OnAirAction>();
        trigger(stopped, t, false);
        trigger(next, t.plusSeconds(4), false);
        time.at(stopAt, () -> answer.set(engine.stop(stopped, "can-bo-dai", "can-bo-dai stopped it on air")),
                "stop");
        idle();

        assertThat(answer.get().key()).isEqualTo(stopped);
        var end = row(stopped, "END");
        assertThat(end.get("outcome")).isEqualTo("STOPPED");
        assertThat(end.get("triggered_by")).isEqualTo("can-bo-dai");
        assertThat((String) end.get("reason")).startsWith("STOPPED: can-bo-dai");
        var item = row(stopped, "ITEM");
        assertThat(item.get("outcome")).isEqualTo("STOPPED");
        assertThat(item.get("triggered_by")).isEqualTo("can-bo-dai");
        assertThat(row(next, "END").get("outcome")).isEqualTo("COMPLETED");

        var cut = lineOf(lines, ON_AIR);
        long first = cut.firstFrameOf(ON_AIR, 0);
        long last = cut.lastSoundingFrame();
        long fadeFrames = timing.fadeOut().toNanos() * RATE / 1_000_000_000L;
        long fadeStart = firstFrameNot(cut, ON_AIR, first);
        // The fade lasts exactly the fade; its first and last 2-3 frames round to the full and to zero
        // level of the 16-bit signal, so what can be seen of it is a few frames shorter.
        assertThat(last + 1 - fadeStart).as("the fade's length in frames").isBetween(fadeFrames - 6, fadeFrames);
        long stopNanos = time.toNanoTime(stopAt);
        assertThat(cut.nanosOfFrame(last) - stopNanos).as("silent within the line's queue and the fade")
                .isBetween(timing.fadeOut().toNanos() - FRAME_NANOS,
                        timing.fadeOut().plus(timing.lineBuffer()).toNanos() + 20_000_000L);
        assertThat(cut.steepestStep(first + 1, last + 1)).as("faded, not chopped").isLessThan(50);
        assertThat(cut.framesOf(ON_AIR)).as("cut well before its 6 s").isLessThan(2L * RATE);

        var following = lineOf(lines, INCOMING);
        long error = following.nanosOfFrame(following.firstFrameOf(INCOMING, 0)) - time.toNanoTime(t.plusSeconds(4));
        assertThat(Math.abs(error)).as("the next broadcast on its instant").isLessThan(FRAME_NANOS);
        assertThat(following.framesOf(INCOMING)).isEqualTo(RATE);
        assertThat(engine.onAir()).isEmpty();
    }

    @Test
    void a_skip_fades_the_item_out_and_the_next_item_follows_to_the_sample_logged_skipped_by_who() throws Exception {
        var t = nextSlot();
        var key = oneOff("Hai bản tin", t, Priority.NORMAL, StartPolicy.WAIT, 60, onAir3, incoming1);
        int lines = port.lines().size();
        var skipAt = t.plusMillis(1_000);
        var answer = new AtomicReference<OnAirAction>();
        trigger(key, t, false);
        time.at(skipAt, () -> answer.set(engine.skip(key, 0, "lanh-dao")), "skip");
        idle();

        assertThat(answer.get().item()).isZero();
        var items = rows(key, "ITEM");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("outcome")).isEqualTo("SKIPPED");
        assertThat(items.get(0).get("triggered_by")).isEqualTo("lanh-dao");
        assertThat((String) items.get(0).get("reason")).startsWith("SKIPPED: lanh-dao");
        assertThat(items.get(1).get("outcome")).isEqualTo("COMPLETED");
        assertThat(items.get(1).get("triggered_by")).isNull();
        var end = row(key, "END");
        assertThat(end.get("outcome")).isEqualTo("COMPLETED");
        assertThat((String) end.get("reason")).startsWith("SKIPPED");

        var line = lineOf(lines, ON_AIR);
        long first = line.firstFrameOf(ON_AIR, 0);
        long fadeStart = firstFrameNot(line, ON_AIR, first);
        long next = line.firstFrameOf(INCOMING, first);
        long fadeFrames = timing.fadeOut().toNanos() * RATE / 1_000_000_000L;
        // As for a stop, the fade's first 2-3 frames still round to the full level.
        assertThat(next - fadeStart).as("the next item follows the fade's last frame").isBetween(fadeFrames - 3,
                fadeFrames);
        assertThat(line.sample(next - 1)).as("the fade ends in silence").isBetween((short) 0, (short) 50);
        assertThat(line.steepestStep(first + 1, next - 1)).as("faded, not chopped").isLessThan(50);
        assertThat(line.framesOf(INCOMING)).as("the next item whole, at full level").isEqualTo(RATE);
        assertThat(line.nanosOfFrame(next) - time.toNanoTime(skipAt)).as("within the line's queue and the fade")
                .isBetween(timing.fadeOut().toNanos() - FRAME_NANOS,
                        timing.fadeOut().plus(timing.lineBuffer()).toNanos() + 20_000_000L);
        long heard = ((Number) items.get(0).get("actual_ms")).longValue();
        assertThat(heard).as("what was heard of the skipped item").isBetween(1_000L, 1_600L);
    }

    @Test
    void skipping_the_last_item_ends_the_broadcast_and_the_next_broadcast_is_not_disturbed() throws Exception {
        var t = nextSlot();
        var key = oneOff("Hai bản tin ngắn", t, Priority.NORMAL, StartPolicy.WAIT, 60, onAir1, onAir3);
        var next = oneOff("Bản tin sau", t.plusSeconds(6), Priority.NORMAL, StartPolicy.WAIT, 60, incoming1);
        int lines = port.lines().size();
        trigger(key, t, false);
        trigger(next, t.plusSeconds(6), false);
        time.at(t.plusMillis(2_000), () -> engine.skip(key, -1, "can-bo-dai"), "skip-last");
        idle();

        var items = rows(key, "ITEM");
        assertThat(items).extracting(r -> r.get("outcome")).containsExactly("COMPLETED", "SKIPPED");
        assertThat(row(key, "END").get("outcome")).isEqualTo("COMPLETED");
        var line = lineOf(lines, ON_AIR);
        assertThat(line.framesOf(ON_AIR)).as("1 s whole, then about 1 s of the second").isBetween(
                2L * RATE - RATE / 10, 2L * RATE + RATE / 2);
        var following = lineOf(lines, INCOMING);
        long error = following.nanosOfFrame(following.firstFrameOf(INCOMING, 0)) - time.toNanoTime(t.plusSeconds(6));
        assertThat(Math.abs(error)).isLessThan(FRAME_NANOS);
        assertThat(row(next, "END").get("outcome")).isEqualTo("COMPLETED");
    }

    @Test
    void two_people_pressing_stop_at_once_stop_it_once_and_the_second_is_told_it_is_already_stopping()
            throws Exception {
        var t = nextSlot();
        var key = oneOff("Bản tin hai người dừng", t, Priority.NORMAL, StartPolicy.WAIT, 60, onAir3);
        var outcomes = new ConcurrentLinkedQueue<String>();
        trigger(key, t, false);
        for (var who : List.of("nguoi-a", "nguoi-b")) {
            time.at(t.plusMillis(1_000), () -> {
                try {
                    engine.stop(key, who, who + " stopped it on air");
                    outcomes.add("stopped by " + who);
                } catch (NothingOnAirException e) {
                    outcomes.add(e.code());
                }
            }, "stop-" + who);
        }
        idle();

        assertThat(outcomes).hasSize(2).containsOnlyOnce("ALREADY_STOPPING");
        var winner = outcomes.stream().filter(o -> o.startsWith("stopped by ")).findFirst().orElseThrow()
                .substring("stopped by ".length());
        var end = row(key, "END");
        assertThat(end.get("outcome")).isEqualTo("STOPPED");
        assertThat(end.get("triggered_by")).isEqualTo(winner);
        assertThatThrownBy(() -> engine.stop(null, "nguoi-c", "late")).isInstanceOf(NothingOnAirException.class)
                .extracting(e -> ((NothingOnAirException) e).code()).isEqualTo("NOTHING_ON_AIR");
    }

    @Test
    void a_stop_pressed_as_an_emergency_pre_empts_never_stops_the_emergency() throws Exception {
        var t = nextSlot();
        var normal = oneOff("Bản tin thường", t, Priority.NORMAL, StartPolicy.WAIT, 60, onAir6);
        var emergency = oneOff("Cảnh báo lũ", t.plusMillis(2_500), Priority.EMERGENCY, StartPolicy.CUT, 0, incoming1);
        var answers = new ConcurrentLinkedQueue<String>();
        int lines = port.lines().size();
        trigger(normal, t, false);
        trigger(emergency, t.plusMillis(2_500), false);
        // The person saw the normal broadcast; the stop reaches the engine as the emergency takes the air.
        for (long ms : new long[] {2_500 - timing.fireAhead().toMillis(), 2_500, 2_700}) {
            time.at(t.plusMillis(ms), () -> {
                try {
                    engine.stop(normal, "can-bo-dai", "can-bo-dai stopped it on air");
                    answers.add("stopped");
                } catch (NothingOnAirException e) {
                    answers.add(e.code());
                }
            }, "stop-at-" + ms);
        }
        idle();

        assertThat(row(normal, "END").get("outcome")).isIn("STOPPED", "PREEMPTED");
        assertThat(row(emergency, "END").get("outcome")).as("the emergency plays whole").isEqualTo("COMPLETED");
        assertThat(answers).hasSize(3).allMatch(a -> List.of("stopped", "ALREADY_STOPPING", "ON_AIR_CHANGED",
                "NOTHING_ON_AIR").contains(a));
        var warning = lineOf(lines, INCOMING);
        assertThat(warning.framesOf(INCOMING)).isEqualTo(RATE);
        long error = warning.nanosOfFrame(warning.firstFrameOf(INCOMING, 0)) - time.toNanoTime(t.plusMillis(2_500));
        assertThat(Math.abs(error)).as("the emergency on its instant").isLessThan(FRAME_NANOS);
    }

    @Test
    void cancelling_a_one_off_on_air_stops_it_logged_as_stopped_by_who_cancelled_it() throws Exception {
        var t = nextSlot();
        var key = oneOff("Lượt phát bị hủy", t, Priority.NORMAL, StartPolicy.WAIT, 60, onAir3);
        int lines = port.lines().size();
        trigger(key, t, false);
        time.at(t.plusMillis(1_000), () -> RunAs.run("can-bo-huy", "OPERATOR", () -> {
            oneOffs.cancel(Long.parseLong(key.substring(1)));
            return null;
        }), "cancel");
        idle();

        var end = row(key, "END");
        assertThat(end.get("outcome")).isEqualTo("STOPPED");
        assertThat(end.get("triggered_by")).isEqualTo("can-bo-huy");
        assertThat((String) end.get("reason")).contains("cancelled");
        assertThat(lineOf(lines, ON_AIR).framesOf(ON_AIR)).as("stopped, not played to its end").isLessThan(2L * RATE);
    }

    private static long firstFrameNot(SimulatedLine line, short value, long from) {
        long f = from;
        while (line.sample(f) == value) {
            f++;
        }
        return f;
    }

    private List<Map<String, Object>> rows(String key, String kind) {
        return jdbc.sql("SELECT * FROM air_log WHERE kind = ? AND occurrence_key = ? ORDER BY seq").param(kind)
                .param(key).query().listOfRows();
    }

    /** An instant on the millisecond, well after anything earlier runs have left behind. */
    private Instant nextSlot() {
        return time.instant().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Fires as Quartz's trigger does: fire-ahead before the planned instant. */
    private void trigger(String key, Instant planned, boolean reconciled) {
        time.at(planned.minus(timing.fireAhead()), () -> engine.fire(key, planned, reconciled), "fire-" + key);
    }

    private void idle() throws Exception {
        time.runUntilIdle(REAL_LIMIT);
        assertThat(airLog.flush(Duration.ofSeconds(10))).as("the air log journal written").isTrue();
    }

    private AudioAsset asset(short value, int seconds) throws Exception {
        return MarkerAssets.constant(library, transactions, jdbc, tmp, RATE, value, seconds);
    }

    private String oneOff(String title, Instant at, Priority priority, StartPolicy policy, int waitSeconds,
                          AudioAsset... assets) {
        long id = transactions.execute(
                s -> OneOffRows.insert(jdbc, title, at, priority, policy, waitSeconds, time.instant(), assets));
        return "O" + id;
    }


    private Map<String, Object> row(String key, String kind) {
        var rows = jdbc.sql("SELECT * FROM air_log WHERE kind = ? AND occurrence_key = ?").param(kind).param(key)
                .query().listOfRows();
        assertThat(rows).as(kind + " row of " + key + "; log: "
                + jdbc.sql("SELECT kind, outcome, reason FROM air_log WHERE occurrence_key = ?").param(key).query()
                .listOfRows()).hasSize(1);
        return rows.getFirst();
    }

    private List<SimulatedLine> linesFrom(int index) {
        return List.copyOf(port.lines().subList(index, port.lines().size()));
    }

    private SimulatedLine lineOf(int from, short value) {
        var lines = linesFrom(from).stream().filter(l -> l.firstFrameOf(value, 0) >= 0).toList();
        assertThat(lines).as("lines that carried " + value).hasSize(1);
        return lines.getFirst();
    }



}
