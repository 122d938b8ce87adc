package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.RequiresSoundCard;

/**
 * A station process that hangs across a slot (hung, starved of CPU): it is frozen with SIGSTOP
 * before the slot's trigger and thawed after it. The wall and the monotonic clock both run on
 * through a freeze, so this is a late trigger, not a clock jump (see ClockStepTest for those).
 * Decisions are taken on the real clock when the trigger finally fires: beyond the grace window the
 * slot is MISSED with the reason and nothing airs; within it, it airs at once and its row says how
 * late.
 */
@RequiresSoundCard
class FrozenStationTest {

    private static final double MISSED_TONE = 500;
    private static final double LATE_TONE = 900;

    @TempDir
    Path home;

    @Test
    void a_trigger_that_fires_beyond_grace_is_missed_with_its_lateness_and_within_grace_plays_late()
            throws Exception {
        try (var station = new StationProcess(home, "loaxa.playout.grace=8s");
             var recorder = FifoRecorder.startFromEnvironment()) {
            station.start();
            var missedTone = station.uploadTone("Bị lỡ", MISSED_TONE, 2);
            var lateTone = station.uploadTone("Phát muộn", LATE_TONE, 2);
            var t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            var missedAt = t0.plusSeconds(12);
            var lateAt = t0.plusSeconds(45);
            var missedKey = station.scheduleOneOff(missedAt, List.of(missedTone));
            var lateKey = station.scheduleOneOff(lateAt, List.of(lateTone));

            // Frozen from 5 s before (its trigger fires 2 s before) until 15 s after: 15 s late, grace 8 s.
            freeze(station, missedAt.minusSeconds(5), missedAt.plusSeconds(15));
            var missed = station.awaitBroadcast(missedKey, Duration.ofSeconds(20));
            assertThat(missed.get("outcome")).isEqualTo("MISSED");
            assertThat((String) missed.get("reason")).startsWith("LATE_TRIGGER").contains("grace 8 s");
            assertThat(missed.get("actualStart")).isNull();

            // Frozen from 5 s before until 4 s after: within grace, it plays at once, 4-6 s late.
            freeze(station, lateAt.minusSeconds(5), lateAt.plusSeconds(4));
            var late = station.awaitBroadcast(lateKey, Duration.ofSeconds(20));
            assertThat(late.get("outcome")).isEqualTo("COMPLETED");
            long lateBy = ((Number) late.get("startErrorMs")).longValue();
            System.out.printf("within grace: played %d ms late%n", lateBy);
            assertThat(lateBy).isBetween(4_000L, 7_000L);

            var end = Instant.parse((String) late.get("actualEnd"));
            recorder.awaitTime(end.plusMillis(300), Duration.ofSeconds(5));
            var timeline = Tones.timeline(recorder, recorder.frameAt(t0), recorder.frameAt(end.plusMillis(300)),
                    MISSED_TONE, LATE_TONE);
            assertThat(Tones.seconds(timeline, 0)).as("the missed slot never sounded").isZero();
            assertThat(Tones.seconds(timeline, 1)).as("the late one played whole").isBetween(1.8, 2.2);
            var heard = recorder.firstNonSilentFrameAfter(lateAt);
            assertThat(heard).isPresent();
            long heardLate = Duration.between(lateAt, recorder.timeOfFrame(heard.getAsLong())).toMillis();
            assertThat(Math.abs(heardLate - lateBy)).as("the logged lateness is what the card played").isLessThan(100);
        }
    }

    private static void freeze(StationProcess station, Instant from, Instant until) throws Exception {
        sleepUntil(from);
        signal(station, "-STOP");
        try {
            sleepUntil(until);
        } finally {
            signal(station, "-CONT");
        }
    }

    private static void signal(StationProcess station, String signal) throws Exception {
        var kill = new ProcessBuilder("kill", signal, String.valueOf(station.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill " + signal).isZero();
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long ms = Duration.between(Instant.now(), instant).toMillis();
        assertThat(ms).as("the test is still ahead of its schedule").isPositive();
        Thread.sleep(ms);
    }
}
