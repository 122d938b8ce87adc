package vn.loaxa.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.airlog.ScratchAirLog;
import vn.loaxa.testing.ScratchDatabase;

/**
 * Backup figures for bench/run: {@code BENCH backup_write_lock_max_ms} (the slowest write
 * transaction of a UI-like writer committing every 2 ms while five backups of a 65 MB database
 * run) and {@code BENCH backup_db_copy_ms} (the median time of the database copy).
 */
public final class BackupBench {

    private BackupBench() {
    }

    /** Alone: {@code java -cp ... vn.loaxa.backup.BackupBench <scratch folder>}. */
    public static void main(String[] args) throws Exception {
        run(Path.of(args[0]));
    }

    public static void run(Path work) throws Exception {
        var folder = Files.createDirectories(work.resolve("backup-bench"));
        var zone = ZoneId.of("Asia/Ho_Chi_Minh");
        try (var db = new ScratchDatabase(Files.createDirectories(folder.resolve("data")))) {
            var log = ScratchAirLog.open(db, Clock.system(zone));
            for (int i = 0; i < 250; i++) {
                ScratchAirLog.writeMorning(log, "B" + i + "@2026-01-01", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i));
            }
            var jdbc = JdbcClient.create(db.dataSource());
            var writes = new TransactionTemplate(db.transactions());
            writes.executeWithoutResult(tx -> {
                jdbc.sql("CREATE TABLE bench_filler (b BLOB)").update();
                var blob = new byte[64 * 1024];
                new Random(7).nextBytes(blob);
                for (int i = 0; i < 1000; i++) {
                    jdbc.sql("INSERT INTO bench_filler VALUES (?)").param(blob).update();
                }
            });
            var audio = Files.createDirectories(folder.resolve("audio"));
            var bytes = new byte[5_000_000];
            new Random(3).nextBytes(bytes);
            Files.write(audio.resolve("bulletin.mp3"), bytes);

            var stop = new AtomicBoolean();
            var measuring = new AtomicBoolean();
            var slowest = new AtomicLong();
            var writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    int n = i;
                    long t0 = System.nanoTime();
                    writes.executeWithoutResult(tx -> jdbc.sql("INSERT OR REPLACE INTO station_setting (key, value, updated_at, updated_by) VALUES ('bench', ?, '', 'bench')")
                            .param(Integer.toString(n)).update());
                    if (measuring.get()) {
                        slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            var store = new BackupStore(folder.resolve("backups"), zone);
            var copies = new long[5];
            for (int i = 0; i < copies.length; i++) {
                measuring.set(true);
                var made = store.create(db.folder().resolve("scratch.db"), audio, Instant.now().plusSeconds(i), true);
                measuring.set(false);
                copies[i] = made.databaseCopy().toMillis();
            }
            stop.set(true);
            writer.join(10_000);
            java.util.Arrays.sort(copies);
            System.out.println("BENCH backup_write_lock_max_ms " + TimeUnit.NANOSECONDS.toMillis(slowest.get()));
            System.out.println("BENCH backup_db_copy_ms " + copies[copies.length / 2]);
        }
    }
}
