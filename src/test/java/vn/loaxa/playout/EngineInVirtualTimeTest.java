package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.StartPolicy;

/**
 * The engine (its firing, priorities and start policies, the output, the player, the air log in
 * the real SQLite file) on simulated lines in a virtual time: the engine's waiting, "now", and the
 * lines all run on {@link VirtualTime}, which moves only when everything waits. Quartz is off; each
 * occurrence is fired through {@link PlayoutEngine#fire}, the call Quartz's job makes, at the
 * virtual instant its trigger would fire. A scenario takes milliseconds of real time and comes out
 * the same to the frame every time: each is run {@value #RUNS} times and every run must give the
 * same result.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "loaxa.playout.enabled=false")
class EngineInVirtualTimeTest {

    private static final int RUNS = 20;
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
        var root = Files.createTempDirectory("loaxa-virtual-time-");
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
    void a_priority_broadcast_with_policy_cut_fades_the_normal_one_out_and_starts_on_its_instant() throws Exception {
        var results = repeat(() -> {
            var t = nextSlot();
            var normal = oneOff("Bản tin thường", t, Priority.NORMAL, StartPolicy.WAIT, 60, onAir6);
            var priority = oneOff("Thông báo ưu tiên", t.plusMillis(2_500), Priority.PRIORITY, StartPolicy.CUT, 0,
                    incoming1);
            int lines = port.lines().size();
            trigger(normal, t, false);
            trigger(priority, t.plusMillis(2_500), false);
            idle();

            var normalEnd = row(normal, "END");
            assertThat(normalEnd.get("outcome")).isEqualTo("INTERRUPTED");
            assertThat((String) normalEnd.get("reason")).startsWith("CUT").contains(priority);
            assertThat(row(priority, "END").get("outcome")).isEqualTo("COMPLETED");
            var cut = lineOf(lines, ON_AIR);
            var incoming = lineOf(lines, INCOMING);
            long first = incoming.firstFrameOf(INCOMING, 0);
            long error = incoming.nanosOfFrame(first) - time.toNanoTime(t.plusMillis(2_500));
            assertThat(Math.abs(error)).as("the priority broadcast's first sample on its instant").isLessThan(FRAME_NANOS);
            long lastOfCut = cut.lastSoundingFrame();
            assertThat(cut.nanosOfFrame(lastOfCut)).as("the cut one is gone before the next starts")
                    .isLessThan(incoming.nanosOfFrame(first));
            assertThat(cut.steepestStep(cut.firstFrameOf(ON_AIR, 0) + 1, lastOfCut + 1)).as("faded, not chopped")
                    .isLessThan(50);
            assertThat(incoming.framesOf(INCOMING)).isEqualTo(RATE);
            return List.of(error, lastOfCut, cut.nanosOfFrame(lastOfCut) - time.toNanoTime(t));
        });
        System.out.printf("CUT in virtual time: first sample %d ns from its instant, the cut one's last sample %.3f s"
                + " after its start%n", results.getFirst().get(0), results.getFirst().get(2) / 1e9);
    }

    @Test
    void a_normal_broadcast_with_policy_wait_starts_late_start_after_the_one_on_air_ended() throws Exception {
        var results = repeat(() -> {
            var t = nextSlot();
            var first = oneOff("Bản tin thường", t, Priority.NORMAL, StartPolicy.WAIT, 60, onAir3);
            var waiting = oneOff("Bản tin chờ", t.plusMillis(500), Priority.NORMAL, StartPolicy.WAIT, 10, incoming1);
            int lines = port.lines().size();
            trigger(first, t, false);
            trigger(waiting, t.plusMillis(500), false);
            idle();

            assertThat(row(first, "END").get("outcome")).isEqualTo("COMPLETED");
            assertThat(row(waiting, "END").get("outcome")).isEqualTo("COMPLETED");
            var a = lineOf(lines, ON_AIR);
            var b = lineOf(lines, INCOMING);
            assertThat(a.framesOf(ON_AIR)).as("played whole").isEqualTo(3L * RATE);
            assertThat(b.framesOf(INCOMING)).isEqualTo(RATE);
            long end = a.nanosOfFrame(a.lastSoundingFrame() + 1);
            long gap = b.nanosOfFrame(b.firstFrameOf(INCOMING, 0)) - end;
            // The end is known once the line has drained; the next line is then opened and primed.
            assertThat(gap).isBetween(timing.lateStart().toNanos(), timing.lateStart().toNanos() + 300_000_000L);
            return List.of(gap);
        });
        System.out.printf("WAIT in virtual time: %.3f ms between the end of one and the start of the other%n",
                results.getFirst().getFirst() / 1e6);
    }

    @Test
    void a_normal_broadcast_with_policy_skip_gives_up_on_a_priority_one_and_never_airs() throws Exception {
        repeat(() -> {
            var t = nextSlot();
            var priority = oneOff("Thông báo ưu tiên", t, Priority.PRIORITY, StartPolicy.CUT, 0, onAir3);
            var skipped = oneOff("Bản tin bỏ qua", t.plusMillis(500), Priority.NORMAL, StartPolicy.SKIP, 1, incoming1);
            int lines = port.lines().size();
            trigger(priority, t, false);
            trigger(skipped, t.plusMillis(500), false);
            idle();

            assertThat(row(priority, "END").get("outcome")).isEqualTo("COMPLETED");
            var notAired = row(skipped, "NOT_AIRED");
            assertThat(notAired.get("outcome")).isEqualTo("SKIPPED");
            assertThat((String) notAired.get("reason")).startsWith("BUSY").contains(priority);
            assertThat(lineOf(lines, ON_AIR).framesOf(ON_AIR)).isEqualTo(3L * RATE);
            assertThat(linesFrom(lines)).noneMatch(l -> l.firstFrameOf(INCOMING, 0) >= 0);
            return List.of((long) linesFrom(lines).size());
        });
    }

    @Test
    void an_emergency_pre_empts_the_broadcast_on_air_and_starts_on_its_instant() throws Exception {
        repeat(() -> {
            var t = nextSlot();
            var normal = oneOff("Bản tin thường", t, Priority.NORMAL, StartPolicy.WAIT, 60, onAir6);
            var emergency = oneOff("Cảnh báo lũ", t.plusMillis(2_500), Priority.EMERGENCY, StartPolicy.CUT, 0,
                    incoming1);
            int lines = port.lines().size();
            trigger(normal, t, false);
            trigger(emergency, t.plusMillis(2_500), false);
            idle();

            var preempted = row(normal, "END");
            assertThat(preempted.get("outcome")).isEqualTo("PREEMPTED");
            assertThat((String) preempted.get("reason")).startsWith("PREEMPTED").contains(emergency);
            assertThat(row(emergency, "END").get("outcome")).isEqualTo("COMPLETED");
            var cut = lineOf(lines, ON_AIR);
            var warning = lineOf(lines, INCOMING);
            long first = warning.firstFrameOf(INCOMING, 0);
            long error = warning.nanosOfFrame(first) - time.toNanoTime(t.plusMillis(2_500));
            assertThat(Math.abs(error)).isLessThan(FRAME_NANOS);
            long lastOfCut = cut.lastSoundingFrame();
            assertThat(cut.nanosOfFrame(lastOfCut)).isLessThan(warning.nanosOfFrame(first));
            assertThat(cut.steepestStep(cut.firstFrameOf(ON_AIR, 0) + 1, lastOfCut + 1)).isLessThan(50);
            return List.of(error, lastOfCut);
        });
    }

    @Test
    void back_to_back_broadcasts_each_start_on_their_instant_and_a_broadcasts_items_join_to_the_sample()
            throws Exception {
        repeat(() -> {
            var t = nextSlot();
            var two = oneOff("Hai bản tin", t, Priority.NORMAL, StartPolicy.WAIT, 60, onAir1, incoming1);
            var next = oneOff("Bản tin sau", t.plusMillis(3_000), Priority.NORMAL, StartPolicy.WAIT, 60, onAir1);
            int lines = port.lines().size();
            trigger(two, t, false);
            trigger(next, t.plusMillis(3_000), false);
            idle();

            assertThat(row(two, "END").get("outcome")).isEqualTo("COMPLETED");
            assertThat(row(next, "END").get("outcome")).isEqualTo("COMPLETED");
            var opened = linesFrom(lines);
            assertThat(opened).hasSize(2);
            var runs = opened.get(0).runs().stream().filter(r -> r.value() != 0).toList();
            assertThat(runs).extracting(SimulatedLine.Run::value).containsExactly(ON_AIR, INCOMING);
            assertThat(runs.get(1).from()).as("joined to the sample").isEqualTo(runs.get(0).to());
            assertThat(runs).extracting(SimulatedLine.Run::length).containsExactly((long) RATE, (long) RATE);
            long firstError = opened.get(0).nanosOfFrame(runs.get(0).from()) - time.toNanoTime(t);
            var second = opened.get(1);
            long secondError = second.nanosOfFrame(second.firstFrameOf(ON_AIR, 0)) - time.toNanoTime(t.plusMillis(3_000));
            assertThat(Math.abs(firstError)).isLessThan(FRAME_NANOS);
            assertThat(Math.abs(secondError)).isLessThan(FRAME_NANOS);
            assertThat(second.framesOf(ON_AIR)).isEqualTo(RATE);
            return List.of(firstError, secondError);
        });
    }

    @Test
    void a_late_fire_inside_the_grace_window_airs_late_start_after_it_and_one_outside_it_is_missed()
            throws Exception {
        var results = repeat(() -> {
            var fireAt = nextSlot();
            var inside = fireAt.minusSeconds(30);
            var outside = fireAt.minus(timing.grace()).minusSeconds(30);
            var late = oneOff("Bản tin muộn", inside, Priority.NORMAL, StartPolicy.WAIT, 60, incoming1);
            var missed = oneOff("Bản tin lỡ", outside, Priority.NORMAL, StartPolicy.WAIT, 60, onAir1);
            int lines = port.lines().size();
            time.at(fireAt, () -> engine.fire(missed, outside, true), "fire-" + missed);
            time.at(fireAt, () -> engine.fire(late, inside, true), "fire-" + late);
            idle();

            assertThat(row(late, "END").get("outcome")).isEqualTo("COMPLETED");
            var line = lineOf(lines, INCOMING);
            long start = line.nanosOfFrame(line.firstFrameOf(INCOMING, 0)) - time.toNanoTime(fireAt);
            assertThat(start - timing.lateStart().toNanos()).as("late-start after the fire, not back-dated")
                    .isBetween(-FRAME_NANOS, FRAME_NANOS);
            var notAired = row(missed, "NOT_AIRED");
            assertThat(notAired.get("outcome")).isEqualTo("MISSED");
            assertThat(linesFrom(lines)).noneMatch(l -> l.firstFrameOf(ON_AIR, 0) >= 0);
            return List.of(start);
        });
        System.out.printf("Late fire in virtual time: first sample %.3f ms after the fire%n",
                results.getFirst().getFirst() / 1e6);
    }

    /** Runs a scenario {@value #RUNS} times; each gives its figures, which must be the same every time. */
    private List<List<Long>> repeat(Scenario scenario) throws Exception {
        var results = new ArrayList<List<Long>>();
        long realStart = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            results.add(scenario.run());
        }
        System.out.printf("%d runs in %d ms of real time%n", RUNS, (System.nanoTime() - realStart) / 1_000_000);
        assertThat(results).as("the same to the nanosecond every run").allSatisfy(r -> assertThat(r)
                .isEqualTo(results.getFirst()));
        return results;
    }

    @FunctionalInterface
    private interface Scenario {
        List<Long> run() throws Exception;
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
