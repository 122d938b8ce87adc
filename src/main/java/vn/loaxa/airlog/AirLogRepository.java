package vn.loaxa.airlog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import vn.loaxa.airlog.AirLogRecords.LoggedBroadcast;
import vn.loaxa.airlog.AirLogRecords.LoggedItem;
import vn.loaxa.airlog.AirLogRecords.LoggedSwitch;
import vn.loaxa.airlog.AirLogRecords.Query;
import vn.loaxa.schedule.Priority;

/** Inserts and reads; there is deliberately no update or delete here (and triggers refuse them). */
@Repository
class AirLogRepository {

    static final String COLUMNS = String.join(", ", LogRow.COLUMNS);
    private static final String INSERT = "INSERT INTO air_log (" + COLUMNS + ") VALUES ("
            + LogRow.COLUMNS.stream().map(c -> ":" + c).collect(Collectors.joining(", ")) + ")";

    /** Broadcasts: each START with its END, and each NOT_AIRED row. */
    private static final String BROADCASTS = """
            WITH b AS (
                SELECT s.seq, s.occurrence_key, s.title, s.planned_start_ms,
                       -- measured by the player (END); the requested instant while on air and in rows
                       -- written before starts were measured; nothing for a broadcast that never played
                       coalesce(e.actual_start_ms,
                                CASE WHEN e.seq IS NULL OR e.actual_ms > 0 THEN s.actual_start_ms END) AS actual_start_ms,
                       e.actual_end_ms,
                       s.nominal_ms, e.actual_ms, s.village_ids, s.village_names, s.priority, s.trigger_kind,
                       s.triggered_by, e.outcome, e.reason, e.triggered_by AS ended_by
                FROM air_log s LEFT JOIN air_log e ON e.kind = 'END' AND e.start_seq = s.seq
                WHERE s.kind = 'START'
                UNION ALL
                SELECT seq, occurrence_key, title, planned_start_ms, NULL, NULL, nominal_ms, NULL, village_ids,
                       village_names, priority, trigger_kind, triggered_by, outcome, reason, NULL
                FROM air_log WHERE kind = 'NOT_AIRED')
            SELECT %s FROM b
            WHERE planned_start_ms >= :from AND planned_start_ms < :to
              AND (:village IS NULL OR village_ids LIKE '%%,' || :village || ',%%')
              AND (:outcome IS NULL OR outcome = :outcome)
              AND (:topic IS NULL OR EXISTS (SELECT 1 FROM air_log i
                                             WHERE i.kind = 'ITEM' AND i.start_seq = b.seq AND i.topic_code = :topic))
            """;

    private final JdbcClient jdbc;

    AirLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Head(long seq, String hash) {
    }

