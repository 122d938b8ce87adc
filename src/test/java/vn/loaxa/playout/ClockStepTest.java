package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.RequiresSoundCard;

/**
 * The station PC's clock is stepped an hour forward and back while broadcasts are due, as NTP or a
 * person setting the clock would: only the wall clock moves, the monotonic clock runs on. The
 * station runs as a real process with libfaketime preloaded, so the JVM, Quartz and the player all
 * read the stepped clock through the C library, exactly as they read a stepped system clock.
 *
 * <p>Forward, two slots an hour past are logged MISSED with CLOCK_JUMPED_FORWARD and never sound, and
 * a slot scheduled after the step plays on time. Back, what already played does not play again, a
 * slot now an hour ahead does not play early, and the re-plans go on; forward again, that slot is a
 * few seconds late, within grace, and plays once.
 */
@RequiresSoundCard
class ClockStepTest {

    private static final double MISSED_TONE_1 = 500;
    private static final double MISSED_TONE_2 = 650;
    private static final double ON_TIME_TONE = 800;
    private static final double PLAYED_TONE = 950;
    private static final double PENDING_TONE = 1100;

    @TempDir
    Path home;

    @BeforeAll
    static void libfaketimeIsInstalled() {
        if (Files.exists(SteppedClock.LIBRARY)) {
            return;
        }
        var missing = SteppedClock.LIBRARY + " is missing: apt-get install libfaketime";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + missing);
        }
        Assumptions.abort("Skipped: " + missing);
    }

    @Test
    void a_clock_stepped_an_hour_forward_and_back_neither_plays_a_slot_twice_nor_drops_one_silently()
            throws Exception {
        var clock = new SteppedClock(home.resolve("faketime-offset"));
        try (var station = new StationProcess(home, "loaxa.playout.replan-every=10s");
             var recorder = FifoRecorder.startFromEnvironment()) {
            clock.environment().forEach(station::environment);
            station.start();
            var missedAsset1 = station.uploadTone("Lỡ một", MISSED_TONE_1, 2);
            var missedAsset2 = station.uploadTone("Lỡ hai", MISSED_TONE_2, 2);
            var onTimeAsset = station.uploadTone("Đúng giờ", ON_TIME_TONE, 2);
            var playedAsset = station.uploadTone("Đã phát", PLAYED_TONE, 2);
            var pendingAsset = station.uploadTone("Chờ phát", PENDING_TONE, 2);
            var recordedFrom = Instant.now();

            // --- Forward: the clock jumps an hour over two slots due in 20 s and 35 s.
            var t0 = clock.stationNow().truncatedTo(ChronoUnit.SECONDS);
            var missed1 = station.scheduleOneOff(t0.plusSeconds(20), List.of(missedAsset1));
            var missed2 = station.scheduleOneOff(t0.plusSeconds(35), List.of(missedAsset2));
            sleepUntil(t0.plusSeconds(8)); // the offset is still 0: station time is real time
            clock.step(Duration.ofHours(1));
            assertThat(Duration.between(clock.stationNow(), stationTime(station)).abs())
                    .as("the station's wall clock follows the step").isLessThan(Duration.ofSeconds(5));

            for (var key : List.of(missed1, missed2)) {
                var row = station.awaitBroadcast(key, Duration.ofSeconds(30));
                assertThat(row.get("outcome")).as(key).isEqualTo("MISSED");
                assertThat((String) row.get("reason")).as(key).startsWith("CLOCK_JUMPED_FORWARD: 59 min")
                        .endsWith("grace 10 min");
                assertThat(row.get("actualStart")).as(key).isNull();
            }
            var onTimeAt = clock.stationNow().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
            var onTime = station.scheduleOneOff(onTimeAt, List.of(onTimeAsset));
            var onTimeRow = station.awaitBroadcast(onTime, Duration.ofSeconds(40));
            assertThat(onTimeRow.get("outcome")).isEqualTo("COMPLETED");
            long onTimeError = ((Number) onTimeRow.get("startErrorMs")).longValue();
            var onTimeHeard = heardAfter(recorder, onTimeAt.minus(clock.offset()).minusSeconds(1));
            System.out.printf("after the step forward: a new slot started %d ms off its instant, heard %d ms off%n",
                    onTimeError, Duration.between(onTimeAt.minus(clock.offset()), onTimeHeard).toMillis());
            assertThat(Math.abs(onTimeError)).as("a slot planned after the step plays on time").isLessThan(500);
            assertThat(Duration.between(onTimeAt.minus(clock.offset()), onTimeHeard).abs())
                    .isLessThan(Duration.ofMillis(500));
            clock.step(Duration.ZERO);

            // --- Back: one slot plays, then the clock is set back an hour with another one 30 s ahead.
            var t1 = clock.stationNow().truncatedTo(ChronoUnit.SECONDS);
            var played = station.scheduleOneOff(t1.plusSeconds(15), List.of(playedAsset));
            var pendingAt = t1.plusSeconds(50);
            var pending = station.scheduleOneOff(pendingAt, List.of(pendingAsset));
            assertThat(station.awaitBroadcast(played, Duration.ofSeconds(40)).get("outcome")).isEqualTo("COMPLETED");
            var stepBack = Instant.now();
            assertThat(Duration.between(stepBack, pendingAt)).as("the pending slot is still ahead")
                    .isGreaterThan(Duration.ofSeconds(20));
            clock.step(Duration.ofHours(-1));
            var stepBackStationTime = clock.stationNow();

            // Past the pending slot's instant in real time, and past re-plans after the step.
            sleepUntil(pendingAt.plusSeconds(8));
            assertThat(rows(station, pending)).as("an hour ahead now: it waits").isEmpty();
            assertThat(rows(station, played)).as("what played is logged once").hasSize(1);
            var heartbeat = heartbeat(home);
            System.out.printf("set back at %s (station time); last re-plan at %s%n", stepBackStationTime, heartbeat);
            assertThat(heartbeat).as("the periodic re-plan goes on after the clock was set back")
                    .isAfter(stepBackStationTime.plusSeconds(15)).isBefore(clock.stationNow().plusSeconds(1));

            // --- Forward again: the pending slot is now 8 s late, within grace: it plays at once, once.
            var stepForward = Instant.now();
            clock.step(Duration.ZERO);
            var pendingRow = station.awaitBroadcast(pending, Duration.ofSeconds(30));
            assertThat(pendingRow.get("outcome")).isEqualTo("COMPLETED");
            long lateBy = ((Number) pendingRow.get("startErrorMs")).longValue();
            long lateAtStep = Duration.between(pendingAt, stepForward).toMillis();
            var pendingHeard = heardAfter(recorder, stepForward);
            long heardLate = Duration.between(pendingAt, pendingHeard).toMillis();
            System.out.printf("after the step forward again: %d ms late at the step, started %d ms late, heard %d ms late%n",
                    lateAtStep, lateBy, heardLate);
            assertThat(lateBy).as("started at once after the step").isBetween(lateAtStep, lateAtStep + 6_000);
            assertThat(Math.abs(heardLate - lateBy)).as("the logged lateness is what the card played").isLessThan(200);
            assertThat(rows(station, pending)).hasSize(1);

            var verify = station.json().readValue(station.api().get("/api/airlog/verify", "admin",
                    StationProcess.PASSWORD).body(), Map.class);
            assertThat(verify.get("intact")).as(verify.toString()).isEqualTo(true);
            for (var key : List.of(missed1, missed2, onTime, played, pending)) {
                assertThat(rows(station, key)).as(key + " has one row").hasSize(1);
            }

            // The recording is the witness: what was missed never sounded, the rest sounded once.
            var end = Instant.parse((String) pendingRow.get("actualEnd")).plusMillis(500);
            recorder.awaitTime(end, Duration.ofSeconds(10));
            var tones = new double[] {MISSED_TONE_1, MISSED_TONE_2, ON_TIME_TONE, PLAYED_TONE, PENDING_TONE};
            var whole = Tones.timeline(recorder, recorder.frameAt(recordedFrom), recorder.frameAt(end), tones);
            // A slot that aired would hold its tone for 2 s. A lone 50 ms window at the abrupt end of
            // another tone can count as the lowest tone (a click's energy is mostly low), so no more
            // than one window in a row is allowed.
            assertThat(longestRun(whole, 0)).as("the first missed slot never sounded: " + runs(whole, 0, recordedFrom))
                    .isLessThanOrEqualTo(0.05);
            assertThat(longestRun(whole, 1)).as("the second missed slot never sounded: " + runs(whole, 1, recordedFrom))
                    .isLessThanOrEqualTo(0.05);
            assertThat(Tones.seconds(whole, 2)).as("the slot after the step played whole, once").isBetween(1.8, 2.2);
            assertThat(Tones.seconds(whole, 3)).as("the slot played before the step back, once").isBetween(1.8, 2.2);
            assertThat(Tones.seconds(whole, 4)).as("the pending slot, once").isBetween(1.8, 2.2);
            var setBack = Tones.timeline(recorder, recorder.frameAt(stepBack), recorder.frameAt(stepForward), tones);
            // As above: a lone 50 ms window at the edge of the played slot's tone is not a slot sounding.
            assertThat(Math.max(longestRun(setBack, 3), longestRun(setBack, 4))).as("silence while set back")
                    .isLessThanOrEqualTo(0.05);

            var log = station.logText();
            log.lines().filter(l -> l.contains("wall clock") || l.contains("Missed") || l.contains("Re-planned"))
                    .forEach(l -> System.out.println("station: " + l));
            assertThat(count(log, "The wall clock jumped forward by 3600")).as("forward jumps logged").isEqualTo(2);
            assertThat(count(log, "The wall clock was set back by 3600")).as("backward jumps logged").isEqualTo(2);
        }
    }

    /**
     * The station's wall clock, stepped through libfaketime's timestamp file: it holds an offset
     * from the real clock in seconds ("+3600"), read on every call. Stepping it is what NTP
     * stepping the system clock does to the station; the test's own clock stays real.
     */
    static final class SteppedClock {

        /**
         * The thread-safe build of the Debian package: with the plain one, re-reading the file on
         * every call races between threads, and a few readings in a million come out an hour off.
         */
        static final Path LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

        private final Path file;
        private volatile Duration offset = Duration.ZERO;

        SteppedClock(Path file) throws Exception {
            this.file = file;
            step(Duration.ZERO);
        }

        Map<String, String> environment() {
            return Map.of(
                    "LD_PRELOAD", LIBRARY.toString(),
                    "FAKETIME_TIMESTAMP_FILE", file.toString(),
                    // Re-read the file on every call: a step takes effect at once, as a real one does.
                    "FAKETIME_NO_CACHE", "1",
                    // Only the wall clock moves: System.nanoTime(), sleeps and timed waits stay real.
                    "FAKETIME_DONT_FAKE_MONOTONIC", "1",
                    // libfaketime 0.9.10 (Debian 12) otherwise turns the JVM's timed waits on its
                    // monotonic condition variables into deadlines already past: Object.wait and
                    // LockSupport.parkNanos return at once and every waiting thread spins.
                    "FAKETIME_FORCE_MONOTONIC_FIX", "0");
        }

        /** Sets the station's clock {@code offset} from the real clock (atomically: never a half-written file). */
        void step(Duration offset) throws Exception {
            var tmp = file.resolveSibling(file.getFileName() + ".tmp");
            long seconds = offset.toSeconds();
            Files.writeString(tmp, (seconds < 0 ? "-" : "+") + Math.abs(seconds) + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            this.offset = offset;
        }

        Duration offset() {
            return offset;
        }

        /** What the station's wall clock reads now. */
        Instant stationNow() {
            return Instant.now().plus(offset);
        }
    }

    private static Instant stationTime(StationProcess station) throws Exception {
        var status = station.json().readValue(station.api().get("/api/status", "admin", StationProcess.PASSWORD).body(),
                Map.class);
        return Instant.parse((String) status.get("time"));
    }

    /** The air log's rows (broadcasts and not-aired slots) with this occurrence key. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(StationProcess station, String key) throws Exception {
        var today = LocalDate.now(StationProcess.STATION_ZONE);
        var page = station.json().readValue(station.api().get("/api/airlog?size=1000&from=" + today.minusDays(1)
                + "&to=" + today.plusDays(1), "admin", StationProcess.PASSWORD).body(), Map.class);
        return ((List<Map<String, Object>>) page.get("rows")).stream().filter(r -> key.equals(r.get("occurrenceKey")))
                .toList();
    }

    /** The engine's heartbeat, written by every re-plan with the station's time, read beside the running station. */
    private static Instant heartbeat(Path home) throws Exception {
        var url = "jdbc:sqlite:" + home.resolve("data").resolve("loaxa.db") + "?open_mode=1";
        try (var db = DriverManager.getConnection(url);
             var rs = db.createStatement().executeQuery(
                     "SELECT value_ms FROM playout_state WHERE name = 'running_at_ms'")) {
            assertThat(rs.next()).as("a heartbeat was written").isTrue();
            return Instant.ofEpochMilli(rs.getLong(1));
        }
    }

    /** When the card first played anything at or after {@code from} (real time). */
    private static Instant heardAfter(FifoRecorder recorder, Instant from) throws InterruptedException {
        recorder.awaitTime(Instant.now().plusMillis(300), Duration.ofSeconds(5));
        var frame = recorder.firstNonSilentFrameAfter(from);
        assertThat(frame).as("sound after " + from).isPresent();
        return recorder.timeOfFrame(frame.getAsLong());
    }

    /** Seconds of the longest unbroken stretch of tone {@code index} (50 ms windows). */
    private static double longestRun(int[] timeline, int index) {
        int best = 0;
        int run = 0;
        for (int t : timeline) {
            run = t == index ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best / 20.0;
    }

    /** Where tone {@code index} was found, with the windows around it, for a failure message. */
    private static String runs(int[] timeline, int index, Instant from) {
        var out = new StringBuilder();
        for (int w = 0; w < timeline.length; w++) {
            if (timeline[w] == index) {
                out.append(from.plusMillis(w * 50L)).append(" windows ")
                        .append(java.util.Arrays.toString(java.util.Arrays.copyOfRange(timeline, Math.max(0, w - 3),
                                Math.min(timeline.length, w + 4)))).append("; ");
            }
        }
        return out.isEmpty() ? "nowhere" : out.toString();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long ms = Duration.between(Instant.now(), instant).toMillis();
        assertThat(ms).as("the test is still ahead of its schedule").isPositive();
        Thread.sleep(ms);
    }
}
