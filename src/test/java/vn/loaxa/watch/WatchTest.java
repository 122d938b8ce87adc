package vn.loaxa.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;

/**
 * The station's own checks against the real data and audio folders and the real SQLite file, seen
 * where a person or a monitor sees them: {@code /api/status} and {@code /actuator/health}.
 */
class WatchTest extends SpringTest {

    @LocalServerPort
    int port;
    @Autowired
    DiskWatch disk;
    @Autowired
    AudioIntegrityWatch audio;
    @Autowired
    LibraryService library;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OneOffService oneOffs;
    @TempDir
    java.nio.file.Path tmp;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void a_disk_below_the_admins_threshold_is_one_alert_naming_both_folders_until_the_threshold_is_met() throws Exception {
        // Data and audio folders are on one disk here; a threshold no disk meets stands for a full one.
        setting(DiskWatch.MIN_FREE_MB_SETTING, String.valueOf(Long.MAX_VALUE / (1024 * 1024 * 2)));
        try {
            var reports = disk.check();
            assertThat(reports).singleElement().satisfies(r -> {
                assertThat(r.low()).isTrue();
                assertThat(r.folders()).hasSize(2);
                assertThat(r.freeBytes()).isPositive();
            });

            var alerts = alerts("en");
            var low = alerts.stream().filter(a -> a.get("code").equals("DISK_LOW")).toList();
            assertThat(low).singleElement().satisfies(a -> assertThat(a.get("message").toString())
                    .startsWith("The disk holding " + ROOT.resolve("data").toAbsolutePath())
                    .contains(ROOT.resolve("audio").toAbsolutePath().toString())
                    .contains(" MB free (").contains("(since "));
            assertThat(alerts("vi").stream().filter(a -> a.get("code").equals("DISK_LOW")).toList())
                    .singleElement().satisfies(a -> assertThat(a.get("message").toString()).startsWith("Ổ đĩa chứa thư mục"));
            assertThat(watchHealth()).containsEntry("status", "WARNING");
            // Worse than UP, not DOWN: the whole health says WARNING with 200 unless something is down.
            var whole = new Api(port).get("/actuator/health", null, null);
            @SuppressWarnings("unchecked")
            var wholeJson = (Map<String, Object>) json.readValue(whole.body(), Map.class);
            if (vn.loaxa.audio.output.OutputDevices.list().isEmpty()) {
                assertThat(wholeJson).containsEntry("status", "DOWN");
            } else {
                assertThat(whole.statusCode()).isEqualTo(200);
                assertThat(wholeJson).containsEntry("status", "WARNING");
            }
        } finally {
            clearSetting(DiskWatch.MIN_FREE_MB_SETTING);
        }
        // Back to the default (1 GB or 5 %), which this machine's disk meets: the alert clears itself.
        var reports = disk.check();
        assertThat(reports).allSatisfy(r -> assertThat(r.low()).isFalse());
        assertThat(alerts("en")).noneMatch(a -> a.get("code").equals("DISK_LOW"));
        assertThat(watchHealth().get("details").toString()).doesNotContain("DISK_LOW");
    }

    @Test
    void a_percentage_threshold_counts_too() {
        setting(DiskWatch.MIN_FREE_MB_SETTING, "0");
        setting(DiskWatch.MIN_FREE_PERCENT_SETTING, "100");
        try {
            assertThat(disk.check()).singleElement().satisfies(r -> assertThat(r.low()).isTrue());
        } finally {
            clearSetting(DiskWatch.MIN_FREE_MB_SETTING);
            clearSetting(DiskWatch.MIN_FREE_PERCENT_SETTING);
        }
        assertThat(disk.check()).singleElement().satisfies(r -> assertThat(r.low()).isFalse());
    }

