package vn.loaxa.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import vn.loaxa.audit.AuditRecords.Logged;
import vn.loaxa.audit.AuditRecords.Query;
import vn.loaxa.audit.AuditRecords.Via;

/** Inserts and reads; there is deliberately no update or delete here (and triggers refuse them). */
@Repository
class AuditRepository {

    static final String COLUMNS = """
            seq, at_ms, actor, action, target_kind, target_id, target_name, details, client_address, via,
            prev_hash, row_hash""";

    private static final String FILTER = """
             FROM audit_log
            WHERE at_ms >= :from AND at_ms < :to
              AND (:actor IS NULL OR actor = :actor COLLATE NOCASE)
              AND (:action IS NULL OR action = :action)
              AND (:target IS NULL OR target_kind = :target OR target_id = :target
                   OR target_name LIKE :targetLike ESCAPE '\\')""";

    record Head(long seq, String hash) {
    }

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last row; read inside the write transaction that appends after it, so nobody else can append between. */
    Optional<Head> head() {
        return jdbc.sql("SELECT seq, row_hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
    }

    void insert(AuditRow r) {
        jdbc.sql("INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.seq(), r.atMs(), r.actor(), r.action(), r.targetKind(), r.targetId(), r.targetName(),
                        r.details(), r.clientAddress(), r.via(), r.prevHash(), r.rowHash())
                .update();
    }

    /** Every row in chain order, streamed. */
    void forEachInOrder(Consumer<AuditRow> consumer) {
        jdbc.sql("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq").query(rs -> {
            consumer.accept(row(rs));
        });
    }

    long count(Query q) {
        return bind(jdbc.sql("SELECT count(*)" + FILTER), q).query(Long.class).single();
    }

    List<Logged> find(Query q) {
        return bind(jdbc.sql("SELECT " + COLUMNS + FILTER + " ORDER BY seq LIMIT :limit OFFSET :offset"), q)
                .param("limit", q.size()).param("offset", (long) q.page() * q.size())
                .query((rs, n) -> logged(row(rs))).list();
    }

    /** The people and the actions that appear in the trail, for the view's filters. */
    List<String> actors() {
        return jdbc.sql("SELECT DISTINCT actor FROM audit_log ORDER BY actor COLLATE NOCASE").query(String.class).list();
    }

    List<String> actions() {
        return jdbc.sql("SELECT DISTINCT action FROM audit_log ORDER BY action").query(String.class).list();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Query q) {
        return spec.param("from", q.from().toEpochMilli()).param("to", q.to().toEpochMilli())
                .param("actor", q.actor()).param("action", q.action()).param("target", q.target())
                .param("targetLike", q.target() == null ? null
                        : "%" + q.target().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }

    static AuditRow row(ResultSet rs) throws SQLException {
        return new AuditRow(rs.getLong("seq"), rs.getLong("at_ms"), rs.getString("actor"), rs.getString("action"),
                rs.getString("target_kind"), rs.getString("target_id"), rs.getString("target_name"),
                rs.getString("details"), rs.getString("client_address"), rs.getString("via"),
                rs.getString("prev_hash"), rs.getString("row_hash"));
    }

    static Logged logged(AuditRow r) {
        return new Logged(r.seq(), Instant.ofEpochMilli(r.atMs()), r.actor(), r.action(), r.targetKind(), r.targetId(),
                r.targetName(), r.details(), r.clientAddress(), Via.valueOf(r.via()), r.prevHash(), r.rowHash());
    }
}
