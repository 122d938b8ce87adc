package vn.loaxa.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.loaxa.testing.Api;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

/**
 * What a client sees while something holds the database longer than a request may wait: another
 * program holding SQLite's write lock (a backup tool, the sqlite3 shell), or our own writers
 * queued at the gate. A write answers a clear 503 with Retry-After; reads and logins go on; and
 * once the lock is gone every connection works again (none was left poisoned).
 */
class DatabaseBusyApiTest extends SpringTest {

    @LocalServerPort
    int port;
    @Autowired
    StationProperties station;
    @Autowired
    WriteGate gate;
    @TempDir
    Path tmp;

    @Test
    void a_write_waiting_on_another_programs_lock_answers_503_and_the_station_recovers() throws Exception {
        var api = new Api(port);
        var wav = Files.readAllBytes(Wavs.write16(tmp.resolve("a.wav"), 44_100, 1, Wavs.sine(44_100, 1, 1.5, 440, 0.3)));
        try (var other = DriverManager.getConnection("jdbc:sqlite:" + station.databaseFile().toAbsolutePath())) {
            other.createStatement().execute("BEGIN IMMEDIATE");
            long began = System.nanoTime();
            var refused = api.upload("/api/library", "admin", ADMIN_PASSWORD, "bận.wav", wav, null, null);
            long waitedMs = (System.nanoTime() - began) / 1_000_000;
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("DATABASE_BUSY").contains("đang bận");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(waitedMs).as("the wait is bounded").isLessThan(30_000);
            // Readers never wait for the write lock, and a login is a read.
            assertThat(api.get("/api/library", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
            assertThat(api.get("/api/airlog/verify", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
            other.createStatement().execute("ROLLBACK");
        }
        for (int i = 0; i < 4; i++) {
            // Every pooled connection, including the one that met SQLITE_BUSY, must work again.
            var again = api.upload("/api/library", "admin", ADMIN_PASSWORD, "lại-" + i + ".wav",
                    Files.readAllBytes(Wavs.write16(tmp.resolve(i + ".wav"), 44_100, 1,
                            Wavs.sine(44_100, 1, 1.5, 500 + 50 * i, 0.3))), null, null);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        }
        assertThat(api.get("/api/status", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void a_write_queued_behind_a_long_write_of_ours_answers_503_in_english_when_asked() throws Exception {
        var api = new Api(port);
        var wav = Files.readAllBytes(Wavs.write16(tmp.resolve("b.wav"), 44_100, 1, Wavs.sine(44_100, 1, 1.5, 880, 0.3)));
        var held = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = Thread.ofPlatform().start(() -> {
            try {
                gate.enter(false, Duration.ofSeconds(5));
                held.countDown();
                release.await();
                gate.leave();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        held.await();
        try {
            var refused = api.upload("/api/library", "admin", ADMIN_PASSWORD, "busy.wav", wav, null, "en");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("DATABASE_BUSY").contains("busy");
        } finally {
            release.countDown();
            holder.join();
        }
        var accepted = api.upload("/api/library", "admin", ADMIN_PASSWORD, "busy.wav", wav, null, "en");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    }
}