    Optional<Head> head() {
        return jdbc.sql("SELECT seq, row_hash FROM air_log ORDER BY seq DESC LIMIT 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
    }

    void insert(LogRow r) {
        jdbc.sql(INSERT).params(r.columns()).update();
    }

    /** A second START/NOT_AIRED for a key, a second END for a start, a second ON/OFF of a village. */
    boolean alreadyLogged(LogRow row) {
        return switch (row.kind()) {
            case "START", "NOT_AIRED" -> jdbc.sql("""
                            SELECT count(*) FROM air_log WHERE kind IN ('START', 'NOT_AIRED') AND occurrence_key = ?""")
                    .param(row.occurrenceKey()).query(Long.class).single() > 0;
            case "END" -> jdbc.sql("SELECT count(*) FROM air_log WHERE kind = 'END' AND start_seq = ?")
                    .param(row.startSeq()).query(Long.class).single() > 0;
            case "VILLAGE" -> jdbc.sql("""
                            SELECT count(*) FROM air_log
                            WHERE kind = 'VILLAGE' AND occurrence_key = ? AND village_ids = ? AND item_kind = ?""")
                    .params(row.occurrenceKey(), row.villageIds(), row.itemKind()).query(Long.class).single() > 0;
            default -> false;
        };
    }

    /** VILLAGE rows whose broadcast was planned in {@code [fromMs, toMs)}, in log order. */
    List<LoggedSwitch> villageSwitches(long fromMs, long toMs) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM air_log WHERE kind = 'VILLAGE' AND planned_start_ms >= ? AND planned_start_ms < ?
                        ORDER BY seq""")
                .params(fromMs, toMs).query((rs, n) -> villageSwitch(map(rs))).list();
    }

    static LoggedSwitch villageSwitch(LogRow r) {
        var ids = r.villageIds() == null ? "" : r.villageIds().replace(",", "");
        return new LoggedSwitch(r.seq(), r.occurrenceKey(), r.startSeq(), r.title() == null ? "" : r.title(),
                r.plannedStartMs() == null ? null : Instant.ofEpochMilli(r.plannedStartMs()),
                ids.isEmpty() ? 0 : Long.parseLong(ids), r.villageNames() == null ? "" : r.villageNames(),
                "ON".equals(r.itemKind()), r.triggerKind() == null ? "" : r.triggerKind(),
                r.outcome() == null ? "" : r.outcome(),
                Instant.ofEpochMilli(r.actualStartMs() == null ? r.recordedAtMs() : r.actualStartMs()), r.reason(),
                r.triggeredBy() == null ? "" : r.triggeredBy());
    }

    Optional<String> startKey(long seq) {
        return jdbc.sql("SELECT occurrence_key FROM air_log WHERE seq = ? AND kind = 'START'").param(seq)
                .query(String.class).optional();
    }

    /** Reads every row in chain order without holding them all in memory. */
    void forEachInOrder(Consumer<LogRow> consumer) {
        jdbc.sql("SELECT " + COLUMNS + " FROM air_log ORDER BY seq").query(rs -> {
            consumer.accept(map(rs));
        });
    }

    Set<String> loggedKeys(Collection<String> keys) {
        var found = new HashSet<String>();
        var list = List.copyOf(keys);
        for (int i = 0; i < list.size(); i += 500) {
            found.addAll(jdbc.sql("""
                            SELECT occurrence_key FROM air_log
                            WHERE kind IN ('START', 'NOT_AIRED') AND occurrence_key IN (:keys)""")
                    .param("keys", list.subList(i, Math.min(list.size(), i + 500)))
                    .query(String.class).list());
        }
        return found;
    }

    Optional<Instant> newestPlannedStart() {
        return jdbc.sql("SELECT max(planned_start_ms) FROM air_log WHERE kind IN ('START', 'NOT_AIRED')")
                .query((rs, n) -> {
                    long ms = rs.getLong(1);
                    return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
                }).optional();
    }

    Optional<Instant> plannedStartOf(long seq) {
        return jdbc.sql("SELECT planned_start_ms FROM air_log WHERE seq = ? AND kind IN ('START', 'NOT_AIRED')")
                .param(seq).query(Long.class).optional().map(Instant::ofEpochMilli);
    }

    List<AirLogRecords.Started> unfinished() {
        return jdbc.sql("""
                        SELECT s.seq, s.occurrence_key FROM air_log s
                        WHERE s.kind = 'START'
                          AND NOT EXISTS (SELECT 1 FROM air_log e WHERE e.kind = 'END' AND e.start_seq = s.seq)
                        ORDER BY s.seq""")
                .query((rs, n) -> new AirLogRecords.Started(rs.getLong(1), rs.getString(2))).list();
    }

    long count(Query q) {
        return bind(jdbc.sql(BROADCASTS.formatted("count(*)")), q).query(Long.class).single();
    }

    List<LoggedBroadcast> broadcasts(Query q) {
        var rows = bind(jdbc.sql(BROADCASTS.formatted("*") + " ORDER BY planned_start_ms, seq LIMIT :limit OFFSET :offset"), q)
                .param("limit", q.size()).param("offset", (long) q.page() * q.size())
                .query((rs, n) -> broadcast(rs)).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<LoggedItem>> items = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM air_log WHERE kind = 'ITEM' AND start_seq IN (:seqs) ORDER BY seq")
                .param("seqs", rows.stream().map(LoggedBroadcast::seq).toList())
                .query(rs -> {
                    var r = map(rs);
                    items.computeIfAbsent(r.startSeq(), k -> new java.util.ArrayList<>()).add(new LoggedItem(r.seq(),
                            r.itemPosition() == null ? 0 : r.itemPosition().intValue(), r.itemKind(), r.title(),
                            r.topicCode(), r.topicName(), r.assetSha256(), r.nominalMs(), r.actualMs(),
                            Outcome.valueOf(r.outcome()),
                            r.actualStartMs() == null ? null : Instant.ofEpochMilli(r.actualStartMs()),
                            r.playedSha256(), r.gainCdb() == null ? null : r.gainCdb() / 100.0, r.reason(),
                            r.triggeredBy()));
                });
        return rows.stream().map(b -> new LoggedBroadcast(b.seq(), b.occurrenceKey(), b.title(), b.plannedStart(),
                b.actualStart(), b.startErrorMs(), b.actualEnd(), b.nominalMs(), b.actualMs(), b.villageIds(), b.villageNames(),
                b.priority(), b.trigger(), b.triggeredBy(), b.outcome(), b.reason(), b.endedBy(),
                items.getOrDefault(b.seq(), List.of()))).toList();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Query q) {
        return spec.param("from", q.from().toEpochMilli()).param("to", q.to().toEpochMilli())
                .param("village", q.villageId()).param("outcome", q.outcome() == null ? null : q.outcome().name())
                .param("topic", q.topicCode());
    }

    static String villageIds(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", ",", ","));
    }

    private static LoggedBroadcast broadcast(ResultSet rs) throws SQLException {
        var outcome = rs.getString("outcome");
        var ids = Arrays.stream(rs.getString("village_ids").split(",")).filter(s -> !s.isEmpty())
                .map(Long::valueOf).toList();
        var planned = Instant.ofEpochMilli(rs.getLong("planned_start_ms"));
        var actual = instant(rs, "actual_start_ms");
        return new LoggedBroadcast(rs.getLong("seq"), rs.getString("occurrence_key"), rs.getString("title"),
                planned, actual, actual == null ? null : actual.toEpochMilli() - planned.toEpochMilli(),
                instant(rs, "actual_end_ms"), rs.getLong("nominal_ms"), longOrNull(rs, "actual_ms"), ids,
                rs.getString("village_names"), Priority.valueOf(rs.getString("priority")),
                Trigger.valueOf(rs.getString("trigger_kind")), rs.getString("triggered_by"),
                outcome == null ? null : Outcome.valueOf(outcome), rs.getString("reason"), rs.getString("ended_by"),
                List.of());
    }

    static LogRow map(ResultSet rs) throws SQLException {
        return LogRow.read(rs);
    }

    private static @Nullable Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var v = longOrNull(rs, column);
        return v == null ? null : Instant.ofEpochMilli(v);
    }
}
