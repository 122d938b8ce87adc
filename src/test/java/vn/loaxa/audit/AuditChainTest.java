package vn.loaxa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.audit.AuditRecords.Entry;
import vn.loaxa.audit.AuditRecords.Via;
import vn.loaxa.testing.ScratchDatabase;

/**
 * The audit trail's chain on a database of its own: these tests drop the append-only triggers and
 * damage rows, which must not happen to the database the other tests share.
 */
class AuditChainTest {

    private static final Instant MORNING = Instant.parse("2026-03-02T01:30:00Z");

    @TempDir
    Path tmp;
    ScratchDatabase db;
    AuditTrail trail;

    @BeforeEach
    void open() {
        db = new ScratchDatabase(tmp);
        trail = ScratchAudit.open(db, Clock.fixed(MORNING, ZoneId.of("Asia/Ho_Chi_Minh")));
        for (int i = 1; i <= 6; i++) {
            trail.append(new Entry(i % 2 == 0 ? "lanhdao" : "canbo", i % 2 == 0 ? "BULLETIN_APPROVED"
                    : "BULLETIN_CREATED", "BULLETIN", Integer.toString(i), "Bản tin CCHC số " + i,
                    "{\"changes\":{\"state\":{\"from\":\"SUBMITTED\",\"to\":\"APPROVED\"}}}", "192.168.1." + i,
                    i == 3 ? Via.API : Via.UI));
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void appended_rows_chain_and_verify_intact() {
        var v = trail.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.checkedRows()).isEqualTo(6);
        assertThat(v.firstBadRow()).isNull();
        assertThat(v.headHash()).hasSize(64);
        var rows = db.jdbc().sql("SELECT seq, prev_hash, row_hash, via FROM audit_log ORDER BY seq").query()
                .listOfRows();
        assertThat(rows).extracting(r -> ((Number) r.get("seq")).longValue()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(rows.getFirst().get("prev_hash")).isEqualTo("0".repeat(64));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("prev_hash")).isEqualTo(rows.get(i - 1).get("row_hash"));
        }
        assertThat(rows.get(2).get("via")).isEqualTo("API");
        assertThat(rows.getLast().get("row_hash")).isEqualTo(v.headHash());
    }

    @Test
    void the_database_refuses_updates_and_deletes_of_audit_rows() {
        var jdbc = db.jdbc();
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET actor = 'ai-do' WHERE seq = 2").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log WHERE seq = 6").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log").update()).hasMessageContaining("append-only");
        assertThat(trail.verify().intact()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log").query(Long.class).single()).isEqualTo(6);
    }

