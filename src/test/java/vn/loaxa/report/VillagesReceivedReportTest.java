package vn.loaxa.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogRecords.Started;
import vn.loaxa.airlog.AirLogRecords.VillageSwitch;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.airlog.ScratchAirLog;
import vn.loaxa.airlog.ScratchAirLogScan;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.audit.ScratchAudit;
import vn.loaxa.schedule.Priority;
import vn.loaxa.testing.ScratchDatabase;

/**
 * A year (2035) of a station written through AirLogService as the engine and the switchboard write
 * it: January on the switching driver "none" (no village rows), then Modbus relays, with Thôn 3's
 * relay failing to switch on 20 mornings. The report must count what each village received, and
 * the shortfall, from the VILLAGE rows; exports and the evidence bundle must carry it.
 *
 * <ul>
 *   <li>Every morning 05:30 "P1@date": all seven villages, one bulletin, completed.</li>
 *   <li>Every Sunday 17:00 "P2@date": Thôn 1, 2, 3, completed.</li>
 *   <li>Emergency "O1" (10/07 14:00) names Thôn 1 only; the switchboard switched on every enabled
 *       village and Thôn 8, which the village list no longer has.</li>
 *   <li>"P3" (01/08) missed, for Thôn 3; "P4" (01/09) failed before a sample aired, Thôn 3's relay
 *       failing too; "P5" (01/10) failed after 30 s aired, for Thôn 4; "P6" (31/12 22:00) still on air
 *       for Thôn 2.</li>
 *   <li>A village test (01/06) whose Thôn 3 switch failed; a failed switch-off of Thôn 5 (15/03);
 *       broadcasts on 31/12/2034 and 01/01/2036 whose Thôn 3 relay failed, outside the year.</li>
 * </ul>
 */
class VillagesReceivedReportTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final List<Long> ALL = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    private static final LocalDate SWITCHING_FROM = LocalDate.of(2035, 2, 1);
    private static final LocalDate OFF_FAILED = LocalDate.of(2035, 3, 15);
    private static final ReportPeriod YEAR = ReportPeriod.year(2035);
    private static final String EMERGENCY_TITLE = "Bão số 3, sơ tán khẩn cấp";

    /** Mornings Thôn 3's relay did not answer: the 40th day of the year, then every 16th, 20 in all. */
    static boolean thon3Fails(LocalDate day) {
        int d = day.getDayOfYear();
        return day.getYear() == 2035 && d >= 40 && (d - 40) % 16 == 0 && (d - 40) / 16 < 20;
    }

    // The year is written once (some thousand appends, each forced to the journal) for every test.
    @TempDir
    static Path tmp;
    static ScratchDatabase db;
    static AirLogService log;
    static ReportService reports;
    static Report report;

    @BeforeAll
    static void writeTheYear() {
        db = new ScratchDatabase(tmp);
        log = ScratchAirLog.open(db, Clock.system(ZONE));
        for (var day = LocalDate.of(2035, 1, 1); day.getYear() == 2035; day = day.plusDays(1)) {
            var ons = new LinkedHashMap<Long, String>();
            var offs = new LinkedHashMap<Long, String>();
            if (!day.isBefore(SWITCHING_FROM)) {
                for (var v : ALL) {
                    ons.put(v, v == 3 && thon3Fails(day) ? "FAILED" : "ACKNOWLEDGED");
                    offs.put(v, v == 5 && day.equals(OFF_FAILED) ? "FAILED" : "ACKNOWLEDGED");
                }
            }
            broadcast("P1@" + day, "Bản tin sáng", day.atTime(5, 30), ALL, Priority.NORMAL, Trigger.SCHEDULE,
                    "system", Outcome.COMPLETED, 300_000, ons, offs);
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                var three = List.of(1L, 2L, 3L);
                var on = new LinkedHashMap<Long, String>();
                var off = new LinkedHashMap<Long, String>();
                if (!day.isBefore(SWITCHING_FROM)) {
                    three.forEach(v -> {
                        on.put(v, "SENT");
                        off.put(v, "SENT");
                    });
                }
                broadcast("P2@" + day, "Chương trình tối Chủ nhật", day.atTime(17, 0), three, Priority.NORMAL,
                        Trigger.SCHEDULE, "system", Outcome.COMPLETED, 600_000, on, off);
            }
        }
        var every = new LinkedHashMap<Long, String>();
        for (long v = 1; v <= 8; v++) {
            every.put(v, "ACKNOWLEDGED");
        }
        broadcast("O1", EMERGENCY_TITLE, LocalDateTime.parse("2035-07-10T14:00"), List.of(1L), Priority.EMERGENCY,
                Trigger.EMERGENCY, "chutich", Outcome.COMPLETED, 120_000, every, every);
        log.notAired(new NotAired("P3@2035-08-01", "Bản tin trưa", at(LocalDateTime.parse("2035-08-01T11:00")),
                300_000, List.of(3L), List.of("Thôn 3"), Priority.NORMAL, Trigger.SCHEDULE, "system", Outcome.MISSED,
                "station down"));
        broadcast("P4@2035-09-01", "Bản tin trưa", LocalDateTime.parse("2035-09-01T11:00"), List.of(3L, 4L),
                Priority.NORMAL, Trigger.SCHEDULE, "system", Outcome.FAILED, 0,
                Map.of(3L, "FAILED", 4L, "ACKNOWLEDGED"), Map.of(3L, "ACKNOWLEDGED", 4L, "ACKNOWLEDGED"));
        broadcast("P5@2035-10-01", "Bản tin trưa", LocalDateTime.parse("2035-10-01T11:00"), List.of(4L),
                Priority.NORMAL, Trigger.SCHEDULE, "system", Outcome.FAILED, 30_000, Map.of(4L, "ACKNOWLEDGED"),
                Map.of(4L, "ACKNOWLEDGED"));
        broadcast("P6@2035-12-31", "Bản tin đêm", LocalDateTime.parse("2035-12-31T22:00"), List.of(2L),
                Priority.NORMAL, Trigger.SCHEDULE, "system", null, 0, Map.of(2L, "ACKNOWLEDGED"), Map.of());
        // "Thử loa các thôn": its own key, no START.
        var test = LocalDateTime.parse("2035-06-01T08:00");
        for (var v : List.of(3L, 4L)) {
            for (var on : List.of(true, false)) {
                log.villageSwitched(new VillageSwitch("TEST@2035-06-01T08:00", null, "Thử loa các thôn", at(test),
                        v, "Thôn " + v, on, "MODBUS", v == 3 && on ? "FAILED" : "ACKNOWLEDGED",
                        at(test).plusSeconds(on ? 1 : 5), v == 3 && on ? "no answer from unit 3" : null, "quantri"));
            }
        }
        var thon3Only = Map.of(3L, "FAILED");
        broadcast("P1@2034-12-31", "Bản tin đêm", LocalDateTime.parse("2034-12-31T23:30"), List.of(3L),
                Priority.NORMAL, Trigger.SCHEDULE, "system", Outcome.COMPLETED, 300_000, thon3Only, Map.of());
        broadcast("P1@2036-01-01", "Bản tin đêm", LocalDateTime.parse("2036-01-01T00:30"), List.of(3L),
                Priority.NORMAL, Trigger.SCHEDULE, "system", Outcome.COMPLETED, 300_000, thon3Only, Map.of());
        ScratchAirLog.flush(log);
        reports = ScratchReports.open(db, ZONE, log);
        report = ScratchReports.build(reports, YEAR);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Instant at(LocalDateTime t) {
        return t.atZone(ZONE).toInstant();
    }

    /**
     * START, the ON rows the switchboard wrote on the pre-roll, one item, END, then the OFF rows;
     * {@code outcome} null leaves it on air. Village ids above 7 are named "Thôn n" like the rest.
     */
    private static void broadcast(String key, String title, LocalDateTime planned, List<Long> villages, Priority priority,
                           Trigger trigger, String by, @Nullable Outcome outcome, long ms, Map<Long, String> ons,
                           Map<Long, String> offs) {
        var start = at(planned);
        var started = log.broadcastStarted(new BroadcastStart(key, title, start, start, 300_000, villages,
                villages.stream().map(v -> "Thôn " + v).toList(), priority, trigger, by));
        new java.util.TreeMap<>(ons).forEach((v, ack) -> switched(started, title, start, v, true, ack,
                start.minusSeconds(2), by));
        if (ms > 0) {
            log.itemPlayed(started, new PlayedItem(1, "BULLETIN", "Hướng dẫn dịch vụ công trực tuyến", "TTHC",
                    "Cải cách thủ tục hành chính", 11L, 101L, "c".repeat(64), 300_000, ms,
                    outcome == Outcome.FAILED ? Outcome.FAILED : Outcome.COMPLETED, start));
        }
        if (outcome == null) {
            return;
        }
        log.broadcastEnded(started, new BroadcastEnd(start.plusMillis(ms), ms, outcome,
                outcome == Outcome.COMPLETED ? null : "test: " + outcome, ms > 0 ? start : null));
        new java.util.TreeMap<>(offs).forEach((v, ack) -> switched(started, title, start, v, false, ack,
                start.plusMillis(ms + 1_000), by));
    }

    /** As the switchboard logs it: under the broadcast's key and START, by whoever triggered the broadcast. */
    private static void switched(Started started, String title, Instant planned, long village, boolean on, String ack,
                                 Instant at, String by) {
        String detail = null;
        if (ack.equals("FAILED")) {
            // A controller's answer may start like a formula; the CSV must never let Excel run it.
            detail = on ? "Modbus timeout: no answer from unit " + village : "-32 relay stuck";
        }
        log.villageSwitched(new VillageSwitch(started.occurrenceKey(), started.seq(), title, planned, village,
                "Thôn " + village, on, "MODBUS", ack, at, detail, by));
    }

    private static Report.VillageRow village(Report r, long id) {
        return r.byVillage().stream().filter(v -> v.id() == id).findFirst().orElseThrow();
    }

    /** planned, aired, received, shortfall, switch-on failures, switch-off failures */
    private static List<Long> reception(Report.VillageRow v) {
        return List.of(v.figures().planned(), v.aired(), v.received(), v.shortfall(), v.switchOnFailures(),
                v.switchOffFailures());
    }

    private static final Map<Long, List<Long>> EXPECTED = Map.of(
            // 365 mornings, 52 Sundays, the emergency that named it.
            1L, List.of(418L, 418L, 418L, 0L, 0L, 0L),
            // P6 is still on air: planned, not aired; the emergency switched it on without naming it.
            2L, List.of(418L, 417L, 418L, 0L, 0L, 0L),
            // 20 mornings lost to the relay; P3 missed and P4 failed silent are planned, not aired; P4's
            // failed relay is the 21st failure; the village test's failure is not counted.
            3L, List.of(419L, 417L, 398L, 20L, 21L, 0L),
            // P5 failed after 30 s on air: received; P4 did not air.
            4L, List.of(367L, 366L, 367L, 0L, 0L, 0L),
            5L, List.of(365L, 365L, 366L, 0L, 0L, 1L),
            6L, List.of(365L, 365L, 366L, 0L, 0L, 0L),
            7L, List.of(365L, 365L, 366L, 0L, 0L, 0L),
            // Only in the emergency's ON rows.
            8L, List.of(0L, 0L, 1L, 0L, 0L, 0L));

    @Test
    void each_village_counts_what_its_loudspeakers_received_and_thon_3_is_20_short() {
        assertThat(report.byVillage()).extracting(Report.VillageRow::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        for (var e : EXPECTED.entrySet()) {
            assertThat(reception(village(report, e.getKey()))).as("Thôn " + e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(village(report, 8).name()).isEqualTo("Thôn 8");
        assertThat(report.byVillage()).filteredOn(v -> v.shortfall() > 0).extracting(Report.VillageRow::name)
                .containsExactly("Thôn 3");
        // The targeted figures are as before: Thôn 3's mornings all completed, whatever its relay did.
        assertThat(village(report, 3).figures().completed()).isEqualTo(417);
    }

    @Test
    void broadcasts_logged_without_village_rows_count_as_received_by_the_villages_they_targeted() {
        var january = ScratchReports.build(reports, ReportPeriod.of(LocalDate.of(2035, 1, 1),
                LocalDate.of(2035, 1, 31)));
        for (long v = 1; v <= 7; v++) {
            long sundays = v <= 3 ? 4 : 0;
            assertThat(reception(village(january, v))).as("Thôn " + v)
                    .isEqualTo(List.of(31 + sundays, 31 + sundays, 31 + sundays, 0L, 0L, 0L));
        }
        assertThat(january.byVillage()).extracting(Report.VillageRow::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void the_xlsx_has_the_received_columns_beside_the_figures() throws Exception {
        var out = new ByteArrayOutputStream();
        ReportXlsx.write(report, ZONE, out);
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = book.getSheet("Theo thôn");
            var header = sheet.getRow(0);
            assertThat(header.getCell(1).getStringCellValue()).isEqualTo("Kế hoạch (lượt phát)");
            var headers = new ArrayList<String>();
            for (int c = 12; c < header.getLastCellNum(); c++) {
                headers.add(header.getCell(c).getStringCellValue());
            }
            assertThat(headers).containsExactly("Đã phát (lượt)", "Đã nhận (lượt)", "Không nhận được (lượt)",
                    "Lỗi bật loa (lần)", "Lỗi tắt loa (lần)");
            var rows = new HashMap<String, List<Long>>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                var row = sheet.getRow(i);
                var values = new ArrayList<Long>(List.of((long) row.getCell(1).getNumericCellValue()));
                for (int c = 12; c < 17; c++) {
                    assertThat(row.getCell(c).getCellType()).isEqualTo(CellType.NUMERIC);
                    values.add((long) row.getCell(c).getNumericCellValue());
                }
                rows.put(row.getCell(0).getStringCellValue(), values);
            }
            assertThat(rows).hasSize(8);
            EXPECTED.forEach((id, expected) -> assertThat(rows.get("Thôn " + id)).as("Thôn " + id).isEqualTo(expected));
            for (int c = 0; c < header.getLastCellNum(); c++) {
                assertThat(sheet.getColumnWidth(c)).as("column " + c).isGreaterThan(2000);
            }
        }
    }

    @Test
    void the_docx_says_which_village_did_not_receive_and_says_nothing_when_every_village_did() throws Exception {
        var text = docx(report);
        assertThat(text).contains("Thôn 3 không nhận được 20 lượt phát do không bật được loa (lỗi bộ điều khiển)"
                + "; chi tiết từng lần bật, tắt loa của các thôn trong tài liệu kiểm chứng (tệp bat-tat-loa-thon.csv).");
        assertThat(text.split("không nhận được", -1)).hasSize(2);

        var january = docx(ScratchReports.build(reports, ReportPeriod.of(LocalDate.of(2035, 1, 1),
                LocalDate.of(2035, 1, 31))));
        assertThat(january).contains("Kết quả theo thôn").doesNotContain("không nhận được", "bật được loa");
    }

    private static String docx(Report r) throws Exception {
        var out = new ByteArrayOutputStream();
        ReportDocx.write(r, null, ZONE, out);
        try (var doc = new XWPFDocument(new ByteArrayInputStream(out.toByteArray()))) {
            return new XWPFWordExtractor(doc).getText();
        }
    }

    @Test
    void the_report_csv_has_a_block_of_what_each_village_received() throws Exception {
        var out = new ByteArrayOutputStream();
        ReportCsv.write(report, ZONE, out);
        var text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\"Thôn\",\"Kế hoạch (lượt phát)\",\"Đã phát (lượt)\",\"Đã nhận (lượt)\",\"Không nhận được (lượt)\",\"Lỗi bật loa (lần)\",\"Lỗi tắt loa (lần)\"\r\n",
                "\"Thôn 3\",\"419\",\"417\",\"398\",\"20\",\"21\",\"0\"\r\n", "\"Thôn 5\",\"365\",\"365\",\"366\",\"0\",\"0\",\"1\"\r\n", "\"Thôn 8\",\"0\",\"0\",\"1\",\"0\",\"0\",\"0\"\r\n");
    }

    @Test
    void the_evidence_bundle_lists_every_village_switch_of_the_year() throws Exception {
        var files = new ReportFiles(reports, log, ScratchAirLogScan.open(db, ZONE),
                vn.loaxa.base.StationTime.of(ZONE, java.time.Clock.system(ZONE)), ScratchAudit.open(db, java.time.Clock.system(ZONE)));
        var zip = new ByteArrayOutputStream();
        files.writeEvidence(YEAR, zip);
        var entries = new HashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()), StandardCharsets.UTF_8)) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(entries).containsKey("bat-tat-loa-thon.csv");
        var sums = new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8);
        assertThat(sums).contains(ReportFiles.sha256(entries.get("bat-tat-loa-thon.csv")) + "  bat-tat-loa-thon.csv\n");

        var csv = entries.get("bat-tat-loa-thon.csv");
        assertThat(csv[0]).isEqualTo((byte) 0xEF);
        List<List<String>> lines = CSVFormat.EXCEL.parse(new java.io.StringReader(
                new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8))).stream().map(CSVRecord::toList).toList();
        assertThat(lines.getFirst()).containsExactly("Số dòng nhật ký", "Giờ phát theo kế hoạch", "Mã lượt phát",
                "Tiêu đề", "Mã số thôn", "Thôn", "Lệnh", "Kết quả", "Mã kết quả", "Thời điểm", "Cách điều khiển",
                "Chi tiết", "Người phát");
        var rows = lines.subList(1, lines.size());
        // 334 mornings x 7 villages x on/off, 48 Sundays x 3 x 2, the emergency 8 x 2, P4 2 x 2, P5 2,
        // P6's ON (still on air), the village test 2 x 2; nothing of 2034 or 2036.
        assertThat(rows).hasSize(334 * 14 + 48 * 6 + 16 + 4 + 2 + 1 + 4);
        assertThat(rows).noneMatch(l -> l.get(1).contains("/2034 ") || l.get(1).contains("/2036 "));
        // Each line starts with its row number in the chain, in log order.
        var seqs = rows.stream().map(l -> Long.parseLong(l.getFirst())).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(rows.stream().filter(l -> l.subList(7, 9).equals(List.of("Lỗi", "FAILED")))).hasSize(20 + 1 + 1 + 1);
        assertThat(rows.stream().filter(l -> l.subList(5, 9).equals(List.of("Thôn 3", "Bật", "Lỗi", "FAILED"))
                && l.get(2).startsWith("P1@2035-"))).hasSize(20);
        assertThat(rows).anySatisfy(l -> assertThat(l.subList(1, 13)).containsExactly("09/02/2035 05:30:00",
                "P1@2035-02-09", "Bản tin sáng", "3", "Thôn 3", "Bật", "Lỗi", "FAILED", "09/02/2035 05:29:58", "MODBUS",
                "Modbus timeout: no answer from unit 3", "system"));
        // A detail that starts like a formula is written as text.
        assertThat(rows).anySatisfy(l -> assertThat(l.subList(1, 13)).containsExactly("15/03/2035 05:30:00",
                "P1@2035-03-15", "Bản tin sáng", "5", "Thôn 5", "Tắt", "Lỗi", "FAILED", "15/03/2035 05:35:01", "MODBUS",
                "'-32 relay stuck", "system"));
        assertThat(rows).anySatisfy(l -> assertThat(l.subList(1, 13)).containsExactly("10/07/2035 14:00:00", "O1",
                EMERGENCY_TITLE, "8", "Thôn 8", "Bật", "Thiết bị đã xác nhận", "ACKNOWLEDGED", "10/07/2035 13:59:58",
                "MODBUS", "", "chutich"));
        assertThat(rows).anySatisfy(l -> assertThat(l.subList(1, 13)).containsExactly("01/06/2035 08:00:00",
                "TEST@2035-06-01T08:00", "Thử loa các thôn", "3", "Thôn 3", "Bật", "Lỗi", "FAILED",
                "01/06/2035 08:00:01", "MODBUS", "no answer from unit 3", "quantri"));
        // January ran on the driver "none": no village rows to list.
        assertThat(rows).noneMatch(l -> l.get(2).startsWith("P1@2035-01-") || l.get(2).startsWith("P2@2035-01-"));
    }
}
