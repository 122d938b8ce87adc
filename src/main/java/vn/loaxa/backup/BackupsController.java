package vn.loaxa.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.base.ApiErrors;

/** The backups for ADMIN: the list, and "back up now" (decision 0023). */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class BackupsController {

    record StoredJson(String name, String folder, Instant createdAt, long sizeBytes, int files, long airLogRows,
                      boolean verified) {
    }

    record RunJson(long id, Instant startedAt, Instant finishedAt, String trigger, String actor, @Nullable String name,
                   String outcome, @Nullable String problemCode, @Nullable String problem, long totalBytes,
                   int files, int filesCopied, long bytesCopied) {
    }

    record ListJson(String folder, boolean running, @Nullable Instant lastGoodAt, boolean overdue,
                    List<StoredJson> backups, List<RunJson> runs) {
    }

    private final BackupService backups;

    BackupsController(BackupService backups) {
        this.backups = backups;
    }

    @GetMapping("/api/backups")
    ListJson list() {
        var status = backups.status();
        return new ListJson(status.folder().toString(), status.running(), status.lastGoodAt(), status.overdue(),
                backups.stored().stream().map(s -> new StoredJson(s.name(), s.folder().toString(), s.createdAt(),
                        s.sizeBytes(), s.files(), s.airLogRows(), true)).toList(),
                backups.recentRuns(20).stream().map(r -> new RunJson(r.id(), r.startedAt(), r.finishedAt(), r.trigger(),
                        r.actor(), r.name(), r.outcome(), r.problemCode(), r.problem(), r.totalBytes(), r.files(),
                        r.filesCopied(), r.bytesCopied())).toList());
    }

    @PostMapping("/api/backups")
    ResponseEntity<Map<String, String>> backUpNow(HttpServletRequest request) {
        try {
            var folder = backups.backupNow();
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "STARTED", "folder", folder));
        } catch (BackupException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiErrors.body(ApiErrors.localeOf(request),
                    "backup.problem.RUNNING", "BACKUP_RUNNING", e.getMessage(), backups.folder().toString()));
        }
    }
}
