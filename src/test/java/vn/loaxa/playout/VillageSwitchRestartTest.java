package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.audio.testsupport.RequiresSoundCard;
import vn.loaxa.zone.SwitchingForTests;

/**
 * kill -9 in the middle of a broadcast leaves its villages' relays on (they hold their state): the
 * station started again switches every village off before anything else and gives the cut
 * broadcast's ON rows their OFF rows, so the evidence never shows a village on for ever.
 */
@RequiresSoundCard
class VillageSwitchRestartTest {

    @TempDir
    Path home;

    @Test
    void villages_left_on_by_a_crash_are_switched_off_and_logged_at_the_next_start() throws Exception {
        var program = SwitchingForTests.recordingProgram(home);
        try (var station = new StationProcess(home)) {
            station.start();
            var response = station.api().putJson("/api/settings/switching", "admin", StationProcess.PASSWORD,
                    SwitchingForTests.settings("COMMAND", 1_000, "", program.toString(), ""));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            var asset = station.uploadTone("Bản tin dài", 600, 20);
            var planned = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
            var key = station.scheduleOneOff(planned, List.of(asset));
            awaitCall("on ", Duration.ofSeconds(20));
            Thread.sleep(Duration.between(Instant.now(), planned.plusSeconds(2)).toMillis());

            station.kill();
            assertThat(SwitchingForTests.calls(home)).noneMatch(c -> c.arguments().startsWith("off "));
            station.start();

            var off = awaitCall("off ", Duration.ofSeconds(20));
            // Every village of the station, not only the broadcast's: after a crash nobody knows which are on.
            assertThat(off.arguments()).isEqualTo("off thon-1 thon-2 thon-3 thon-4 thon-5 thon-6 thon-7");
            var rows = villageRows(station, key);
            assertThat(rows).extracting(r -> r.get("villageName") + " " + (Boolean.TRUE.equals(r.get("on")) ? "ON" : "OFF"))
                    .contains("Thôn 1 ON", "Thôn 1 OFF");
            var offRow = rows.stream().filter(r -> Boolean.FALSE.equals(r.get("on"))).findFirst().orElseThrow();
            assertThat((String) offRow.get("detail")).contains("started again");
            assertThat(offRow.get("ack")).isEqualTo("ACKNOWLEDGED");
            var verify = station.api().get("/api/airlog/verify", "admin", StationProcess.PASSWORD);
            assertThat(verify.body()).contains("\"intact\":true");
        }
    }

    @Test
    void a_clean_stop_mid_broadcast_switches_its_villages_off_before_the_station_exits() throws Exception {
        var program = SwitchingForTests.recordingProgram(home);
        try (var station = new StationProcess(home)) {
            station.start();
            var response = station.api().putJson("/api/settings/switching", "admin", StationProcess.PASSWORD,
                    SwitchingForTests.settings("COMMAND", 1_000, "", program.toString(), ""));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            var asset = station.uploadTone("Bản tin dài", 600, 20);
            var planned = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
            station.scheduleOneOff(planned, List.of(asset));
            awaitCall("on ", Duration.ofSeconds(20));
            Thread.sleep(Duration.between(Instant.now(), planned.plusSeconds(2)).toMillis());

            station.stop();

            // Only the broadcast's villages (1 and 2), switched off by the station itself on its way out.
            assertThat(SwitchingForTests.calls(home)).extracting(SwitchingForTests.Call::arguments)
                    .containsExactly("on thon-1 thon-2", "off thon-1 thon-2");
        }
    }

    private SwitchingForTests.Call awaitCall(String prefix, Duration timeout) throws Exception {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var call = SwitchingForTests.calls(home).stream().filter(c -> c.arguments().startsWith(prefix)).findFirst();
            if (call.isPresent()) {
                return call.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + prefix.strip() + "' call within " + timeout);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> villageRows(StationProcess station, String key) throws Exception {
        var deadline = Instant.now().plusSeconds(20);
        List<Map<String, Object>> rows = List.of();
        while (Instant.now().isBefore(deadline)) {
            var body = station.api().get("/api/airlog/villages?key=" + key, "admin", StationProcess.PASSWORD).body();
            rows = station.json().readValue(body, List.class);
            if (rows.stream().anyMatch(r -> Boolean.FALSE.equals(r.get("on")))) {
                return rows;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no OFF row for " + key + ": " + rows);
    }
}
