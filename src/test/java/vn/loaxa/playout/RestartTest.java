package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.RequiresSoundCard;

/**
 * Power cuts and reboots, for real: the station runs as its own process, is killed with kill -9,
 * and started again on the same data folder. The log and the recording of the virtual card must
 * agree that nothing was lost and nothing played twice.
 */
@RequiresSoundCard
class RestartTest {

    private static final ZoneId STATION = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final double[] TONES = {500, 700, 900};

    @TempDir
    Path home;
    JsonMapper json = JsonMapper.builder().build();

    @Test
    void a_broadcast_killed_midway_is_closed_interrupted_and_its_remaining_items_resume_without_replaying()
            throws Exception {
        try (var station = new StationProcess(home); var recorder = FifoRecorder.startFromEnvironment()) {
            System.out.printf("station started in %d ms%n", station.start().toMillis());
            var assets = List.of(upload(station, "Mục 1", TONES[0]), upload(station, "Mục 2", TONES[1]),
                    upload(station, "Mục 3", TONES[2]));
            var planned = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
            var key = schedule(station, planned, assets);

            awaitItemOnAir(station, 1, Duration.ofSeconds(15));
            Thread.sleep(1_000);
            var killedAt = Instant.now();
            station.kill();
            System.out.printf("station restarted in %d ms%n", station.start().toMillis());

            var original = awaitBroadcast(station, key, Duration.ofSeconds(20));
            var resumed = awaitBroadcast(station, key + "/R1", Duration.ofSeconds(30));
            assertThat(original.get("outcome")).isEqualTo("INTERRUPTED");
            assertThat((String) original.get("reason")).startsWith("STATION_STOPPED");
            assertThat(items(original)).containsExactly("0=COMPLETED");
            assertThat(resumed.get("outcome")).isEqualTo("COMPLETED");
            assertThat((String) resumed.get("triggeredBy")).contains("resumes " + key);
            assertThat(items(resumed)).containsExactly("1=COMPLETED", "2=COMPLETED");
            var verify = json.readValue(station.api().get("/api/airlog/verify", "admin", StationProcess.PASSWORD).body(), Map.class);
            assertThat(verify.get("intact")).isEqualTo(true);
            // START, ITEM, END of the original; START, 2 ITEMs, END of the resumption: no row lost, none extra.
            assertThat(((Number) verify.get("checkedRows")).intValue()).isEqualTo(7);

            var end = Instant.parse((String) resumed.get("actualEnd"));
            recorder.awaitTime(end.plusMillis(300), Duration.ofSeconds(5));
            var timeline = Tones.timeline(recorder, recorder.frameAt(planned.minusSeconds(1)),
                    recorder.frameAt(end.plusMillis(300)), TONES);
            System.out.printf("heard: item 1 %.2f s, item 2 %.2f s, item 3 %.2f s; killed %s, resumed %s%n",
                    Tones.seconds(timeline, 0), Tones.seconds(timeline, 1), Tones.seconds(timeline, 2), killedAt,
                    resumed.get("actualStart"));
            assertThat(Tones.seconds(timeline, 0)).as("item 1 played once").isBetween(1.8, 2.2);
            assertThat(Tones.seconds(timeline, 1)).as("item 2 partly, then whole").isBetween(2.6, 3.4);
            assertThat(Tones.seconds(timeline, 2)).as("item 3 once").isBetween(1.8, 2.2);
        }
    }

    @Test
    void a_slot_passed_while_the_station_was_down_is_missed_beyond_grace_and_played_late_within_it()
            throws Exception {
        try (var station = new StationProcess(home, "loaxa.playout.grace=40s");
             var recorder = FifoRecorder.startFromEnvironment()) {
            station.start();
            var early = upload(station, "Sớm", TONES[0]);
            var later = upload(station, "Muộn", TONES[2]);
            var t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            // The first slot must still be ahead of its trigger (fired 2 s early) when the station is
            // killed, however slow the machine is at answering the two requests.
            var missedKey = schedule(station, t0.plusSeconds(8), List.of(early));
            var lateKey = schedule(station, t0.plusSeconds(45), List.of(later));
            station.kill();
            assertThat(Instant.now()).as("killed before the first slot's trigger").isBefore(t0.plusSeconds(6));

            Thread.sleep(Duration.between(Instant.now(), t0.plusSeconds(50)).toMillis());
            // Now the first slot is over 40 s late whatever the start-up takes; the second is late by the
            // start-up + 5 s, within grace unless the start-up takes more than 35 s (a busy 2-core
            // machine has taken more than 25).
            var startup = station.start();
            System.out.printf("station restarted in %d ms%n", startup.toMillis());

            var missed = awaitBroadcast(station, missedKey, Duration.ofSeconds(10));
            var late = awaitBroadcast(station, lateKey, Duration.ofSeconds(20));
            assertThat(missed.get("outcome")).isEqualTo("MISSED");
            assertThat((String) missed.get("reason")).startsWith("STATION_DOWN");
            assertThat(late.get("outcome")).isEqualTo("COMPLETED");
            var lateBy = Duration.between(Instant.parse((String) late.get("plannedStart")),
                    Instant.parse((String) late.get("actualStart")));
            System.out.printf("played %d ms late%n", lateBy.toMillis());
            assertThat(lateBy).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(40));

            var end = Instant.parse((String) late.get("actualEnd"));
            recorder.awaitTime(end.plusMillis(300), Duration.ofSeconds(5));
            var timeline = Tones.timeline(recorder, recorder.frameAt(t0), recorder.frameAt(end.plusMillis(300)), TONES);
            assertThat(Tones.seconds(timeline, 0)).as("the missed slot never sounded").isZero();
            assertThat(Tones.seconds(timeline, 2)).as("the late one played whole").isBetween(1.8, 2.2);
        }
    }

    private static long upload(StationProcess station, String title, double hz) throws Exception {
        return station.uploadTone(title, hz, 2);
    }

    private static String schedule(StationProcess station, Instant at, List<Long> assets) throws Exception {
        return station.scheduleOneOff(at, assets);
    }

    private void awaitItemOnAir(StationProcess station, int index, Duration timeout) throws Exception {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var status = json.readValue(station.api().get("/api/status", "admin", StationProcess.PASSWORD).body(), Map.class);
            var now = (Map<String, Object>) status.get("nowPlaying");
            if (now != null && ((Number) now.get("itemIndex")).intValue() == index) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("item " + index + " never went on air");
    }

    private static Map<String, Object> awaitBroadcast(StationProcess station, String key, Duration timeout)
            throws Exception {
        return station.awaitBroadcast(key, timeout);
    }

    private static List<String> items(Map<String, Object> broadcast) {
        return ((List<Map<String, Object>>) broadcast.get("items")).stream()
                .map(i -> i.get("position") + "=" + i.get("outcome")).toList();
    }
}
