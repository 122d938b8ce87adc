package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.PipeSink;
import vn.loaxa.audio.testsupport.RequiresSoundCard;

/**
 * The sound output vanishes in the middle of a broadcast (a USB card pulled out, the sound server
 * losing its device) and comes back later. The broadcast must end with the lost output named in
 * its log, the item that was cut logged with what it played, the station must say so on its status
 * while the output is gone, a broadcast due meanwhile must fail at once rather than hang, and the
 * next broadcast after the output is back must play whole.
 */
@RequiresSoundCard
class OutputLostTest {

    private static final double[] TONES = {500, 700, 900};
    private static final double NEXT_TONE = 1100;

    @TempDir
    Path home;

    @Test
    void a_broadcast_whose_output_vanishes_ends_failed_naming_it_and_the_next_one_plays_whole_once_it_is_back()
            throws Exception {
        try (var station = new StationProcess(home); var sink = PipeSink.ofEnvironment()) {
            station.start();
            try {
                run(station, sink);
            } catch (AssertionError | RuntimeException e) {
                // The station's own account of the fault; its folder goes with the test.
                System.out.println(station.logText());
                throw e;
            }
        }
    }

    private void run(StationProcess station, PipeSink sink) throws Exception {
        var assets = new ArrayList<Long>();
        for (int i = 0; i < TONES.length; i++) {
            assets.add(station.uploadTone("Mục " + (i + 1), TONES[i], 2));
        }
        var next = station.uploadTone("Sau khi có lại loa", NEXT_TONE, 2);
        var planned = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        var key = station.scheduleOneOff(planned, assets);

        Map<String, Object> failed;
        try (var recorder = FifoRecorder.startFromEnvironment()) {
            awaitItemOnAir(station, 1, Duration.ofSeconds(20));
            Thread.sleep(700);
            sink.unload();

            // While it is gone: the broadcast ends, the status says why, the station keeps answering.
            var outputAlert = false;
            var answers = new ArrayList<Integer>();
            var deadline = Instant.now().plusSeconds(15);
            failed = null;
            while (Instant.now().isBefore(deadline) && (failed == null || !outputAlert)) {
                var status = station.api().get("/api/status", "admin", StationProcess.PASSWORD);
                answers.add(status.statusCode());
                if (status.statusCode() == 200 && alertCodes(station, status.body()).stream()
                        .anyMatch(c -> c.startsWith("OUTPUT_"))) {
                    outputAlert = true;
                }
                if (failed == null) {
                    failed = logged(station, key);
                }
                Thread.sleep(250);
            }
            System.out.printf("after the output vanished: %s%n", failed);
            assertThat(answers).as("/api/status answers while the output is gone").containsOnly(200);
            assertThat(failed).as("the broadcast ended within 15 s of losing the output").isNotNull();
            assertThat(outputAlert).as("an OUTPUT_ alert while the output is gone").isTrue();
            var health = station.json().readValue(station.api().get("/actuator/health", null, null).body(),
                    Map.class);
            var output = (Map<?, ?>) ((Map<?, ?>) health.get("components")).get("output");
            assertThat(output.get("status")).as("a monitor learns of it from the health: " + output).isEqualTo("DOWN");
            assertThat(((Map<?, ?>) output.get("details")).get("problem")).isEqualTo("LOST");
            assertThat(station.api().get("/actuator/health/readiness", null, null).statusCode())
                    .as("still ready: the operator needs the UI to look into it").isEqualTo(200);

            assertThat(failed.get("outcome")).isIn("FAILED", "INTERRUPTED");
            assertThat((String) failed.get("reason")).contains("OUTPUT_LOST");
            var items = items(failed);
            assertThat(items).extracting(i -> i.get("position") + "=" + i.get("outcome"))
                    .containsExactly("0=COMPLETED", "1=FAILED");
            long cutMs = ((Number) items.get(1).get("actualMs")).longValue();

            // The recording up to the loss: item 1 whole, item 2 in part, item 3 never.
            var heard = Tones.timeline(recorder, recorder.frameAt(planned.minusSeconds(1)),
                    recorder.framesRecorded(), TONES);
            System.out.printf("heard before the loss: %.2f s, %.2f s, %.2f s; item 2 logged %d ms played%n",
                    Tones.seconds(heard, 0), Tones.seconds(heard, 1), Tones.seconds(heard, 2), cutMs);
            assertThat(Tones.seconds(heard, 0)).isBetween(1.8, 2.2);
            assertThat(Tones.seconds(heard, 1)).isBetween(0.3, 1.5);
            assertThat(cutMs).as("the cut item is logged with what the card played, not with the silence after")
                    .isBetween(Math.round(Tones.seconds(heard, 1) * 1000) - 150,
                            Math.round(Tones.seconds(heard, 1) * 1000) + 150);
            assertThat(Tones.seconds(heard, 2)).isZero();

            // A broadcast due while it is still gone fails at once and leaves the station free.
            var duringKey = station.scheduleOneOff(Instant.now().plusSeconds(3), List.of(next));
            var during = station.awaitBroadcast(duringKey, Duration.ofSeconds(15));
            System.out.printf("due while the output is gone: %s %s%n", during.get("outcome"), during.get("reason"));
            assertThat(during.get("outcome")).isEqualTo("FAILED");
            assertThat((String) during.get("reason")).contains("DEVICE_UNAVAILABLE");
        }

        sink.load();
        var backAt = Instant.now();
        awaitNoOutputAlert(station, Duration.ofSeconds(20));
        System.out.printf("output alert cleared %d ms after the output came back%n",
                Duration.between(backAt, Instant.now()).toMillis());

        try (var recorder = FifoRecorder.startFromEnvironment()) {
            var nextAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
            var nextKey = station.scheduleOneOff(nextAt, List.of(next, assets.getFirst()));
            var row = station.awaitBroadcast(nextKey, Duration.ofSeconds(20));
            assertThat(row.get("outcome")).as("the next broadcast: " + row).isEqualTo("COMPLETED");
            assertThat(items(row)).extracting(i -> i.get("position") + "=" + i.get("outcome"))
                    .containsExactly("0=COMPLETED", "1=COMPLETED");
            var end = Instant.parse((String) row.get("actualEnd"));
            recorder.awaitTime(end.plusMillis(300), Duration.ofSeconds(5));
            var heard = Tones.timeline(recorder, recorder.frameAt(nextAt.minusSeconds(1)),
                    recorder.frameAt(end.plusMillis(300)), NEXT_TONE, TONES[0]);
            System.out.printf("heard after the output came back: %.2f s, %.2f s%n", Tones.seconds(heard, 0),
                    Tones.seconds(heard, 1));
            assertThat(Tones.seconds(heard, 0)).isBetween(1.8, 2.2);
            assertThat(Tones.seconds(heard, 1)).isBetween(1.8, 2.2);
        }
        var verify = station.json().readValue(station.api().get("/api/airlog/verify", "admin",
                StationProcess.PASSWORD).body(), Map.class);
        assertThat(verify.get("intact")).isEqualTo(true);
    }

