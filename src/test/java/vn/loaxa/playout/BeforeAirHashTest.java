package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.audio.testsupport.RecordedCard;
import vn.loaxa.audio.testsupport.RequiresSoundCard;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.watch.AudioIntegrityWatch;

/**
 * The check right before air, in the running station playing into the virtual sound card: a stored
 * file whose bytes changed after import is not aired, the air log says why, the item after it plays,
 * and every item that played carries the hash of the bytes that went out.
 */
@RequiresSoundCard
class BeforeAirHashTest extends SpringTest {

    @RegisterExtension
    static final RecordedCard card = new RecordedCard();

    @LocalServerPort
    int port;
    @Autowired
    LibraryService library;
    @Autowired
    AirLogService airLog;
    @Autowired
    AudioIntegrityWatch integrity;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path tmp;

    @Test
    void a_file_changed_on_disk_is_refused_before_air_and_what_played_is_logged_with_its_hash() throws Exception {
        var changed = asset("Bản tin bị sửa 440 Hz", 440, 1);
        var good = asset("Bản tin đúng 880 Hz", 880, 1);
        var file = library.fileOf(changed);
        var original = tmp.resolve("original.wav");
        Files.copy(file, original);
        // Same size, same header, still a playable WAV: only the hash tells it is not what was approved.
        var bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x7f;
        Files.write(file, bytes);
        try {
            var planned = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
            var key = schedule(planned, changed, good);
            var end = awaitEnd(key, Duration.ofSeconds(15));

            assertThat(end.get("outcome")).isEqualTo("FAILED");
            assertThat((String) end.get("reason")).contains("AUDIO_CHANGED").contains("Bản tin bị sửa 440 Hz")
                    .contains("not aired").contains(changed.sha256());
            var items = jdbc.sql("""
                            SELECT title, outcome, asset_sha256, played_sha256 FROM air_log
                            WHERE kind = 'ITEM' AND occurrence_key = ? ORDER BY seq""")
                    .param(key).query().listOfRows();
            assertThat(items).hasSize(2);
            assertThat(items.get(0)).containsEntry("title", "Bản tin bị sửa 440 Hz").containsEntry("outcome", "FAILED")
                    .containsEntry("asset_sha256", changed.sha256()).containsEntry("played_sha256", null);
            assertThat(items.get(1)).containsEntry("title", "Bản tin đúng 880 Hz").containsEntry("outcome", "COMPLETED")
                    .containsEntry("played_sha256", good.sha256());
            assertThat(airLog.verify().intact()).isTrue();

            // Heard: the good item only, whole; not a moment of the changed one.
            card.recorder().awaitTime(planned.plusSeconds(3), Duration.ofSeconds(5));
            var timeline = Tones.timeline(card.recorder(), card.recorder().frameAt(planned.minusMillis(500)),
                    card.recorder().frameAt(planned.plusSeconds(3)), 440, 880);
            assertThat(Tones.seconds(timeline, 0)).as("seconds of the changed file heard").isLessThan(0.1);
            assertThat(Tones.seconds(timeline, 1)).as("seconds of the good file heard").isBetween(0.85, 1.15);

            assertThat(alertCodes()).contains("AUDIO_CHANGED");
            assertThat(alertMessages("AUDIO_CHANGED")).anyMatch(m -> m.contains("Bản tin bị sửa 440 Hz"));
        } finally {
            Files.copy(original, file, StandardCopyOption.REPLACE_EXISTING);
        }
        // The original back: the next check before air takes it, and its alert goes.
        assertThat(integrity.beforeAir(changed, file)).isEqualTo(changed.sha256());
        assertThat(integrity.beforeAir(good, library.fileOf(good))).isEqualTo(good.sha256());
        // Other tests in this JVM may leave files of their own changed: the alert must no longer name this one.
        assertThat(alertMessages("AUDIO_CHANGED")).noneMatch(m -> m.contains("Bản tin bị sửa 440 Hz"));
    }

    @Test
    void a_deleted_file_is_refused_with_its_own_reason_and_alert() throws Exception {
        var gone = asset("Bản tin bị xóa 660 Hz", 660, 0.5);
        var file = library.fileOf(gone);
        var original = tmp.resolve("gone.wav");
        Files.move(file, original);
        try {
            var key = schedule(Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS), gone);
            var end = awaitEnd(key, Duration.ofSeconds(15));

            assertThat(end.get("outcome")).isEqualTo("FAILED");
            // The planner finds it gone first, when it prepares the broadcast; the alert is the checks' own.
            assertThat((String) end.get("reason")).contains("ASSET_MISSING").contains("Bản tin bị xóa 660 Hz");
            assertThat(alertCodes()).contains("AUDIO_MISSING");
            assertThat(alertMessages("AUDIO_MISSING")).anyMatch(m -> m.contains("Bản tin bị xóa 660 Hz"));
            // Gone between planning and opening: the check before air refuses it with its own reason.
            assertThatThrownBy(() -> integrity.beforeAir(gone, file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("AUDIO_MISSING").hasMessageContaining("not aired");
        } finally {
            Files.move(original, file);
        }
        assertThat(integrity.beforeAir(gone, file)).isEqualTo(gone.sha256());
        assertThat(alertMessages("AUDIO_MISSING")).noneMatch(m -> m.contains("Bản tin bị xóa 660 Hz"));
    }

    private List<String> alertMessages(String code) throws Exception {
        var status = json(new Api(port).get("/api/status", "admin", ADMIN_PASSWORD).body());
        @SuppressWarnings("unchecked")
        var alerts = (List<Map<String, Object>>) status.get("alerts");
        return alerts.stream().filter(a -> code.equals(a.get("code"))).map(a -> String.valueOf(a.get("message")))
                .toList();
    }

    private List<Object> alertCodes() throws Exception {
        var status = json(new Api(port).get("/api/status", "admin", ADMIN_PASSWORD).body());
        @SuppressWarnings("unchecked")
        var alerts = (List<Map<String, Object>>) status.get("alerts");
        return alerts.stream().map(a -> a.get("code")).toList();
    }

    private AudioAsset asset(String title, double hz, double seconds) throws Exception {
        var file = Tones.wav(tmp, "t" + System.nanoTime(), hz, seconds);
        try (InputStream in = Files.newInputStream(file)) {
            return RunAs.call("test", "ADMIN", () -> library.importFile(in, title + ".wav", title, "test")).asset();
        }
    }

    private String schedule(Instant startsAt, AudioAsset... assets) throws Exception {
        var ids = String.join(", ", java.util.Arrays.stream(assets).map(a -> String.valueOf(a.id())).toList());
        var response = new Api(port).postJson("/api/broadcasts", "admin", ADMIN_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%s], "villageIds": [1]}""".formatted(startsAt, ids), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) json(response.body()).get("key");
    }

    private Map<String, Object> awaitEnd(String key, Duration timeout) throws InterruptedException {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var end = jdbc.sql("SELECT * FROM air_log WHERE kind = 'END' AND occurrence_key = ?").param(key)
                    .query().listOfRows();
            if (!end.isEmpty()) {
                return end.getFirst();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no END row for " + key + " within " + timeout);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(body, Map.class);
    }
}
