package vn.loaxa.backup;

import java.util.LinkedHashMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import vn.loaxa.base.Texts;

/**
 * Health component {@code backup}: {@code WARNING} when no good backup was made for longer than
 * {@code loaxa.backup.overdue} (48 h), with the last good one and the folder. Like the station's
 * other self-checks (decision 0024) it is in neither probe group: a missing backup is mended by a
 * person, not by a restart, and the station keeps playing; the whole health reads WARNING (HTTP 200)
 * for a monitor that looks at the status word.
 */
@Component
class BackupHealthIndicator implements HealthIndicator {

    /** The same status word as the watch component's; ordered by {@code management.endpoint.health.status.order}. */
    static final Status WARNING = new Status("WARNING");

    private final BackupService backups;

    BackupHealthIndicator(BackupService backups) {
        this.backups = backups;
    }

    @Override
    public Health health() {
        return of(backups.status());
    }

    static Health of(BackupService.Status status) {
        var details = new LinkedHashMap<String, Object>();
        details.put("lastGoodAt", status.lastGoodAt() == null ? "never" : status.lastGoodAt().toString());
        if (status.lastGoodFolder() != null) {
            details.put("lastGoodFolder", status.lastGoodFolder());
        }
        details.put("folder", status.folder().toString());
        details.put("running", status.running());
        if (status.overdue()) {
            details.put("alert", BackupService.overdueMessage(Texts.ENGLISH, status));
            return Health.status(WARNING).withDetails(details).build();
        }
        return Health.up().withDetails(details).build();
    }
}
