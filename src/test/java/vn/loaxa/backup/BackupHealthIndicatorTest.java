package vn.loaxa.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The {@code backup} health component's word and details for each backup state. */
class BackupHealthIndicatorTest {

    private static final Path FOLDER = Path.of("/media/usb/loaxa-backups");

    @Test
    void a_recent_good_backup_is_up_and_named() {
        var at = Instant.now().minus(Duration.ofHours(3));
        var health = BackupHealthIndicator.of(new BackupService.Status(at, FOLDER.resolve("2026-12-03-0230").toString(),
                false, FOLDER, false));
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("lastGoodAt", at.toString())
                .containsEntry("lastGoodFolder", FOLDER.resolve("2026-12-03-0230").toString())
                .containsEntry("folder", FOLDER.toString()).containsEntry("running", false)
                .doesNotContainKey("alert");
    }

    @Test
    void an_overdue_backup_warns_with_its_age_and_folder() {
        var at = Instant.now().minus(Duration.ofHours(50));
        var health = BackupHealthIndicator.of(new BackupService.Status(at, "old", true, FOLDER, false));
        assertThat(health.getStatus().getCode()).isEqualTo("WARNING");
        assertThat((String) health.getDetails().get("alert")).contains("50").contains(FOLDER.toString());
    }

    @Test
    void a_station_that_never_backed_up_warns_once_overdue() {
        var health = BackupHealthIndicator.of(new BackupService.Status(null, null, true, FOLDER, true));
        assertThat(health.getStatus().getCode()).isEqualTo("WARNING");
        assertThat(health.getDetails()).containsEntry("lastGoodAt", "never").containsEntry("running", true)
                .doesNotContainKey("lastGoodFolder");
        assertThat((String) health.getDetails().get("alert")).contains(FOLDER.toString());
    }
}
