package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.RequiresSoundCard;

/**
 * The disk holding the database fills up during a broadcast (recordings, downloads, a log gone
 * wild). The station's data folder is a small file system of its own, filled to the last byte
 * before the broadcast: the broadcast must still play whole, the air log rows wait in the journal
 * with an alert on the status, people get a clear answer instead of a server error, and once space
 * is freed every row lands and the chain is intact.
 */
@RequiresSoundCard
class DiskFullTest {

    private static final double[] TONES = {500, 700, 900};

    @TempDir
    Path home;

    @Test
    void a_broadcast_plays_whole_on_a_full_disk_its_rows_wait_with_an_alert_and_land_once_space_is_freed()
            throws Exception {
        try (var disk = SmallDisk.mount(home.resolve("data"), 24)) {
            // Re-plans (and their heartbeat write) every few seconds, so that some fall on the full disk.
            try (var station = new StationProcess(home, disk.dir(), "loaxa.playout.replan-every=5s");
                 var recorder = FifoRecorder.startFromEnvironment()) {
                station.start();
                try {
                    run(station, recorder, disk);
                } catch (AssertionError | RuntimeException e) {
                    // The station's own account of the fault; its folder goes with the test.
                    System.out.println(station.logText());
                    throw e;
                }
            }
        }
    }