    @SuppressWarnings("unchecked")
    private static void awaitItemOnAir(StationProcess station, int index, Duration timeout) throws Exception {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var status = station.json().readValue(station.api().get("/api/status", "admin",
                    StationProcess.PASSWORD).body(), Map.class);
            var now = (Map<String, Object>) status.get("nowPlaying");
            if (now != null && ((Number) now.get("itemIndex")).intValue() == index) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("item " + index + " never went on air");
    }

    private static void awaitNoOutputAlert(StationProcess station, Duration timeout) throws Exception {
        var deadline = Instant.now().plus(timeout);
        List<String> codes = List.of();
        while (Instant.now().isBefore(deadline)) {
            codes = alertCodes(station, station.api().get("/api/status", "admin", StationProcess.PASSWORD).body());
            if (codes.stream().noneMatch(c -> c.startsWith("OUTPUT_"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the output alert stayed " + timeout + " after the output came back: " + codes);
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertCodes(StationProcess station, String statusBody) {
        var status = station.json().readValue(statusBody, Map.class);
        return ((List<Map<String, Object>>) status.get("alerts")).stream().map(a -> (String) a.get("code")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> logged(StationProcess station, String key) throws Exception {
        var today = LocalDate.now(StationProcess.STATION_ZONE);
        var response = station.api().get("/api/airlog?size=1000&from=" + today.minusDays(1) + "&to="
                + today.plusDays(1), "admin", StationProcess.PASSWORD);
        var rows = (List<Map<String, Object>>) station.json().readValue(response.body(), Map.class).get("rows");
        return rows.stream().filter(r -> key.equals(r.get("occurrenceKey")) && r.get("outcome") != null).findFirst()
                .orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> broadcast) {
        return (List<Map<String, Object>>) broadcast.get("items");
    }
}
