package vn.loaxa.airlog;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.loaxa.base.StationTime;

/**
 * Streams the air log of a period for reports: each START or NOT_AIRED row planned in
 * {@code [from, to)}, followed (in chain order) by the ITEM and END rows that belong to those starts.
 * One pass over a primary-key range, without building the broadcasts in memory, so a year of a
 * busy station is read in a second or two.
 */
@Component
public class AirLogScan {

    /** One log row as a report needs it; null where the row's kind has no such value. */
    public record Row(long seq, String kind, @Nullable Long startSeq, @Nullable String title, long plannedStartMs,
                      @Nullable Long actualStartMs, long actualMs, @Nullable String villageIds,
                      @Nullable String villageNames, @Nullable String priority, @Nullable String trigger,
                      @Nullable String triggeredBy, @Nullable String outcome, @Nullable String reason,
                      @Nullable String topicCode, @Nullable String topicName, @Nullable Long bulletinId,
                      @Nullable String sha256, String occurrenceKey) {
    }

    private final JdbcClient jdbc;
    private final AirLogService airLog;
    private final StationTime stationTime;

    AirLogScan(JdbcClient jdbc, AirLogService airLog, StationTime stationTime) {
        this.jdbc = jdbc;
        this.airLog = airLog;
        this.stationTime = stationTime;
    }

    public void scan(Instant from, Instant to, Consumer<Row> sink) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        var bounds = jdbc.sql("""
                        SELECT min(seq), max(seq) FROM air_log
                        WHERE kind IN ('START', 'NOT_AIRED') AND planned_start_ms >= ? AND planned_start_ms < ?""")
                .params(f, t).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        if (bounds[0] == 0) {
            return;
        }
        // Items and ends follow their start; the last one of the period's last start bounds the scan.
        long last = jdbc.sql("SELECT coalesce(max(seq), 0) FROM air_log WHERE start_seq BETWEEN ? AND ?")
                .params(bounds[0], bounds[1]).query(Long.class).single();
        var open = new HashSet<Long>();
        jdbc.sql("""
                        SELECT seq, kind, start_seq, title, planned_start_ms, actual_start_ms, actual_ms, village_ids,
                               village_names, priority, trigger_kind, triggered_by, outcome, reason, topic_code,
                               topic_name, bulletin_id, asset_sha256, occurrence_key
                        FROM air_log WHERE seq BETWEEN ? AND ? ORDER BY seq""")
                .params(bounds[0], Math.max(bounds[1], last))
                .query(rs -> {
                    var kind = rs.getString(2);
                    if (kind.equals("START") || kind.equals("NOT_AIRED")) {
                        long planned = rs.getLong(5);
                        if (planned >= f && planned < t) {
                            if (kind.equals("START")) {
                                open.add(rs.getLong(1));
                            }
                            sink.accept(row(rs, kind));
                        }
                    } else if (!kind.equals("VILLAGE")) {
                        // Village switches reach reports through AirLogService.villageSwitches.
                        long start = rs.getLong(3);
                        if (kind.equals("END") ? open.remove(start) : open.contains(start)) {
                            sink.accept(row(rs, kind));
                        }
                    }
                });
    }

    /** The air log of the period as the CSV of /api/airlog.csv, for evidence bundles. */
    public void writeCsv(Instant from, Instant to, Locale locale, OutputStream out) throws IOException {
        AirLogCsv.write(airLog.all(from, to), stationTime.zone(), locale, out);
    }

    private static Row row(ResultSet rs, String kind) throws SQLException {
        return new Row(rs.getLong(1), kind, longOrNull(rs, 3), rs.getString(4), rs.getLong(5), longOrNull(rs, 6),
                rs.getLong(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), longOrNull(rs, 17),
                rs.getString(18), rs.getString(19));
    }

    private static @Nullable Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