    private void run(StationProcess station, FifoRecorder recorder, SmallDisk disk) throws Exception {
        var assets = new ArrayList<Long>();
        for (int i = 0; i < TONES.length; i++) {
            assets.add(station.uploadTone("Mục " + (i + 1), TONES[i], 2));
        }
        var planned = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        var key = station.scheduleOneOff(planned, assets);

        long filled = disk.fill();
        System.out.printf("filled %d bytes; %d bytes free%n", filled, disk.freeBytes());

        // Writes people ask for meanwhile are refused with a reason, not a server error.
        var oneOff = station.api().postJson("/api/broadcasts", "admin", StationProcess.PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1]}""".formatted(
                planned.plus(Duration.ofHours(1)), assets.getFirst()), null);
        System.out.printf("one-off on a full disk: %d %s%n", oneOff.statusCode(), oneOff.body());
        assertThat(oneOff.statusCode()).as(oneOff.body()).isEqualTo(507);
        var refused = station.json().readValue(oneOff.body(), Map.class);
        assertThat(refused.get("code")).isEqualTo("STORAGE_FULL");
        assertThat((String) refused.get("error")).contains("Ổ đĩa").contains("đầy");

        var upload = station.api().upload("/api/library", "admin", StationProcess.PASSWORD, "them.wav",
                Files.readAllBytes(Tones.wav(home, "them", 1100, 1)), "Thêm", null);
        System.out.printf("upload on a full disk: %d %s%n", upload.statusCode(), upload.body());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(507);
        var uploadRefused = station.json().readValue(upload.body(), Map.class);
        assertThat((String) uploadRefused.get("code")).isIn("STORAGE_FULL", "STORAGE_FAILED");
        assertThat((String) uploadRefused.get("error")).contains("đầy");

        // The broadcast plays while the disk stays full; the station answers and stays ready all along.
        var end = planned.plusSeconds(6);
        var backlogSeen = false;
        var answers = new ArrayList<Integer>();
        var readiness = new TreeSet<String>();
        while (Instant.now().isBefore(end.plusSeconds(2))) {
            var status = station.api().get("/api/status", "admin", StationProcess.PASSWORD);
            answers.add(status.statusCode());
            if (status.statusCode() == 200) {
                backlogSeen |= alertCodes(station, status.body()).contains("AIRLOG_BACKLOG");
                readiness.add((String) ((Map<?, ?>) station.json().readValue(status.body(), Map.class)
                        .get("health")).get("status"));
            }
            Thread.sleep(250);
        }
        assertThat(answers).as("/api/status answers while the disk is full").containsOnly(200);
        assertThat(backlogSeen).as("AIRLOG_BACKLOG raised while the rows cannot be written").isTrue();
        assertThat(readiness).as("still ready: it plays and serves; a full disk is not a reason to take "
                + "it out of service").containsExactly("UP");
        var health = station.json().readValue(station.api().get("/actuator/health", null, null).body(),
                Map.class);
        assertThat(((Map<?, ?>) ((Map<?, ?>) health.get("components")).get("diskSpace")).get("status"))
                .as("a monitor learns of the full disk from the health").isEqualTo("DOWN");
        assertThat(logged(station, key)).as("the rows wait in the journal, not yet in the database")
                .isNull();

        recorder.awaitTime(end.plusMillis(500), Duration.ofSeconds(5));
        var timeline = Tones.timeline(recorder, recorder.frameAt(planned.minusSeconds(1)),
                recorder.frameAt(end.plusMillis(500)), TONES);
        System.out.printf("heard on a full disk: %.2f s, %.2f s, %.2f s%n", Tones.seconds(timeline, 0),
                Tones.seconds(timeline, 1), Tones.seconds(timeline, 2));
        for (int i = 0; i < TONES.length; i++) {
            assertThat(Tones.seconds(timeline, i)).as("item %d played whole", i + 1).isBetween(1.8, 2.2);
        }

        var freedAt = Instant.now();
        disk.free();
        var row = station.awaitBroadcast(key, Duration.ofSeconds(20));
        System.out.printf("rows landed %d ms after the disk was freed%n",
                Duration.between(freedAt, Instant.now()).toMillis());
        assertThat(row.get("outcome")).isEqualTo("COMPLETED");
        assertThat(items(row)).containsExactly("0=COMPLETED", "1=COMPLETED", "2=COMPLETED");
        var verify = station.json().readValue(station.api().get("/api/airlog/verify", "admin",
                StationProcess.PASSWORD).body(), Map.class);
        assertThat(verify.get("intact")).isEqualTo(true);
        assertThat(((Number) verify.get("checkedRows")).intValue()).as("START, 3 ITEM, END").isEqualTo(5);
        awaitNoAlert(station, "AIRLOG_BACKLOG", Duration.ofSeconds(10));

        var after = station.api().postJson("/api/broadcasts", "admin", StationProcess.PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1]}""".formatted(
                planned.plus(Duration.ofHours(1)), assets.getFirst()), null);
        assertThat(after.statusCode()).as("writes work again: " + after.body()).isEqualTo(201);

        // The fault is said once, not once per retry: an unattended PC may sit on a full disk for days.
        var log = station.logText();
        assertThat(count(log, "could not be committed; retrying")).as("the air log writer's error").isEqualTo(1);
        assertThat(count(log, "heartbeat could not be written")).as("the heartbeat's warning").isEqualTo(1);
        assertThat(log).doesNotContain("Re-planning failed").doesNotContain("marked as broken")
                .doesNotContain("Unexpected API failure");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertCodes(StationProcess station, String statusBody) {
        var status = station.json().readValue(statusBody, Map.class);
        return ((List<Map<String, Object>>) status.get("alerts")).stream().map(a -> (String) a.get("code")).toList();
    }

    private static void awaitNoAlert(StationProcess station, String code, Duration timeout) throws Exception {
        var deadline = Instant.now().plus(timeout);
        List<String> codes = List.of();
        while (Instant.now().isBefore(deadline)) {
            var status = station.api().get("/api/status", "admin", StationProcess.PASSWORD);
            codes = alertCodes(station, status.body());
            if (!codes.contains(code)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(code + " still raised after " + timeout + ": " + codes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> logged(StationProcess station, String key) throws Exception {
        var today = LocalDate.now(StationProcess.STATION_ZONE);
        var response = station.api().get("/api/airlog?size=1000&from=" + today.minusDays(1) + "&to="
                + today.plusDays(1), "admin", StationProcess.PASSWORD);
        assertThat(response.statusCode()).as("the air log can be read on a full disk").isEqualTo(200);
        var rows = (List<Map<String, Object>>) station.json().readValue(response.body(), Map.class).get("rows");
        return rows.stream().filter(r -> key.equals(r.get("occurrenceKey"))).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<String> items(Map<String, Object> broadcast) {
        return ((List<Map<String, Object>>) broadcast.get("items")).stream()
                .map(i -> i.get("position") + "=" + i.get("outcome")).toList();
    }
}
