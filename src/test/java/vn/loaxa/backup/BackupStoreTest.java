package vn.loaxa.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.ScratchAirLog;
import vn.loaxa.testing.ScratchDatabase;

/**
 * Backups on a real SQLite file and real files, without Spring: made while the air log and a UI-like
 * writer keep writing, verified, incremental, rotated, refused when damaged, restored.
 */
class BackupStoreTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Instant MORNING = Instant.parse("2026-03-02T22:30:00Z");

    @TempDir
    Path tmp;
    ScratchDatabase db;
    AirLogService log;
    Path dbFile;
    Path audio;
    Path root;
    BackupStore store;

    @BeforeEach
    void open() throws Exception {
        db = new ScratchDatabase(Files.createDirectories(tmp.resolve("data")));
        dbFile = tmp.resolve("data").resolve("scratch.db");
        log = ScratchAirLog.open(db, Clock.fixed(MORNING, ZONE));
        for (int day = 0; day < 3; day++) {
            ScratchAirLog.writeMorning(log, "P1@2026-03-0" + (3 + day), MORNING.plusSeconds(86_400L * day));
        }
        audio = Files.createDirectories(tmp.resolve("audio"));
        write(audio.resolve("a1.mp3"), 300_000, 1);
        write(audio.resolve("samples/b2.wav"), 200_000, 2);
        write(audio.resolve(".incoming/upload-in-progress.part"), 1000, 3);
        root = tmp.resolve("backups");
        store = new BackupStore(root, ZONE);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static void write(Path file, int size, long seed) throws Exception {
        Files.createDirectories(file.getParent());
        var bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
    }

    private Path makeGood(Instant at) throws Exception {
        var made = store.create(dbFile, audio, at, true);
        assertThat(store.verify(made.folder())).isNull();
        store.markGood(made.folder(), at);
        return made.folder();
    }

    @Test
    void a_backup_taken_while_the_log_and_the_ui_write_verifies_and_restores_row_for_row() throws Exception {
        for (int i = 0; i < 300; i++) {
            ScratchAirLog.writeMorning(log, "S" + i + "@2026-04-01", MORNING.plusSeconds(3600L * i));
        }
        // A database of some size, so that its copy takes long enough for the writers to meet it.
        var filler = JdbcClient.create(db.dataSource());
        var fillerWrites = new TransactionTemplate(db.transactions());
        fillerWrites.executeWithoutResult(tx -> {
            filler.sql("CREATE TABLE bench_filler (b BLOB)").update();
            var blob = new byte[64 * 1024];
            new Random(7).nextBytes(blob);
            for (int i = 0; i < 1000; i++) {
                filler.sql("INSERT INTO bench_filler VALUES (?)").param(blob).update();
            }
        });
        var stop = new AtomicBoolean();
        var airLogWrites = new AtomicInteger();
        var uiWrites = new AtomicInteger();
        var slowestUiWriteNanos = new AtomicLong();
        var errors = new ArrayList<Throwable>();
        var engine = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    ScratchAirLog.writeMorning(log, "SOAK" + i + "@2026-05-01", MORNING.plusSeconds(60L * i));
                    airLogWrites.incrementAndGet();
                }
            } catch (Throwable t) {
                synchronized (errors) {
                    errors.add(t);
                }
            }
        });
        var writes = new TransactionTemplate(db.transactions());
        var jdbc = JdbcClient.create(db.dataSource());
        var ui = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    int n = i;
                    long t0 = System.nanoTime();
                    writes.executeWithoutResult(tx -> jdbc.sql("INSERT OR REPLACE INTO station_setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)")
                            .params("soak.key", Integer.toString(n), Instant.now().toString(), "operator").update());
                    slowestUiWriteNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    uiWrites.incrementAndGet();
                    Thread.sleep(2);
                }
            } catch (Throwable t) {
                synchronized (errors) {
                    errors.add(t);
                }
            }
        });
        Thread.sleep(200);
        slowestUiWriteNanos.set(0);
        int logBefore = airLogWrites.get();
        int uiBefore = uiWrites.get();
        var made = store.create(dbFile, audio, MORNING.plusSeconds(86_400L * 40), true);
        long slowestMs = TimeUnit.NANOSECONDS.toMillis(slowestUiWriteNanos.get());
        int logDuring = airLogWrites.get() - logBefore;
        int uiDuring = uiWrites.get() - uiBefore;
        Thread.sleep(100);
        stop.set(true);
        engine.join(30_000);
        ui.join(30_000);
        assertThat(errors).isEmpty();
        System.out.printf("Backup: database copy %d ms (%d air log rows), writes during it: %d broadcasts logged, %d UI writes; slowest UI write %d ms%n",
                made.databaseCopy().toMillis(), made.airLogRows(), logDuring, uiDuring, slowestMs);
        System.out.println("backup soak: slowest write beside the backup " + slowestMs + " ms (bench/run reports BENCH backup_write_lock_max_ms)");
        // The writers kept going beside the copy: it never held the write lock.
        assertThat(uiDuring).as("UI writes committed while the backup ran").isPositive();
        assertThat(slowestMs).isLessThan(2000);

        assertThat(store.verify(made.folder())).isNull();
        store.markGood(made.folder(), Instant.now());
        assertThat(made.files()).isEqualTo(3); // the database and two audio files; the upload in progress is left out
        assertThat(made.filesCopied()).isEqualTo(2);

        var restored = tmp.resolve("restored");
        var out = new ByteArrayOutputStream();
        int code = RestoreCommand.restore(made.folder(), restored.resolve("data"), restored.resolve("audio"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(restored.resolve("audio/a1.mp3")).hasSameBinaryContentAs(audio.resolve("a1.mp3"));
        assertThat(restored.resolve("audio/samples/b2.wav")).hasSameBinaryContentAs(audio.resolve("samples/b2.wav"));
        assertThat(restored.resolve("audio/.incoming")).doesNotExist();

        var copy = new ScratchSource(restored.resolve("data/loaxa.db"));
        try {
            var check = AirLogService.verifyCopy(copy.dataSource());
            assertThat(check.intact()).isTrue();
            assertThat(check.checkedRows()).isEqualTo(made.airLogRows());
            // Row for row, the original's first rows are the copy's rows.
            var original = JdbcClient.create(db.dataSource()).sql("SELECT seq, row_hash FROM air_log WHERE seq <= ? ORDER BY seq")
                    .param(made.airLogRows()).query((rs, i) -> rs.getLong(1) + ":" + rs.getString(2)).list();
            var restoredRows = JdbcClient.create(copy.dataSource()).sql("SELECT seq, row_hash FROM air_log ORDER BY seq")
                    .query((rs, i) -> rs.getLong(1) + ":" + rs.getString(2)).list();
            assertThat(restoredRows).hasSize((int) made.airLogRows()).isEqualTo(original);
            assertThat(made.airLogRows()).isGreaterThanOrEqualTo(12 + 1200);
        } finally {
            copy.close();
        }
    }

    @Test
    void a_second_backup_copies_no_audio_again_and_a_new_file_once() throws Exception {
        var first = store.create(dbFile, audio, MORNING, true);
        assertThat(first.filesCopied()).isEqualTo(2);
        var second = store.create(dbFile, audio, MORNING.plusSeconds(60), true);
        assertThat(second.filesCopied()).isZero();
        assertThat(second.bytesCopied()).isZero();
        write(audio.resolve("new.mp3"), 5000, 9);
        var third = store.create(dbFile, audio, MORNING.plusSeconds(120), true);
        assertThat(third.filesCopied()).isEqualTo(1);
        assertThat(third.bytesCopied()).isEqualTo(5000);
        try (var objects = Files.walk(root.resolve(BackupStore.OBJECTS))) {
            assertThat(objects.filter(Files::isRegularFile).count()).isEqualTo(3);
        }
        for (var m : List.of(first, second, third)) {
            assertThat(store.verify(m.folder())).isNull();
        }
    }

    @Test
    void rotation_keeps_the_newest_of_each_recent_day_and_month_and_drops_unreferenced_objects() throws Exception {
        makeGood(Instant.parse("2026-01-15T19:30:00Z"));
        write(audio.resolve("only-in-january.mp3"), 4000, 11);
        var january2 = makeGood(Instant.parse("2026-01-16T19:30:00Z"));
        var januaryOnly = store.objectPath(BackupStore.sha256(audio.resolve("only-in-january.mp3")));
        assertThat(januaryOnly).exists();
        Files.delete(audio.resolve("only-in-january.mp3"));
        var february = makeGood(Instant.parse("2026-02-10T19:30:00Z"));
        var march1 = makeGood(Instant.parse("2026-03-01T19:30:00Z"));
        var march2 = makeGood(Instant.parse("2026-03-02T19:30:00Z"));
        var march3 = makeGood(Instant.parse("2026-03-03T19:30:00Z"));
        // A newer backup that did not verify must not count as the newest good one.
        var broken = store.create(dbFile, audio, Instant.parse("2026-03-04T19:30:00Z"), true);
        store.markFailed(broken.folder());
        var unknown = Files.createDirectories(root.resolve("copied-by-hand"));

        // Names are station time (UTC+7): 2026-03-02T19:30Z is 2026-03-03_023000.
        var removed = store.rotate(2, 2);

        assertThat(removed).containsExactlyInAnyOrder("2026-01-16_023000", "2026-01-17_023000", "2026-03-02_023000");
        assertThat(march3).exists();
        assertThat(march2).exists();
        assertThat(february).exists();
        assertThat(march1).doesNotExist();
        assertThat(january2).doesNotExist();
        assertThat(root.resolve("2026-03-05_023000" + BackupStore.FAILED_SUFFIX)).exists();
        assertThat(unknown).exists();
        assertThat(januaryOnly).doesNotExist();
        var kept = new ArrayList<String>();
        for (var b : store.goodBackups()) {
            kept.add(b.getFileName().toString());
            assertThat(store.verify(b)).isNull();
        }
        assertThat(kept).containsExactly("2026-03-04_023000", "2026-03-03_023000", "2026-02-11_023000");
        try (var objects = Files.walk(root.resolve(BackupStore.OBJECTS))) {
            assertThat(objects.filter(Files::isRegularFile).count()).isEqualTo(2);
        }
    }

    @Test
    void a_corrupted_object_fails_verification_and_the_restore_refuses_it_changing_nothing() throws Exception {
        var folder = makeGood(MORNING);
        var manifest = Manifest.read(folder.resolve(Manifest.FILE_NAME));
        var object = store.objectPath(manifest.audio().getFirst().sha256());
        var bytes = Files.readAllBytes(object);
        bytes[1000] ^= 0x40;
        Files.write(object, bytes);

        assertThat(store.verify(folder)).contains("SHA-256").contains(manifest.audio().getFirst().path());

        var data = Files.createDirectories(tmp.resolve("station/data"));
        Files.writeString(data.resolve("loaxa.db"), "today's database");
        var err = new ByteArrayOutputStream();
        int code = RestoreCommand.restore(folder, data, tmp.resolve("station/audio"), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(RestoreCommand.BAD_BACKUP);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Không khôi phục").contains("SHA-256");
        assertThat(data.resolve("loaxa.db")).hasContent("today's database");
        try (var siblings = Files.list(tmp.resolve("station"))) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("data");
        }
    }

    @Test
    void a_damaged_database_copy_or_manifest_line_fails_verification() throws Exception {
        var folder = makeGood(MORNING);
        var text = Files.readString(folder.resolve(Manifest.FILE_NAME));
        Files.writeString(folder.resolve(Manifest.FILE_NAME), text.replaceFirst("(?m)^([0-9a-f]{64}) (\\d+) loaxa.db$", "$1 1 loaxa.db"));
        assertThat(store.verify(folder)).contains("Wrong size");
        Files.writeString(folder.resolve(Manifest.FILE_NAME), text + "not a line\n");
        assertThat(store.verify(folder)).contains("does not parse");
    }

    @Test
    void a_restore_moves_todays_data_aside_and_keeps_the_certificate() throws Exception {
        var folder = makeGood(MORNING);
        var station = tmp.resolve("station");
        var data = Files.createDirectories(station.resolve("data"));
        Files.writeString(data.resolve("loaxa.db"), "today's database");
        Files.createDirectories(data.resolve("tls"));
        Files.writeString(data.resolve("tls/station.p12"), "certificate");
        var todaysAudio = Files.createDirectories(station.resolve("audio"));
        Files.writeString(todaysAudio.resolve("today.mp3"), "today");

        int code = RestoreCommand.restore(folder, data, todaysAudio, System.out, System.err);

        assertThat(code).isZero();
        assertThat(BackupStore.sha256(data.resolve("loaxa.db"))).isEqualTo(BackupStore.sha256(folder.resolve(Manifest.DATABASE)));
        assertThat(data.resolve("tls/station.p12")).hasContent("certificate");
        try (var siblings = Files.list(station)) {
            var names = siblings.map(p -> p.getFileName().toString()).toList();
            assertThat(names).hasSize(4).contains("data", "audio");
            var asideData = names.stream().filter(n -> n.startsWith("data-before-restore-")).findFirst().orElseThrow();
            var asideAudio = names.stream().filter(n -> n.startsWith("audio-before-restore-")).findFirst().orElseThrow();
            assertThat(station.resolve(asideData).resolve("loaxa.db")).hasContent("today's database");
            assertThat(station.resolve(asideAudio).resolve("today.mp3")).hasContent("today");
        }
        assertThat(folder).exists();
        assertThat(store.verify(folder)).isNull();
    }

    @Test
    void a_missing_backup_folder_is_refused_with_the_reason_and_nothing_is_made() {
        var usb = tmp.resolve("media/usb/loaxa-backups");
        var missing = new BackupStore(usb, ZONE);
        assertThatThrownBy(() -> missing.create(dbFile, audio, MORNING, false))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.code()).isEqualTo(BackupException.Code.FOLDER_MISSING);
                    assertThat(e.getMessage()).contains(usb.toString());
                });
        assertThat(usb).doesNotExist();
    }

    @Test
    void a_full_backup_disk_gives_disk_full_and_leaves_no_backup() throws Exception {
        write(audio.resolve("long-meeting.mp3"), 3_000_000, 5);
        try (var disk = TinyDisk.mount(tmp.resolve("usb"), 1, false)) {
            var small = new BackupStore(disk.dir(), ZONE);
            assertThatThrownBy(() -> small.create(dbFile, audio, MORNING, false))
                    .isInstanceOfSatisfying(BackupException.class, e -> assertThat(e.code()).isEqualTo(BackupException.Code.DISK_FULL));
            assertThat(small.goodBackups()).isEmpty();
            try (var left = Files.list(disk.dir())) {
                // no backup folder, complete or half-written; at most the objects that did fit, which rotation removes
                assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.equals(BackupStore.OBJECTS));
            }
        }
    }

    @Test
    void a_read_only_backup_disk_gives_unwritable_and_leaves_no_backup() throws Exception {
        try (var disk = TinyDisk.mount(tmp.resolve("ro"), 1, true)) {
            var readOnly = new BackupStore(disk.dir(), ZONE);
            assertThatThrownBy(() -> readOnly.create(dbFile, audio, MORNING, false))
                    .isInstanceOfSatisfying(BackupException.class, e -> assertThat(e.code()).isEqualTo(BackupException.Code.FOLDER_UNWRITABLE));
            assertThat(readOnly.goodBackups()).isEmpty();
        }
    }

    /** A read-only view of a database file, for checking a restored copy. */
    private static final class ScratchSource implements AutoCloseable {
        private final com.zaxxer.hikari.HikariDataSource ds;

        ScratchSource(Path file) {
            var config = new com.zaxxer.hikari.HikariConfig();
            config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
            config.setMaximumPoolSize(1);
            ds = new com.zaxxer.hikari.HikariDataSource(config);
        }

        javax.sql.DataSource dataSource() {
            return ds;
        }

        @Override
        public void close() {
            ds.close();
        }
    }

    /**
     * A small file system (tmpfs) to fill or to mount read-only, as a USB stick that is full or
     * write-protected. Needs root: skipped without it, failing under CI=true (.ci/run runs as root).
     */
    record TinyDisk(Path dir) implements AutoCloseable {
        static TinyDisk mount(Path dir, int megabytes, boolean readOnly) throws Exception {
            Files.createDirectories(dir);
            String why = null;
            if (!"root".equals(System.getProperty("user.name"))) {
                why = "mounting a small file system needs root";
            } else {
                var p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", (readOnly ? "ro," : "") + "size=" + megabytes + "m",
                        "tmpfs", dir.toString()).redirectErrorStream(true).start();
                var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    why = "mount -t tmpfs failed: " + out.strip();
                }
            }
            if (why != null) {
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new AssertionError("CI=true but " + why + " (.ci/run runs as root)");
                }
                Assumptions.abort("Skipped: " + why);
            }
            return new TinyDisk(dir);
        }

        @Override
        public void close() throws Exception {
            new ProcessBuilder("umount", dir.toString()).inheritIO().start().waitFor();
        }
    }
}
