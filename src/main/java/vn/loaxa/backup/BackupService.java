package vn.loaxa.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;
import vn.loaxa.audit.Audited;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.Texts;
import vn.loaxa.library.LibraryProperties;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.base.StationProperties;

/**
 * The station's backups: the nightly one, "Back up now", the list, and the last good one for the
 * dashboard. A backup runs on a thread of its own at low priority and never inside a transaction:
 * the database copy is a read snapshot ({@code VACUUM INTO}), so the engine keeps logging while it
 * runs; only the one-row record of the attempt is a (millisecond) write transaction.
 */
@Service
public class BackupService {

    private final StationTime stationTime;

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);

    /** One attempt, as recorded. */
    public record Run(long id, Instant startedAt, Instant finishedAt, String trigger, String actor, String root,
                      @Nullable String name, String outcome, @Nullable String problemCode, @Nullable String problem,
                      long totalBytes, int files, int filesCopied, long bytesCopied, long airLogRows,
                      long databaseCopyMs) {
        public boolean good() {
            return "GOOD".equals(outcome);
        }
    }

    /** A good backup in the backup folder. */
    public record Stored(String name, Path folder, Instant createdAt, long sizeBytes, int files, long airLogRows) {
    }

    /**
     * What an admin may change on the Backups page (kept in {@code station_setting}; never set, the
     * {@code loaxa.backup.*} properties apply).
     *
     * @param dir blank: {@code backups} beside the data folder
     */
    public record Settings(String dir, LocalTime at, int keepDaily, int keepMonthly) {
    }

    static final String DIR = "backup.dir";
    static final String AT = "backup.at";
    static final String KEEP_DAILY = "backup.keep-daily";
    static final String KEEP_MONTHLY = "backup.keep-monthly";
    static final int MAX_KEEP_DAILY = 366;
    static final int MAX_KEEP_MONTHLY = 120;

    /** The last good backup, and whether one is overdue. */
    public record Status(@Nullable Instant lastGoodAt, @Nullable String lastGoodFolder, boolean overdue,
                         Path folder, boolean running) {
    }

    private final StationProperties station;
    private final LibraryProperties library;
    private final BackupProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate writes;
    private final Clock clock;
    private final Instant startedAt;
    private final AtomicBoolean running = new AtomicBoolean();
    private Runnable restart;
    private java.util.concurrent.@Nullable ScheduledFuture<?> nightly;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "loaxa-backup");
        t.setDaemon(true);
        // Hashing and copying must not take the CPU from the player.
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    BackupService(StationProperties station, LibraryProperties library, BackupProperties properties, JdbcClient jdbc,
                  PlatformTransactionManager transactions, Clock clock,
                  org.springframework.context.ConfigurableApplicationContext context, StationTime stationTime) {
        this.stationTime = stationTime;
        this.restart = () -> {
            int code = org.springframework.boot.SpringApplication.exit(context, () -> RESTART_FOR_RESTORE);
            System.exit(code);
        };
        this.station = station;
        this.library = library;
        this.properties = properties;
        this.jdbc = jdbc;
        this.writes = new TransactionTemplate(transactions);
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public Path folder() {
        var dir = settings().dir();
        return dir.isBlank() ? properties.folder(station.dataDir()) : Path.of(dir).toAbsolutePath().normalize();
    }

    /** The folder when no other is set: the {@code loaxa.backup.dir} property, else {@code backups} beside the data. */
    public Path defaultFolder() {
        return properties.folder(station.dataDir());
    }

    /** Whether the folder is the default one, which a backup may create. */
    private boolean createsFolder() {
        return settings().dir().isBlank() && properties.isDefaultFolder();
    }

    /** The settings in force: what an admin saved, else the properties. */
    public Settings settings() {
        var saved = new java.util.HashMap<String, String>();
        jdbc.sql("SELECT key, value FROM station_setting WHERE key IN (?, ?, ?, ?)").params(DIR, AT, KEEP_DAILY, KEEP_MONTHLY)
                .query((rs, i) -> saved.put(rs.getString(1), rs.getString(2))).list();
        var dir = saved.getOrDefault(DIR, properties.dir() == null ? "" : properties.dir().toString());
        LocalTime at;
        try {
            at = saved.containsKey(AT) ? LocalTime.parse(saved.get(AT)) : properties.at();
        } catch (java.time.format.DateTimeParseException e) {
            at = properties.at();
        }
        return new Settings(dir, at, intOr(saved.get(KEEP_DAILY), properties.keepDaily()),
                intOr(saved.get(KEEP_MONTHLY), properties.keepMonthly()));
    }

    private static int intOr(@Nullable String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * Changes the backup folder, time and how many are kept; the next nightly backup follows at once.
     * A folder must be an existing, writable folder given as a full path (blank: the default); it is
     * checked before anything is saved.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "BACKUP_SETTINGS_CHANGED", target = "SETTING", id = "'backup'",
            snapshot = "{'dir': settings().dir(), 'at': settings().at().toString(), 'keepDaily': settings().keepDaily(), 'keepMonthly': settings().keepMonthly()}")
    public void updateSettings(String dir, LocalTime at, int keepDaily, int keepMonthly) {
        var folder = dir.strip();
        if (!folder.isEmpty()) {
            vn.loaxa.base.Limits.title(folder);
            Path path;
            try {
                path = Path.of(folder);
            } catch (java.nio.file.InvalidPathException e) {
                throw new vn.loaxa.base.InvalidInputException("BAD_BACKUP_FOLDER", "error.backup.folder", e.getMessage(), folder);
            }
            if (!path.isAbsolute() || !Files.isDirectory(path) || !Files.isWritable(path)) {
                throw new vn.loaxa.base.InvalidInputException("BAD_BACKUP_FOLDER", "error.backup.folder",
                        "Not an existing, writable folder given by its full path: " + folder, folder);
            }
        }
        if (keepDaily < 1 || keepDaily > MAX_KEEP_DAILY || keepMonthly < 0 || keepMonthly > MAX_KEEP_MONTHLY) {
            throw new vn.loaxa.base.InvalidInputException("BAD_BACKUP_KEEP", "error.backup.keep",
                    "keep-daily 1.." + MAX_KEEP_DAILY + ", keep-monthly 0.." + MAX_KEEP_MONTHLY,
                    Integer.toString(MAX_KEEP_DAILY), Integer.toString(MAX_KEEP_MONTHLY));
        }
        var by = CurrentUser.name();
        var now = clock.instant().toString();
        writes.executeWithoutResult(tx -> {
            for (var e : java.util.Map.of(DIR, folder, AT, at.withSecond(0).withNano(0).toString(),
                    KEEP_DAILY, Integer.toString(keepDaily), KEEP_MONTHLY, Integer.toString(keepMonthly)).entrySet()) {
                jdbc.sql("INSERT OR REPLACE INTO station_setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)")
                        .params(e.getKey(), e.getValue(), now, by).update();
            }
        });
        if (properties.enabled() && nightly != null) {
            nightly.cancel(false);
            scheduleNext();
        }
    }

    private BackupStore store() {
        return new BackupStore(folder(), stationTime.zone());
    }

    @EventListener(ApplicationReadyEvent.class)
    void scheduleNightly() {
        if (properties.enabled()) {
            scheduleNext();
        }
    }

    private void scheduleNext() {
        var now = stationTime.zoned(clock.instant());
        var next = now.with(settings().at());
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        var delay = Duration.between(now, next);
        nightly = executor.schedule(() -> {
            try {
                run("NIGHTLY", CurrentUser.SYSTEM);
            } catch (BackupException e) {
                // already recorded and logged
            } catch (RuntimeException e) {
                log.error("The nightly backup failed", e);
            } finally {
                scheduleNext();
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Next backup at {} into {}", next, folder());
    }

    /** For tests: what happens instead of stopping the process. */
    void onRestart(Runnable instead) {
        this.restart = instead;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /**
     * Starts a backup now, for a person; it runs on the backup thread and is recorded like the
     * nightly one.
     *
     * @throws BackupException {@code RUNNING} when a backup is already running
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "BACKUP_STARTED", target = "BACKUP", name = "#result")
    public String backupNow() throws BackupException {
        if (running.get()) {
            throw new BackupException(BackupException.Code.RUNNING, "A backup is already running");
        }
        var actor = CurrentUser.name();
        executor.execute(() -> {
            try {
                run("MANUAL", actor);
            } catch (BackupException e) {
                // already recorded and logged
            } catch (RuntimeException e) {
                log.error("The backup failed", e);
            }
        });
        return folder().toString();
    }

    /**
     * Makes, verifies and records one backup, then rotates the folder; on the calling thread. The
     * station calls it (nightly; tests); people go through {@link #backupNow()}.
     */
    public Run run(String trigger, String actor) throws BackupException {
        if (!running.compareAndSet(false, true)) {
            throw new BackupException(BackupException.Code.RUNNING, "A backup is already running");
        }
        var started = clock.instant();
        var store = store();
        try {
            BackupStore.Made made;
            try {
                made = store.create(station.databaseFile(), library.audioDir(), started, createsFolder());
            } catch (BackupException e) {
                record(trigger, actor, started, store.root(), null, e, null);
                throw e;
            }
            var problem = store.verify(made.folder());
            if (problem != null) {
                var failure = new BackupException(BackupException.Code.VERIFY_FAILED, problem);
                try {
                    store.markFailed(made.folder());
                } catch (IOException e) {
                    log.error("Could not rename the unverified backup {}", made.folder(), e);
                }
                record(trigger, actor, started, store.root(), made.name() + BackupStore.FAILED_SUFFIX, failure, made);
                throw failure;
            }
            try {
                store.markGood(made.folder(), clock.instant());
            } catch (IOException e) {
                var failure = new BackupException(BackupException.Code.COPY_FAILED, "Cannot mark " + made.folder() + " verified: " + e.getMessage(), e);
                record(trigger, actor, started, store.root(), made.name(), failure, made);
                throw failure;
            }
            var run = record(trigger, actor, started, store.root(), made.name(), null, made);
            log.info("Backup {} verified: {} files, {} copied ({} bytes), database copy took {} ms", made.folder(),
                    made.files(), made.filesCopied(), made.bytesCopied(), made.databaseCopy().toMillis());
            try {
                var removed = store.rotate(settings().keepDaily(), settings().keepMonthly());
                if (!removed.isEmpty()) {
                    log.info("Backups removed by rotation: {}", removed);
                }
            } catch (IOException e) {
                log.warn("Rotating the backups in {} failed: {}", store.root(), e.toString());
            }
            return run;
        } finally {
            running.set(false);
        }
    }

    private Run record(String trigger, String actor, Instant started, Path root, @Nullable String name,
                       @Nullable BackupException problem, BackupStore.@Nullable Made made) {
        if (problem != null) {
            log.error("Backup into {} failed ({}): {}", root, problem.code(), problem.getMessage());
        }
        var finished = clock.instant();
        var id = writes.execute(tx -> {
            jdbc.sql("""
                    INSERT INTO backup_run (started_at_ms, finished_at_ms, trigger, actor, root, name, outcome, problem_code,
                        problem, total_bytes, files, files_copied, bytes_copied, air_log_rows, database_copy_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(started.toEpochMilli(), finished.toEpochMilli(), trigger, actor, root.toString(), name,
                            problem == null ? "GOOD" : "FAILED", problem == null ? null : problem.code().name(),
                            problem == null ? null : problem.getMessage(),
                            made == null ? 0 : made.totalBytes(), made == null ? 0 : made.files(),
                            made == null ? 0 : made.filesCopied(), made == null ? 0 : made.bytesCopied(),
                            made == null ? 0 : made.airLogRows(), made == null ? 0 : made.databaseCopy().toMillis())
                    .update();
            return jdbc.sql("SELECT last_insert_rowid()").query(Long.class).single();
        });
        return runs(1).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    /** The latest attempts, newest first. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<Run> recentRuns(int limit) {
        return runs(limit);
    }

    private List<Run> runs(int limit) {
        return jdbc.sql("SELECT * FROM backup_run ORDER BY id DESC LIMIT ?").param(limit).query((rs, i) -> new Run(
                rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("started_at_ms")),
                Instant.ofEpochMilli(rs.getLong("finished_at_ms")), rs.getString("trigger"), rs.getString("actor"),
                rs.getString("root"), rs.getString("name"), rs.getString("outcome"), rs.getString("problem_code"),
                rs.getString("problem"), rs.getLong("total_bytes"), rs.getInt("files"), rs.getInt("files_copied"),
                rs.getLong("bytes_copied"), rs.getLong("air_log_rows"), rs.getLong("database_copy_ms"))).list();
    }

    /** The good backups in the backup folder, newest first (read from the folder: its manifests). */
    @PreAuthorize("hasRole('ADMIN')")
    public List<Stored> stored() {
        var found = new ArrayList<Stored>();
        try {
            for (var folder : store().goodBackups()) {
                try {
                    var m = Manifest.read(folder.resolve(Manifest.FILE_NAME));
                    found.add(new Stored(folder.getFileName().toString(), folder, Instant.parse(m.createdAt()),
                            m.entries().stream().mapToLong(Manifest.Entry::size).sum(), m.entries().size(), m.airLogRows()));
                } catch (IOException | RuntimeException e) {
                    log.warn("Unreadable backup manifest in {}: {}", folder, e.toString());
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list the backup folder {}: {}", folder(), e.toString());
        }
        return found;
    }

    /** For the dashboard and /api/status: open to every signed-in user, it names no file content. */
    public Status status() {
        var last = jdbc.sql("SELECT finished_at_ms, root, name FROM backup_run WHERE outcome = 'GOOD' ORDER BY id DESC LIMIT 1")
                .query((rs, i) -> new Object[]{Instant.ofEpochMilli(rs.getLong(1)), Path.of(rs.getString(2)).resolve(rs.getString(3)).toString()})
                .optional();
        var firstAttempt = jdbc.sql("SELECT min(started_at_ms) FROM backup_run").query(Long.class).optional()
                .map(Instant::ofEpochMilli).orElse(null);
        // Without any good backup, count from the first attempt or this start, whichever is earlier.
        Instant since = last.map(o -> (Instant) o[0])
                .orElse(firstAttempt != null && firstAttempt.isBefore(startedAt) ? firstAttempt : startedAt);
        var overdue = Duration.between(since, clock.instant()).compareTo(properties.overdue()) > 0;
        return new Status(last.map(o -> (Instant) o[0]).orElse(null), last.map(o -> (String) o[1]).orElse(null),
                overdue, folder(), running.get());
    }

    /** The operator's text for a problem code, in the given language. */
    public static String message(Locale locale, String code, String folder) {
        return Texts.get(locale, "backup.problem." + code, folder);
    }

    /** The exit code of a station that stops to restore a backup: the service manager starts it again. */
    public static final int RESTART_FOR_RESTORE = 3;

    /**
     * Asks for a restore of a good backup at the next start ({@link RestoreAtStart}) and stops the
     * station a few seconds later with exit code {@value #RESTART_FOR_RESTORE}, which the service
     * manager answers by starting it again. The backup is verified first; a backup that does not
     * verify is refused and nothing changes.
     *
     * @throws BackupException {@code VERIFY_FAILED} with the reason, {@code FOLDER_MISSING} for an unknown name
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "RESTORE_REQUESTED", target = "BACKUP", name = "#name")
    public void requestRestore(String name) throws BackupException {
        if (!BackupStore.NAME.matcher(name).matches()) {
            throw new BackupException(BackupException.Code.FOLDER_MISSING, "No backup named " + name);
        }
        var folder = folder().resolve(name);
        if (!Files.isRegularFile(folder.resolve(BackupStore.VERIFIED))) {
            throw new BackupException(BackupException.Code.FOLDER_MISSING, "No good backup named " + name + " in " + folder());
        }
        var problem = store().verify(folder);
        if (problem != null) {
            throw new BackupException(BackupException.Code.VERIFY_FAILED, problem);
        }
        try {
            var request = station.dataDir().resolve(RestoreAtStart.REQUEST);
            Files.writeString(request, "# Loa Xã restores this backup at the next start (decision 0023)\n"
                    + "backup=" + folder.toString().replace("\\", "/") + "\nrequested-by=" + CurrentUser.name()
                    + "\nrequested-at=" + clock.instant() + "\n");
            BackupStore.sync(request);
        } catch (IOException e) {
            throw new BackupException(BackupException.Code.COPY_FAILED, "Cannot write the restore request: " + e.getMessage(), e);
        }
        log.warn("{} asked to restore {}; the station stops in {} s and restores it at the next start",
                CurrentUser.name(), folder, RESTART_DELAY.toSeconds());
        // Not on the backup thread: closing the context stops that thread.
        executor.schedule(() -> Thread.ofPlatform().name("loaxa-restart").start(restart), RESTART_DELAY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Time for the page to show that the station is stopping. */
    private static final Duration RESTART_DELAY = Duration.ofSeconds(3);

    /** The dashboard's and /api/status's alert text. */
    public static String overdueMessage(Locale locale, Status s) {
        return s.lastGoodAt() == null
                ? Texts.get(locale, "backup.overdue.never", s.folder().toString())
                : Texts.get(locale, "backup.overdue",
                        Long.toString(Duration.between(s.lastGoodAt(), Instant.now()).toHours()), s.folder().toString());
    }

    public Optional<Run> lastRun() {
        return runs(1).stream().findFirst();
    }
}
