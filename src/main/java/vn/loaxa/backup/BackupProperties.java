package vn.loaxa.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The nightly backup.
 *
 * @param dir         the backup folder (a second disk or a USB drive); blank = {@code backups} beside
 *                    the data folder. A folder that is set must exist: an unplugged USB drive's mount
 *                    point must not silently fill the system disk instead
 * @param at          time of day of the nightly backup, station time
 * @param keepDaily   how many days keep their newest good backup
 * @param keepMonthly how many months keep their newest good backup
 * @param overdue     without a good backup for this long the dashboard and /api/status raise an alert
 * @param enabled     false: no nightly backup (a manual one still works)
 */
@ConfigurationProperties("loaxa.backup")
public record BackupProperties(
        @Nullable Path dir,
        @DefaultValue("02:30") LocalTime at,
        @DefaultValue("7") int keepDaily,
        @DefaultValue("12") int keepMonthly,
        @DefaultValue("48h") Duration overdue,
        @DefaultValue("true") boolean enabled) {

    /** The folder backups go to, for a station whose data folder is {@code dataDir}. */
    public Path folder(Path dataDir) {
        return dir != null && !dir.toString().isBlank() ? dir.toAbsolutePath().normalize() : defaultFolder(dataDir);
    }

    public boolean isDefaultFolder() {
        return dir == null || dir.toString().isBlank();
    }

    static Path defaultFolder(Path dataDir) {
        var data = dataDir.toAbsolutePath().normalize();
        return (data.getParent() == null ? data : data.getParent()).resolve("backups");
    }
}
