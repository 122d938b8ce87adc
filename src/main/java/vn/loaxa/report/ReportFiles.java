package vn.loaxa.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import vn.loaxa.airlog.AirLogRecords.LoggedSwitch;
import vn.loaxa.airlog.AirLogRecords.Verification;
import vn.loaxa.airlog.AirLogScan;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.audit.AuditCsv;
import vn.loaxa.audit.AuditTrail;
import vn.loaxa.base.Csv;
import vn.loaxa.base.HashChain;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.Texts;

/** The report's files: xlsx, docx, CSV, and the evidence bundle (tài liệu kiểm chứng) of a period. */
@Service
public class ReportFiles {

    public enum Format {
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        CSV("csv", "text/csv;charset=UTF-8");

        public final String extension;
        public final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }
    }

    public static final String ZIP_TYPE = "application/zip";
    /** The evidence bundle's list of every village switch of the period. */
    static final String SWITCHES_CSV = "bat-tat-loa-thon.csv";
    /** The evidence bundle's audit trail of the period: who changed what. */
    static final String AUDIT_CSV = "nhat-ky-thao-tac.csv";

    private final ReportService reports;
    private final AirLogService airLog;
    private final AirLogScan scan;
    private final StationTime stationTime;
    private final AuditTrail audit;

    ReportFiles(ReportService reports, AirLogService airLog, AirLogScan scan, StationTime stationTime,
                AuditTrail audit) {
        this.reports = reports;
        this.airLog = airLog;
        this.scan = scan;
        this.stationTime = stationTime;
        this.audit = audit;
    }

    public static String fileName(ReportPeriod period, String extension) {
        return "bao-cao-tuyen-truyen-cchc_" + period.slug() + "." + extension;
    }

    public static String evidenceName(ReportPeriod period) {
        return "tai-lieu-kiem-chung_" + period.slug() + ".zip";
    }

    /** The docx prints the log's verification and head hash, so that one is checked now. */
    @PreAuthorize("hasAnyRole('ADMIN', 'REPORTER')")
    public void write(Report report, Format format, OutputStream out) throws IOException {
        switch (format) {
            case XLSX -> ReportXlsx.write(report, stationTime.zone(), out);
            case DOCX -> ReportDocx.write(report, airLog.verify(), stationTime.zone(), out);
            case CSV -> ReportCsv.write(report, stationTime.zone(), out);
        }
    }

    /**
     * One zip for the period: the report (xlsx, docx, figures CSV), the air log CSV, the manifest of
     * every aired file with the SHA-256 the log recorded, every village switched on or off (the
     * evidence of what each village received), the audit trail of the period (who changed what),
     * the verification of both whole chains with their head hashes, and SHA256SUMS of all of these
     * (checkable with {@code sha256sum -c}).
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'REPORTER')")
    public void writeEvidence(ReportPeriod period, OutputStream out) throws IOException {
        var verification = airLog.verify();
        var auditCheck = audit.verify();
        var switches = reports.switches(period);
        var report = reports.compute(period, switches);
        var zone = stationTime.zone();
        var files = new LinkedHashMap<String, byte[]>();
        files.put(fileName(period, "xlsx"), bytes(o -> ReportXlsx.write(report, zone, o)));
        files.put(fileName(period, "docx"), bytes(o -> ReportDocx.write(report, verification, zone, o)));
        files.put(fileName(period, "csv"), bytes(o -> ReportCsv.write(report, zone, o)));
        var from = stationTime.startOfDay(period.from());
        var to = stationTime.endOfDay(period.to());
        files.put("nhat-ky-phat_" + period.slug() + ".csv", bytes(o -> scan.writeCsv(from, to, Texts.VIETNAMESE, o)));
        files.put("danh-muc-tep-da-phat.csv", bytes(o -> manifest(report, o)));
        files.put(SWITCHES_CSV, bytes(o -> switches(switches, o)));
        files.put(AUDIT_CSV, bytes(o -> AuditCsv.write(audit.all(from, to), zone, Texts.VIETNAMESE, o)));
        files.put("kiem-tra-nhat-ky.txt", bytes(o -> verificationText(report, verification, auditCheck, o)));
        var sums = new StringBuilder();
        files.forEach((name, content) -> sums.append(sha256(content)).append("  ").append(name).append('\n'));
        files.put("SHA256SUMS", sums.toString().getBytes(StandardCharsets.UTF_8));
        try (var zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    private void manifest(Report report, OutputStream o) throws IOException {
        var day = stationTime.formatter("dd/MM/yyyy HH:mm");
        o.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        var w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
        Csv.line(w, "Mã băm SHA-256", "Tiêu đề", "Chủ đề", "Mã tin bài", "Số lượt phát", "Phát lần đầu",
                "Phát lần cuối");
        for (var f : report.airedFiles()) {
            Csv.line(w, f.sha256(), f.title(), f.topicName() == null ? "" : f.topicName(),
                    f.bulletinId() == null ? "" : f.bulletinId().toString(), "" + f.airings(),
                    day.format(f.firstAired()), day.format(f.lastAired()));
        }
        w.flush();
    }

    /**
     * One line per VILLAGE row, in log order, village tests included (their key starts with TEST@):
     * the row's number in the chain, so each line can be checked against the verified log.
     */
    private void switches(List<LoggedSwitch> switches, OutputStream o) throws IOException {
        var time = stationTime.formatter("dd/MM/yyyy HH:mm:ss");
        o.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        var w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
        Csv.line(w, "Số dòng nhật ký", "Giờ phát theo kế hoạch", "Mã lượt phát", "Tiêu đề", "Mã số thôn", "Thôn",
                "Lệnh", "Kết quả", "Mã kết quả", "Thời điểm", "Cách điều khiển", "Chi tiết", "Người phát");
        for (var s : switches) {
            Csv.line(w, "" + s.seq(), s.plannedStart() == null ? "" : time.format(s.plannedStart()),
                    s.occurrenceKey(), s.title(), "" + s.villageId(), s.villageName(), s.on() ? "Bật" : "Tắt",
                    ackLabel(s.ack()), s.ack(), time.format(s.at()), s.driver(), s.detail() == null ? "" : s.detail(),
                    s.triggeredBy());
        }
        w.flush();
    }

    private static String ackLabel(String ack) {
        return switch (ack) {
            case "ACKNOWLEDGED" -> "Thiết bị đã xác nhận";
            case "SENT" -> "Đã gửi lệnh";
            case "FAILED" -> "Lỗi";
            case "KEPT_ON" -> "Giữ bật cho lượt phát sau";
            default -> ack;
        };
    }

    private void verificationText(Report report, Verification v, HashChain.Check a, OutputStream o)
            throws IOException {
        var time = stationTime.formatter("dd/MM/yyyy HH:mm:ss");
        var text = """
                Kiểm tra toàn vẹn nhật ký phát sóng - %s
                Kỳ báo cáo: %s (%s đến %s)
                Thời điểm kiểm tra: %s
                Kết quả: %s
                Số dòng đã kiểm tra: %d
                Dòng sai lệch đầu tiên: %s
                Mô tả: %s
                Mã băm dòng cuối (head hash): %s

                Cách so sánh về sau: nhật ký còn nguyên vẹn khi kiểm tra lại vẫn cho kết quả nguyên vẹn và vẫn
                có một dòng mang đúng mã băm dòng cuối ở trên (GET /api/airlog/verify cho mã băm dòng cuối hiện tại).

                intact=%s
                checkedRows=%d
                firstBadRow=%s
                headHash=%s

                Kiểm tra toàn vẹn nhật ký thao tác (ai đã thay đổi gì, toàn bộ nhật ký)
                Kết quả: %s
                Số dòng đã kiểm tra: %d
                Dòng sai lệch đầu tiên: %s
                Mô tả: %s
                Mã băm dòng cuối (head hash): %s
                (GET /api/audit/verify cho mã băm dòng cuối hiện tại; các dòng của kỳ báo cáo ở nhat-ky-thao-tac.csv)

                auditIntact=%s
                auditCheckedRows=%d
                auditFirstBadRow=%s
                auditHeadHash=%s
                """.formatted(report.station().name(), report.period().label(), report.period().from(),
                report.period().to(), time.format(report.generatedAt()), v.intact() ? "NGUYÊN VẸN" : "CÓ SAI LỆCH",
                v.checkedRows(), str(v.firstBadRow()), str(v.problem()), str(v.headHash()), v.intact(),
                v.checkedRows(), str(v.firstBadRow()), str(v.headHash()),
                a.intact() ? "NGUYÊN VẸN" : "CÓ SAI LỆCH", a.checkedRows(), str(a.firstBadRow()), str(a.problem()),
                str(a.headHash()), a.intact(), a.checkedRows(), str(a.firstBadRow()), str(a.headHash()));
        o.write(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String str(@Nullable Object o) {
        return o == null ? "-" : o.toString();
    }

    interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static byte[] bytes(Writing w) throws IOException {
        var out = new ByteArrayOutputStream();
        w.to(out);
        return out.toByteArray();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