    @Test
    void a_stored_file_whose_bytes_changed_or_that_was_deleted_is_an_alert_until_the_original_is_back() throws Exception {
        var changed = TestAssets.wav(library, tmp, "Bản tin đổi " + System.nanoTime(), 0.5);
        var deleted = TestAssets.wav(library, tmp, "Bản tin mất " + System.nanoTime(), 0.5);
        var changedFile = library.fileOf(changed);
        var deletedFile = library.fileOf(deleted);
        var originalChanged = tmp.resolve("original-changed");
        var originalDeleted = tmp.resolve("original-deleted");
        Files.copy(changedFile, originalChanged);
        Files.copy(deletedFile, originalDeleted);
        try {
            // One sample flipped in the middle: same size, same header, still playable, not what was approved.
            var bytes = Files.readAllBytes(changedFile);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(changedFile, bytes);
            Files.delete(deletedFile);

            var result = audio.checkAll();

            assertThat(result.checked()).isGreaterThanOrEqualTo(2);
            assertThat(result.changed()).extracting(a -> a.id()).contains(changed.id()).doesNotContain(deleted.id());
            assertThat(result.missing()).extracting(a -> a.id()).contains(deleted.id()).doesNotContain(changed.id());
            var alerts = alerts("en");
            assertThat(alerts).filteredOn(a -> a.get("code").equals("AUDIO_CHANGED")).singleElement()
                    .satisfies(a -> assertThat(a.get("message").toString()).contains("no longer match the SHA-256"));
            assertThat(alerts).filteredOn(a -> a.get("code").equals("AUDIO_MISSING")).singleElement()
                    .satisfies(a -> assertThat(a.get("message").toString()).contains("missing from the audio folder"));
            assertThat(watchHealth()).containsEntry("status", "WARNING");
        } finally {
            Files.copy(originalChanged, changedFile, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(originalDeleted, deletedFile, StandardCopyOption.REPLACE_EXISTING);
        }
        var result = audio.checkAll();
        assertThat(result.changed()).extracting(a -> a.id()).doesNotContain(changed.id());
        assertThat(result.missing()).extracting(a -> a.id()).doesNotContain(deleted.id());
        // Other tests in this JVM may leave files of their own changed; the alert follows what the check found.
        assertThat(alerts("en").stream().anyMatch(a -> a.get("code").equals("AUDIO_CHANGED")))
                .isEqualTo(!result.changed().isEmpty());
        assertThat(alerts("en").stream().anyMatch(a -> a.get("code").equals("AUDIO_MISSING")))
                .isEqualTo(!result.missing().isEmpty());
    }

    @Test
    void a_file_checked_ahead_of_air_is_not_hashed_again_in_the_lead_unless_it_changed_since() throws Exception {
        var asset = TestAssets.wav(library, tmp, "Bản tin kiểm trước " + System.nanoTime(), 0.5);
        var file = library.fileOf(asset);
        var original = tmp.resolve("original-ahead");
        Files.copy(file, original);

        audio.verifyAhead(asset, file);
        var hashedAhead = awaitHashed(asset, null);
        // The check before air takes the hash made ahead: the file is as it was then.
        assertThat(audio.beforeAir(asset, file)).isEqualTo(asset.sha256());
        assertThat(audio.lastHashed(asset.id())).isEqualTo(hashedAhead);
        // Asked again at the next re-plan: nothing to do.
        audio.verifyAhead(asset, file);
        assertThat(audio.beforeAir(asset, file)).isEqualTo(asset.sha256());
        assertThat(audio.lastHashed(asset.id())).isEqualTo(hashedAhead);

        try {
            // Rewritten after the check ahead, same size: its time changed, so it is hashed again and refused.
            var bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(file, bytes);
            audio.verifyAhead(asset, file);
            awaitHashed(asset, hashedAhead);
            // The alert is raised by the check ahead, minutes before the broadcast's instant.
            assertThat(alerts("en")).filteredOn(a -> a.get("code").equals("AUDIO_CHANGED"))
                    .anySatisfy(a -> assertThat(a.get("message").toString()).contains(asset.title()));
            assertThatThrownBy(() -> audio.beforeAir(asset, file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("AUDIO_CHANGED").hasMessageContaining("not aired");
        } finally {
            Files.copy(original, file, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(audio.beforeAir(asset, file)).isEqualTo(asset.sha256());
        assertThat(alerts("en")).filteredOn(a -> a.get("code").equals("AUDIO_CHANGED"))
                .noneSatisfy(a -> assertThat(a.get("message").toString()).contains(asset.title()));
    }

    @Test
    void the_planner_has_the_files_of_a_broadcast_due_within_minutes_checked_at_once() throws Exception {
        var asset = TestAssets.wav(library, tmp, "Bản tin sắp phát " + System.nanoTime(), 0.5);
        assertThat(audio.lastHashed(asset.id())).isNull();
        var startsAt = Instant.now().plus(Duration.ofSeconds(150)).truncatedTo(ChronoUnit.SECONDS);
        var response = new Api(port).postJson("/api/broadcasts", "admin", ADMIN_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1]}""".formatted(startsAt, asset.id()), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var key = (String) json.readValue(response.body(), Map.class).get("key");
        try {
            // The re-plan that follows the new one-off asks for its file at once, not 1.5 s before it airs.
            awaitHashed(asset, null);
        } finally {
            var oneOff = oneOffs.byKey(key).orElseThrow();
            RunAs.run("admin", "ADMIN", () -> {
                oneOffs.cancel(oneOff.id());
                return null;
            });
        }
    }

    /** Waits until the asset's file was hashed (again, if {@code after} is given); the time it was. */
    private long awaitHashed(AudioAsset asset, Long after) throws InterruptedException {
        var deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            var at = audio.lastHashed(asset.id());
            if (at != null && !at.equals(after)) {
                return at;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the file of \"" + asset.title() + "\" was not hashed ahead of air within 20 s");
    }

    private void setting(String key, String value) {
        transactions.executeWithoutResult(s -> jdbc.sql("""
                INSERT INTO station_setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, 'test')
                ON CONFLICT (key) DO UPDATE SET value = excluded.value""")
                .params(key, value, Instant.now().toString()).update());
    }

    private void clearSetting(String key) {
        transactions.executeWithoutResult(s -> jdbc.sql("DELETE FROM station_setting WHERE key = ?").param(key).update());
    }

    private List<Map<String, Object>> alerts(String language) throws Exception {
        var response = new Api(port).get("/api/status", "admin", ADMIN_PASSWORD, language);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var status = (Map<String, Object>) json.readValue(response.body(), Map.class);
        @SuppressWarnings("unchecked")
        var alerts = (List<Map<String, Object>>) status.get("alerts");
        return alerts;
    }

    private Map<String, Object> watchHealth() throws Exception {
        var response = new Api(port).get("/actuator/health", null, null);
        @SuppressWarnings("unchecked")
        var health = (Map<String, Object>) json.readValue(response.body(), Map.class);
        @SuppressWarnings("unchecked")
        var components = (Map<String, Object>) health.get("components");
        @SuppressWarnings("unchecked")
        var watch = (Map<String, Object>) components.get("watch");
        return watch;
    }
}
