package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.loaxa.audio.output.OutputPort;
import vn.loaxa.audio.output.PlayoutClock;
import vn.loaxa.audio.output.SimulatedLine;
import vn.loaxa.audio.output.SimulatedPort;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.ScheduleChanged;
import vn.loaxa.schedule.StartPolicy;
import vn.loaxa.testing.SpringTest;

/**
 * CUT, WAIT and SKIP between a normal and a priority broadcast, an emergency's pre-emption, the
 * items of a broadcast joined, and late fires inside and outside the grace window, end to end through the running
 * engine (Quartz triggers, the air log, the player) onto simulated lines that keep every sample:
 * which broadcast's audio left which line at which instant, with no sound card. The engine waits
 * on the real clock, so the lines are paced by it too; each broadcast is a constant signal of its
 * own, so a fade, a gap or an overlap shows to the sample.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CollisionsOnSimulatedLineTest extends SpringTest {

    /**
     * A station of its own: the simulated output makes a second application beside the shared one,
     * and two engines on one database would each chain the air log from their own last row. Closed
     * after the class, so that its engine stops firing.
     */
    @DynamicPropertySource
    static void ownStation(DynamicPropertyRegistry registry) {
        registry.add(OWN_DATA_DIR, () -> ROOT.resolve("data-simulated-line").toString());
        registry.add(OWN_AUDIO_DIR, () -> ROOT.resolve("audio-simulated-line").toString());
    }

    private static final short ON_AIR = 3_000;
    private static final short INCOMING = 6_000;
    private static final int RATE = 44_100;
    /** The line clock's estimate, the event thread and the scheduler's threads on a busy machine. */
    private static final long ON_TIME_NANOS = 30_000_000L;

    @TestConfiguration
    static class SimulatedOutput {
        @Bean
        @Primary
        SimulatedPort simulatedPort() {
            return new SimulatedPort(SimulatedLine.REAL_TIME);
        }
    }

    @Autowired
    SimulatedPort port;
    @Autowired
    OutputPort outputPort;
    @Autowired
    LibraryService library;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlayoutTiming timing;
    @Autowired
    PlayoutEngine engine;
    @TempDir
    Path tmp;
    /** Lines opened before this test belong to the tests before it (one application for all). */
    private long began;

    @BeforeEach
    void begin() {
        began = System.nanoTime();
    }

    @Test
    void a_priority_broadcast_with_policy_cut_fades_the_normal_one_out_and_starts_on_its_instant() throws Exception {
        assertThat(outputPort).isSameAs(port);
        var t = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        var normal = oneOff("Bản tin thường", t, Priority.NORMAL, StartPolicy.WAIT, 60, asset(ON_AIR, 6));
        var priority = oneOff("Thông báo ưu tiên", t.plusMillis(2_500), Priority.PRIORITY, StartPolicy.CUT, 0,
                asset(INCOMING, 1));

        var normalEnd = awaitEnd(normal);
        var priorityEnd = awaitEnd(priority);

        assertThat(normalEnd.get("outcome")).isEqualTo("INTERRUPTED");
        assertThat((String) normalEnd.get("reason")).startsWith("CUT").contains(priority);
        assertThat(priorityEnd.get("outcome")).isEqualTo("COMPLETED");
        var cut = lineOf(ON_AIR);
        var incoming = lineOf(INCOMING);
        long first = incoming.firstFrameOf(INCOMING, 0);
        long error = incoming.nanosOfFrame(first) - nanoTimeOf(t.plusMillis(2_500));
        System.out.printf("CUT: the priority broadcast's first sample %.1f ms after its instant%n", error / 1e6);
        assertThat(Math.abs(error)).isLessThan(ON_TIME_NANOS);
        long lastOfCut = cut.lastSoundingFrame();
        assertThat(cut.nanosOfFrame(lastOfCut)).as("the cut broadcast is gone before the next starts")
                .isLessThan(incoming.nanosOfFrame(first));
        assertThat(cut.steepestStep(cut.firstFrameOf(ON_AIR, 0) + 1, lastOfCut + 1)).as("faded, not chopped")
                .isLessThan(50);
        assertThat(incoming.framesOf(INCOMING)).isEqualTo(RATE);
    }

    @Test
    void a_normal_broadcast_with_policy_wait_starts_when_the_one_on_air_has_ended() throws Exception {
        var t = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        var onAir = oneOff("Bản tin thường", t, Priority.NORMAL, StartPolicy.WAIT, 60, asset(ON_AIR, 2));
        var waiting = oneOff("Bản tin chờ", t.plusMillis(500), Priority.NORMAL, StartPolicy.WAIT, 10,
                asset(INCOMING, 1));

        assertThat(awaitEnd(onAir).get("outcome")).isEqualTo("COMPLETED");
        assertThat(awaitEnd(waiting).get("outcome")).isEqualTo("COMPLETED");

        var first = lineOf(ON_AIR);
        var second = lineOf(INCOMING);
        assertThat(first.framesOf(ON_AIR)).as("played whole").isEqualTo(2L * RATE);
        assertThat(second.framesOf(INCOMING)).isEqualTo(RATE);
        long gap = second.nanosOfFrame(second.firstFrameOf(INCOMING, 0)) - first.nanosOfFrame(first.lastSoundingFrame() + 1);
        System.out.printf("WAIT: %.1f ms between the end of one and the start of the other%n", gap / 1e6);
        // It starts late-start after the end is known: the line is opened and primed first.
        assertThat(gap).isBetween(timing.lateStart().toNanos() - ON_TIME_NANOS, Duration.ofSeconds(1).toNanos());
    }

    @Test
    void a_normal_broadcast_with_policy_skip_gives_up_on_a_priority_one_and_never_airs() throws Exception {
        var t = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        var onAir = oneOff("Thông báo ưu tiên", t, Priority.PRIORITY, StartPolicy.CUT, 0, asset(ON_AIR, 3));
        var skipped = oneOff("Bản tin bỏ qua", t.plusMillis(500), Priority.NORMAL, StartPolicy.SKIP, 1,
                asset(INCOMING, 1));

        assertThat(awaitEnd(onAir).get("outcome")).isEqualTo("COMPLETED");
        var notAired = awaitRow(skipped, "NOT_AIRED");
        assertThat(notAired.get("outcome")).isEqualTo("SKIPPED");
        assertThat((String) notAired.get("reason")).startsWith("BUSY").contains(onAir);
        assertThat(lineOf(ON_AIR).framesOf(ON_AIR)).as("the priority broadcast played whole").isEqualTo(3L * RATE);
        assertThat(linesOfThisTest()).noneMatch(l -> l.firstFrameOf(INCOMING, 0) >= 0);
    }

    @Test
    void an_emergency_pre_empts_the_broadcast_on_air_and_starts_on_its_instant() throws Exception {
        var t = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        var onAir = oneOff("Bản tin thường", t, Priority.NORMAL, StartPolicy.WAIT, 60, asset(ON_AIR, 6));
        var emergency = oneOff("Cảnh báo lũ", t.plusMillis(2_500), Priority.EMERGENCY, StartPolicy.CUT, 0,
                asset(INCOMING, 1));

        var preempted = awaitEnd(onAir);
        assertThat(awaitEnd(emergency).get("outcome")).isEqualTo("COMPLETED");

        assertThat(preempted.get("outcome")).isEqualTo("PREEMPTED");
        assertThat((String) preempted.get("reason")).startsWith("PREEMPTED").contains(emergency);
        var cut = lineOf(ON_AIR);
        var warning = lineOf(INCOMING);
        long first = warning.firstFrameOf(INCOMING, 0);
        long error = warning.nanosOfFrame(first) - nanoTimeOf(t.plusMillis(2_500));
        System.out.printf("EMERGENCY: first sample %.1f ms after its instant%n", error / 1e6);
        assertThat(Math.abs(error)).isLessThan(ON_TIME_NANOS);
        long lastOfCut = cut.lastSoundingFrame();
        assertThat(cut.nanosOfFrame(lastOfCut)).isLessThan(warning.nanosOfFrame(first));
        assertThat(cut.steepestStep(cut.firstFrameOf(ON_AIR, 0) + 1, lastOfCut + 1)).as("faded, not chopped")
                .isLessThan(50);
    }

    @Test
    void the_items_of_a_broadcast_follow_each_other_with_no_sample_between_them() throws Exception {
        var t = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        var key = oneOff("Hai bản tin", t, Priority.NORMAL, StartPolicy.WAIT, 60, asset(ON_AIR, 1),
                asset(INCOMING, 1));

        assertThat(awaitEnd(key).get("outcome")).isEqualTo("COMPLETED");

        var line = lineOf(INCOMING);
        var runs = line.runs().stream().filter(r -> r.value() != 0).toList();
        assertThat(runs).extracting(SimulatedLine.Run::value).containsExactly(ON_AIR, INCOMING);
        assertThat(runs.get(1).from()).as("joined to the sample").isEqualTo(runs.get(0).to());
        assertThat(runs).extracting(SimulatedLine.Run::length).containsExactly((long) RATE, (long) RATE);
        assertThat(Math.abs(line.nanosOfFrame(runs.get(0).from()) - nanoTimeOf(t))).isLessThan(ON_TIME_NANOS);
    }

    @Test
    void a_late_fire_inside_the_grace_window_airs_now_and_one_outside_it_is_missed() throws Exception {
        var inside = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        var outside = Instant.now().minus(timing.grace()).minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        var late = oneOff("Bản tin muộn", inside, Priority.NORMAL, StartPolicy.WAIT, 60, asset(INCOMING, 1));
        var missed = oneOff("Bản tin lỡ", outside, Priority.NORMAL, StartPolicy.WAIT, 60, asset(ON_AIR, 1));
        long firedAt = System.nanoTime();
        engine.fire(missed, outside, true);
        engine.fire(late, inside, true);

        assertThat(awaitEnd(late).get("outcome")).isEqualTo("COMPLETED");
        var line = lineOf(INCOMING);
        long first = line.nanosOfFrame(line.firstFrameOf(INCOMING, 0));
        // Back-dated would be 30 s before the fire; on the real clock of a busy machine the line's
        // estimate of its own frames drifts by tens of ms, so the bound is half the late-start margin
        // (the exact margin is checked in virtual time by EngineInVirtualTimeTest).
        assertThat(first - firedAt).as("started late-start after it was fired, not back-dated")
                .isGreaterThanOrEqualTo(timing.lateStart().toNanos() / 2);
        var row = awaitRow(missed, "NOT_AIRED");
        assertThat(row.get("outcome")).isEqualTo("MISSED");
        assertThat(linesOfThisTest()).noneMatch(l -> l.firstFrameOf(ON_AIR, 0) >= 0);
    }

    private AudioAsset asset(short value, int seconds) throws Exception {
        return MarkerAssets.constant(library, transactions, jdbc, tmp, RATE, value, seconds);
    }

    /** A one-off with the policy a one-off screen does not offer (programmes have it), as the schedule stores it. */
    private String oneOff(String title, Instant at, Priority priority, StartPolicy policy, int waitSeconds,
                          AudioAsset... assets) {
        long id = transactions.execute(
                s -> OneOffRows.insert(jdbc, title, at, priority, policy, waitSeconds, Instant.now(), assets));
        events.publishEvent(new ScheduleChanged("one-off " + id));
        return "O" + id;
    }


    private SimulatedLine lineOf(short value) {
        var lines = linesOfThisTest().stream().filter(l -> l.firstFrameOf(value, 0) >= 0).toList();
        assertThat(lines).as("lines that carried " + value).hasSize(1);
        return lines.getFirst();
    }

    private java.util.List<SimulatedLine> linesOfThisTest() {
        return port.lines().stream().filter(l -> l.openedAt() > began).toList();
    }




    private static long nanoTimeOf(Instant instant) {
        return PlayoutClock.system().toNanoTime(instant);
    }

    private Map<String, Object> awaitEnd(String key) throws InterruptedException {
        return awaitRow(key, "END");
    }

    private Map<String, Object> awaitRow(String key, String kind) throws InterruptedException {
        var deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            var rows = jdbc.sql("SELECT * FROM air_log WHERE kind = ? AND occurrence_key = ?").param(kind).param(key)
                    .query().listOfRows();
            if (!rows.isEmpty()) {
                return rows.getFirst();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + kind + " row for " + key + "; log: "
                + jdbc.sql("SELECT kind, outcome, reason FROM air_log WHERE occurrence_key = ?").param(key).query()
                .listOfRows());
    }
}
