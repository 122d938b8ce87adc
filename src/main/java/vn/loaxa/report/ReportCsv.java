package vn.loaxa.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import vn.loaxa.base.Csv;
import vn.loaxa.report.Report.Figures;

/**
 * The figures as CSV for Excel: UTF-8 with a byte-order mark, one block per breakdown separated by
 * an empty line. Whole numbers only (seconds rather than decimal minutes), because a decimal point
 * would be read as a thousands separator under Vietnamese regional settings.
 */
final class ReportCsv {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private ReportCsv() {
    }

    static void write(Report r, ZoneId zone, OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        line(w, "Báo cáo kết quả tuyên truyền cải cách hành chính " + r.period().label());
        line(w, "Đơn vị", "Ủy ban nhân dân xã " + r.station().commune(), "Đài", r.station().name());
        line(w, "Từ ngày", DATE.format(r.period().from()), "Đến ngày", DATE.format(r.period().to()));
        w.write("\r\n");
        figures(w, "Kỳ báo cáo", List.<Object[]>of(new Object[] {r.period().label(), r.total()}));
        figures(w, "Tháng", r.byMonth().stream()
                .<Object[]>map(m -> new Object[] {String.format("%02d/%d", m.month().getMonthValue(), m.month().getYear()),
                        m.figures()}).toList());
        figures(w, "Quý", r.byQuarter().stream()
                .<Object[]>map(q -> new Object[] {"Quý " + q.quarter() + "/" + q.year(), q.figures()}).toList());
        figures(w, "Thôn", r.byVillage().stream().<Object[]>map(v -> new Object[] {v.name(), v.figures()}).toList());
        // What each village's loudspeakers carried: a block of its own, so the figures blocks keep one layout.
        var reception = new ArrayList<String>(List.of("Thôn", ReportXlsx.FIGURE_HEADERS.getFirst()));
        reception.addAll(ReportXlsx.RECEPTION_HEADERS);
        line(w, reception.toArray(String[]::new));
        for (var v : r.byVillage()) {
            line(w, v.name(), "" + v.figures().planned(), "" + v.aired(), "" + v.received(), "" + v.shortfall(),
                    "" + v.switchOnFailures(), "" + v.switchOffFailures());
        }
        w.write("\r\n");
        line(w, "Mã chủ đề", "Chủ đề", "Số lượt phát sóng có chủ đề", "Số tin, bài đã phát", "Số lượt phát tin, bài",
                "Thời lượng phát (giây)");
        for (var t : r.topicLines()) {
            line(w, t.code(), t.name(), "" + t.broadcasts(), "" + t.bulletins(), "" + t.airings(),
                    "" + t.airedSeconds());
        }
        w.write("\r\n");
        line(w, "Mã tin bài", "Tiêu đề", "Chủ đề", "Số lượt phát", "Thời lượng phát (giây)", "Phát lần đầu",
                "Phát lần cuối");
        for (var b : r.topBulletins()) {
            line(w, "" + b.bulletinId(), b.title(), b.topicName() == null ? "" : b.topicName(), "" + b.airings(),
                    "" + b.airedSeconds(), DATE.format(b.firstAired().atZone(zone)),
                    DATE.format(b.lastAired().atZone(zone)));
        }
        w.flush();
    }

    private static void figures(Writer w, String first, List<Object[]> rows) throws IOException {
        var headers = new ArrayList<String>(List.of(first));
        ReportXlsx.FIGURE_HEADERS.forEach(h -> headers.add(h.replace("(phút)", "(giây)")));
        line(w, headers.toArray(String[]::new));
        for (var row : rows) {
            var f = (Figures) row[1];
            line(w, (String) row[0], "" + f.planned(), "" + f.completed(), "" + f.interrupted(), "" + f.preempted(),
                    "" + f.failed(), "" + f.missed(), "" + f.skipped(), "" + f.unfinished(), "" + f.bulletins(),
                    "" + f.airings(), "" + f.airedSeconds());
        }
        w.write("\r\n");
    }

    private static void line(Writer w, String... fields) throws IOException {
        Csv.line(w, fields);
    }
}