    @Test
    void verify_names_a_row_altered_directly_in_sqlite() {
        var jdbc = db.jdbc();
        jdbc.sql("DROP TRIGGER audit_log_no_update").update();
        // Someone makes it look as if another person approved bulletin 4.
        jdbc.sql("UPDATE audit_log SET actor = 'chutich' WHERE seq = 4").update();

        var v = trail.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadRow()).isEqualTo(4);
        assertThat(v.checkedRows()).isEqualTo(6);
        assertThat(v.problem()).contains("Row 4").contains("content does not match");
    }

    @Test
    void verify_names_the_row_after_one_rewritten_with_a_fresh_hash() {
        var jdbc = db.jdbc();
        jdbc.sql("DROP TRIGGER audit_log_no_update").update();
        var row = jdbc.sql("SELECT " + AuditRepository.COLUMNS + " FROM audit_log WHERE seq = 2")
                .query((rs, n) -> AuditRepository.row(rs)).single();
        var forged = AuditRow.chained(new Entry("chutich", row.action(), row.targetKind(), row.targetId(),
                row.targetName(), row.details(), row.clientAddress(), Via.valueOf(row.via())), row.atMs(), row.seq(),
                row.prevHash());
        jdbc.sql("UPDATE audit_log SET actor = ?, row_hash = ? WHERE seq = 2").params(forged.actor(), forged.rowHash())
                .update();

        var v = trail.verify();

        assertThat(v.firstBadRow()).isEqualTo(3);
        assertThat(v.problem()).contains("link does not match the hash of row 2");
    }

    @Test
    void verify_names_the_row_after_a_deleted_one() {
        var jdbc = db.jdbc();
        jdbc.sql("DROP TRIGGER audit_log_no_delete").update();
        jdbc.sql("DELETE FROM audit_log WHERE seq = 3").update();

        var v = trail.verify();

        assertThat(v.firstBadRow()).isEqualTo(4);
        assertThat(v.problem()).contains("row 3 is missing");
        assertThat(v.checkedRows()).isEqualTo(5);
    }

    @Test
    void an_empty_trail_is_intact_with_no_head() throws IOException {
        try (var empty = new ScratchDatabase(Files.createDirectories(tmp.resolve("empty")))) {
            var v = ScratchAudit.open(empty, Clock.systemUTC()).verify();
            assertThat(v.intact()).isTrue();
            assertThat(v.checkedRows()).isZero();
            assertThat(v.headHash()).isNull();
        }
    }

    @Test
    void a_row_the_busy_database_cannot_take_now_is_written_as_soon_as_it_can() throws Exception {
        // Pooled as the station pools: a connection that met an SQLite error is thrown away.
        var config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(vn.loaxa.base.DatabaseConfig.jdbcUrl(tmp.resolve("scratch.db")));
        config.setMaximumPoolSize(1);
        config.setExceptionOverride(new vn.loaxa.base.SqliteErrors.EvictAfterError());
        try (var pool = new com.zaxxer.hikari.HikariDataSource(config);
             var other = java.sql.DriverManager.getConnection(
                     vn.loaxa.base.DatabaseConfig.jdbcUrl(tmp.resolve("scratch.db")))) {
            var busyTrail = new AuditTrail(new AuditRepository(org.springframework.jdbc.core.simple.JdbcClient
                    .create(pool)), new org.springframework.jdbc.support.JdbcTransactionManager(pool),
                    Clock.systemUTC());
            other.setAutoCommit(false);
            // Another writer holds SQLite's write lock longer than a writer waits (5 s).
            other.createStatement().executeUpdate("INSERT INTO station_setting (key, value, updated_at, updated_by) "
                    + "VALUES ('officer', 'x', 'now', 'test')");
            busyTrail.appendAfter(new Entry("canbo", "AUDIO_IMPORTED", "ASSET", "9", "Bản tin chờ", null, null,
                    Via.API));
            assertThat(db.jdbc().sql("SELECT count(*) FROM audit_log").query(Long.class).single()).isEqualTo(6);
            other.rollback();
            // sqlite-jdbc would begin the next transaction at once, keeping the lock: the writer leaves.
            other.setAutoCommit(true);
            assertThat(busyTrail.drain(java.time.Duration.ofSeconds(20))).isTrue();
        }
        assertThat(db.jdbc().sql("SELECT actor || ' ' || action FROM audit_log WHERE seq = 7").query(String.class)
                .single()).isEqualTo("canbo AUDIO_IMPORTED");
        assertThat(trail.verify().intact()).isTrue();
    }

    /** The application never edits or removes audit rows: no such statement anywhere in its code or schema. */
    @Test
    void no_code_or_migration_updates_or_deletes_audit_rows() throws IOException {
        var writes = Pattern.compile("(?is)(UPDATE\\s+audit_log|DELETE\\s+FROM\\s+audit_log|DROP\\s+TABLE\\s+audit_log"
                + "|DROP\\s+TRIGGER\\s+audit_log|INSERT\\s+OR\\s+REPLACE\\s+INTO\\s+audit_log"
                + "|REPLACE\\s+INTO\\s+audit_log)");
        var found = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (var f : files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".sql")).toList()) {
                var m = writes.matcher(Files.readString(f));
                while (m.find()) {
                    found.add(f + ": " + m.group());
                }
            }
        }
        // Only the triggers themselves name UPDATE/DELETE ON audit_log (BEFORE UPDATE ON, not UPDATE audit_log).
        assertThat(found).isEmpty();
        assertThat(Files.readString(Path.of("src/main/resources/db/migration/V0011__audit_trail.sql")))
                .contains("BEFORE UPDATE ON audit_log", "BEFORE DELETE ON audit_log");
    }
}
