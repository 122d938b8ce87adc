package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.loaxa.audio.testsupport.RequiresSoundCard;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

/**
 * The player's line stalls mid-broadcast: the sound server's sink is suspended, so the line takes
 * no more audio and its position stops. The stall watchdog (decision 0012) must end the broadcast
 * as OUTPUT_LOST with the reason in the air log, the output alert must show in /api/status and the
 * health while it lasts, without flapping, and clear once the sink runs again.
 */
@RequiresSoundCard
class StalledOutputTest extends SpringTest {

    @LocalServerPort
    int port;
    @Autowired
    LibraryService library;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path tmp;

    @Test
    void a_stalled_line_is_noticed_logged_and_alerted_once_and_the_alert_clears_when_the_sink_runs_again()
            throws Exception {
        var tone = asset("Bản tin dài 500 Hz", 500, 10);
        var planned = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        var key = schedule(planned, tone);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), planned.plusSeconds(2)).toMillis()));
        assertThat(jdbc.sql("SELECT count(*) FROM air_log WHERE kind = 'END' AND occurrence_key = ?").param(key)
                .query(Long.class).single()).as("still on air when the sink stops").isZero();

        var seen = new ArrayList<Boolean>();
        pactl("suspend-sink", "virtual_out", "1");
        try {
            var deadline = Instant.now().plusSeconds(12);
            Map<String, Object> end = null;
            while (Instant.now().isBefore(deadline)) {
                seen.add(outputOk());
                end = endRow(key);
                if (end != null && seen.size() > 20 && !seen.getLast()) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(end).as("END row after the stall").isNotNull();
            assertThat(end.get("outcome")).isEqualTo("FAILED");
            assertThat((String) end.get("reason")).contains("OUTPUT_LOST").contains("stopped taking audio");
            assertThat(jdbc.sql("SELECT outcome FROM air_log WHERE kind = 'ITEM' AND occurrence_key = ?").param(key)
                    .query(String.class).single()).isEqualTo("FAILED");
            assertThat(alertCodes()).contains("OUTPUT_LOST");
            var health = json(new Api(port).get("/actuator/health", null, null).body());
            @SuppressWarnings("unchecked")
            var output = (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("output");
            assertThat(output.get("status")).isEqualTo("DOWN");
        } finally {
            pactl("suspend-sink", "virtual_out", "0");
        }
        var deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline) && !outputOk()) {
            seen.add(false);
            Thread.sleep(200);
        }
        seen.add(outputOk());
        assertThat(seen.getLast()).as("the output is back once the sink runs").isTrue();
        // Once lost it stays lost until a line plays again: one change to lost, one back, no flapping.
        int changes = 0;
        for (int i = 1; i < seen.size(); i++) {
            changes += seen.get(i).equals(seen.get(i - 1)) ? 0 : 1;
        }
        assertThat(changes).as("changes of the output status, seen: " + seen).isEqualTo(2);
    }

    private boolean outputOk() throws Exception {
        var status = status();
        @SuppressWarnings("unchecked")
        var output = (Map<String, Object>) status.get("output");
        return Boolean.TRUE.equals(output.get("ok"));
    }

    private List<Object> alertCodes() throws Exception {
        var status = status();
        @SuppressWarnings("unchecked")
        var alerts = (List<Map<String, Object>>) status.get("alerts");
        return alerts.stream().map(a -> a.get("code")).toList();
    }

    private Map<String, Object> status() throws Exception {
        var response = new Api(port).get("/api/status", "admin", ADMIN_PASSWORD);
        assertThat(response.statusCode()).as("GET /api/status: " + response.body()).isEqualTo(200);
        return json(response.body());
    }

    private Map<String, Object> endRow(String key) {
        var rows = jdbc.sql("SELECT * FROM air_log WHERE kind = 'END' AND occurrence_key = ?").param(key)
                .query().listOfRows();
        return rows.isEmpty() ? null : rows.getFirst();
    }

    private static void pactl(String... args) throws Exception {
        var command = new ArrayList<>(List.of("pactl"));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("pactl " + String.join(" ", args) + ": " + out).isZero();
    }

    private AudioAsset asset(String title, double hz, double seconds) throws Exception {
        var file = Tones.wav(tmp, "t" + System.nanoTime(), hz, seconds);
        try (InputStream in = Files.newInputStream(file)) {
            return RunAs.call("test", "ADMIN", () -> library.importFile(in, title + ".wav", title, "test")).asset();
        }
    }

    private String schedule(Instant startsAt, AudioAsset asset) throws Exception {
        var response = new Api(port).postJson("/api/broadcasts", "admin", ADMIN_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1]}""".formatted(startsAt, asset.id()), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) json(response.body()).get("key");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(body, Map.class);
    }
}
