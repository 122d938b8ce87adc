package vn.loaxa.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;

import vn.loaxa.report.ReportPeriod;
import vn.loaxa.report.ReportService;
import vn.loaxa.report.ScratchReports;
import vn.loaxa.testing.ScratchDatabase;

/**
 * Report figures for bench/run: {@code BENCH report_year_50k_ms} (a year of 50,000 log rows) and
 * {@code BENCH report_1m_ms} (a year of 1,000,000 rows), each the median of 5 builds after 3 warm-up builds of
 * ReportService over a real SQLite file. The rows are written by batched INSERTs into a scratch
 * database migrated with the real schema (START, two ITEMs, END per broadcast, and every 20th
 * occurrence NOT_AIRED), because appending a million rows one committed transaction at a time
 * through AirLogService would take hours; the hashes are placeholders, which the report never reads.
 */
public final class ReportBench {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String[] TOPICS = {"THE_CHE", "TTHC", "BO_MAY", "CONG_VU", "TAI_CHINH", "CQ_SO", "CHI_DAO",
            "CHI_SO", "KHAC"};

    private ReportBench() {
    }

    public static void main(String[] args) throws IOException {
        run(Files.createTempDirectory("loaxa-report-bench-"));
    }

    public static void run(Path workDir) {
        System.out.println("BENCH report_year_50k_ms " + Math.round(measure(workDir.resolve("report-50k"), 50_000)));
        System.out.println("BENCH report_1m_ms " + Math.round(measure(workDir.resolve("report-1m"), 1_000_000)));
    }

    static double measure(Path dir, int rows) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (var db = new ScratchDatabase(dir)) {
            fill(db, rows);
            ReportService reports = ScratchReports.open(db, ZONE);
            var year = ReportPeriod.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
            var runs = new double[5];
            long sink = 0;
            for (int i = 0; i < 3; i++) {
                sink += ScratchReports.build(reports, year).total().planned(); // warm-up
            }
            for (int i = 0; i < runs.length; i++) {
                long t0 = System.nanoTime();
                sink += ScratchReports.build(reports, year).total().planned();
                runs[i] = (System.nanoTime() - t0) / 1e6;
            }
            if (sink == 0) {
                throw new IllegalStateException("The benchmark year reported nothing");
            }
            Arrays.sort(runs);
            return runs[runs.length / 2];
        }
    }

    /** Broadcasts spread evenly over 2026 until {@code rows} rows are written, in one transaction. */
    static void fill(ScratchDatabase db, int rows) {
        long start = LocalDate.of(2026, 1, 1).atStartOfDay(ZONE).toInstant().toEpochMilli();
        long yearMs = 365L * 24 * 3600 * 1000;
        int broadcasts = rows / 4;
        long step = yearMs / (broadcasts + 1);
        var hex = HexFormat.of();
        try (var c = db.dataSource().getConnection();
             var insert = c.prepareStatement("""
                     INSERT INTO air_log (seq, kind, recorded_at_ms, start_seq, occurrence_key, title, planned_start_ms,
                         actual_start_ms, actual_end_ms, nominal_ms, actual_ms, village_ids, village_names, priority,
                         trigger_kind, triggered_by, outcome, reason, item_position, item_kind, topic_code, topic_name,
                         asset_id, bulletin_id, asset_sha256, prev_hash, row_hash)
                     VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, 900000, ?, ?, ?, ?, 'SCHEDULE', 'system', ?, NULL, ?, ?, ?, ?,
                             ?, ?, ?, '', ?)""")) {
            c.setAutoCommit(false);
            long seq = 0;
            for (int b = 0; seq < rows; b++) {
                long planned = start + b * step;
                int village = b % 7 + 1;
                var villages = "," + village + "," + (village % 7 + 1) + ",";
                var names = "Thôn " + village + ", Thôn " + (village % 7 + 1);
                var priority = b % 500 == 0 ? "EMERGENCY" : "NORMAL";
                if (b % 20 == 19) {
                    row(insert, ++seq, "NOT_AIRED", null, "B" + b, "Chương trình " + b, planned, null, null, null,
                            villages, names, priority, "MISSED", null, null, null, hex);
                    continue;
                }
                long startSeq = ++seq;
                row(insert, startSeq, "START", null, "B" + b, "Chương trình " + b, planned, planned + 20, null, null,
                        villages, names, priority, null, null, null, null, hex);
                for (int i = 0; i < 2 && seq < rows - 1; i++) {
                    int bulletin = (b * 2 + i) % 400;
                    row(insert, ++seq, "ITEM", startSeq, "B" + b, "Tin bài " + bulletin, null, null, null, 300_000L,
                            null, null, null, "COMPLETED", (long) i + 1, TOPICS[bulletin % TOPICS.length],
                            (long) bulletin, hex);
                }
                row(insert, ++seq, "END", startSeq, "B" + b, null, null, null, planned + 600_020, 600_000L, null, null,
                        null, b % 50 == 7 ? "INTERRUPTED" : "COMPLETED", null, null, null, hex);
                if (seq % 50_000 < 4) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void row(java.sql.PreparedStatement s, long seq, String kind, Long startSeq, String key, String title,
                            Long planned, Long actualStart, Long actualEnd, Long actualMs, String villages, String names,
                            String priority, String outcome, Long position, String topic, Long bulletin, HexFormat hex)
            throws SQLException {
        s.setLong(1, seq);
        s.setString(2, kind);
        s.setObject(3, startSeq);
        s.setString(4, key);
        s.setString(5, title);
        s.setObject(6, planned);
        s.setObject(7, actualStart);
        s.setObject(8, actualEnd);
        s.setObject(9, actualMs);
        s.setString(10, villages);
        s.setString(11, names);
        s.setString(12, kind.equals("START") || kind.equals("NOT_AIRED") ? priority : null);
        s.setString(13, outcome);
        s.setObject(14, position);
        s.setString(15, position == null ? null : "BULLETIN");
        s.setString(16, topic);
        s.setString(17, topic);
        s.setObject(18, bulletin);
        s.setObject(19, bulletin);
        s.setString(20, bulletin == null ? null : String.format("%016x", bulletin).repeat(4));
        s.setString(21, Long.toString(seq));
        s.addBatch();
    }
}
