package vn.loaxa.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;

import vn.loaxa.base.Clip;
import vn.loaxa.report.Report.Figures;

/**
 * The report as a workbook: a summary sheet and one sheet per breakdown, numbers as numbers and
 * dates as dates (dd/MM/yyyy), so the officer can sum and filter in Excel or LibreOffice. Texts
 * longer than a cell holds ({@link Clip#XLSX_CELL}) are cut with an ellipsis.
 */
final class ReportXlsx {

    static final List<String> FIGURE_HEADERS = List.of("Kế hoạch (lượt phát)", "Phát trọn vẹn", "Bị ngắt",
            "Nhường phát khẩn cấp", "Lỗi", "Bỏ lỡ", "Bỏ qua", "Chưa kết thúc", "Số tin, bài đã phát",
            "Số lượt phát tin, bài", "Thời lượng phát (phút)");
    /** After the figures of a village: what its loudspeakers really carried (Report.VillageRow). */
    static final List<String> RECEPTION_HEADERS = List.of("Đã phát (lượt)", "Đã nhận (lượt)",
            "Không nhận được (lượt)", "Lỗi bật loa (lần)", "Lỗi tắt loa (lần)");

    private final XSSFWorkbook book = new XSSFWorkbook();
    private final ZoneId zone;
    private final CellStyle header;
    private final CellStyle text;
    private final CellStyle integer;
    private final CellStyle decimal;
    private final CellStyle date;
    private final CellStyle dateTime;
    private final CellStyle month;

    private ReportXlsx(ZoneId zone) {
        this.zone = zone;
        var format = book.createDataFormat();
        var font = book.createFont();
        font.setFontName("Times New Roman");
        font.setFontHeightInPoints((short) 12);
        var bold = book.createFont();
        bold.setFontName("Times New Roman");
        bold.setFontHeightInPoints((short) 12);
        bold.setBold(true);
        text = style(font, null);
        text.setWrapText(false);
        integer = style(font, format.getFormat("#,##0"));
        decimal = style(font, format.getFormat("#,##0.0"));
        date = style(font, format.getFormat("dd/MM/yyyy"));
        dateTime = style(font, format.getFormat("dd/MM/yyyy HH:mm"));
        month = style(font, format.getFormat("MM/yyyy"));
        header = style(bold, null);
        header.setWrapText(true);
        header.setAlignment(HorizontalAlignment.CENTER);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    }

    static void write(Report r, ZoneId zone, OutputStream out) throws IOException {
        var x = new ReportXlsx(zone);
        x.summary(r);
        x.topics(r);
        x.months(r);
        x.quarters(r);
        x.villages(r);
        x.bulletins(r);
        x.emergencies(r);
        x.lateStarts(r);
        x.files(r);
        x.book.write(out);
        x.book.close();
    }

    private void summary(Report r) {
        var s = sheet("Tổng hợp", "Nội dung", "Giá trị");
        var st = r.station();
        line(s, "Đơn vị", "Ủy ban nhân dân xã " + st.commune());
        line(s, "Đài", st.name());
        line(s, "Kỳ báo cáo", r.period().label());
        line(s, "Từ ngày", r.period().from());
        line(s, "Đến ngày", r.period().to());
        line(s, "Ngày lập", LocalDate.ofInstant(r.generatedAt(), zone));
        line(s, "Người lập", st.officer());
        var f = r.total();
        var values = values(f);
        for (int i = 0; i < FIGURE_HEADERS.size(); i++) {
            line(s, FIGURE_HEADERS.get(i), values[i]);
        }
        line(s, "Số lượt phát khẩn cấp", (long) r.emergencies().size());
        line(s, "Số lượt phát muộn quá " + Report.LATE_AFTER_SECONDS + " giây", (long) r.lateStarts().size());
        fit(s, 2);
    }

    private void topics(Report r) {
        var s = sheet("Theo chủ đề", "STT", "Mã", "Chủ đề cải cách hành chính", "Số lượt phát sóng có chủ đề",
                "Số tin, bài đã phát", "Số lượt phát tin, bài", "Thời lượng phát (phút)");
        int n = 0;
        for (var t : r.topicLines()) {
            line(s, (long) ++n, t.code(), t.name(), t.broadcasts(), t.bulletins(), t.airings(), t.minutes());
        }
        fit(s, 7);
    }

    private void months(Report r) {
        var s = figureSheet("Theo tháng", "Tháng");
        for (var m : r.byMonth()) {
            figureLine(s, m.month().atDay(1), m.figures());
        }
        fit(s, FIGURE_HEADERS.size() + 1);
    }

    private void quarters(Report r) {
        var s = figureSheet("Theo quý", "Quý");
        for (var q : r.byQuarter()) {
            figureLine(s, "Quý " + new String[] {"I", "II", "III", "IV"}[q.quarter() - 1] + "/" + q.year(), q.figures());
        }
        fit(s, FIGURE_HEADERS.size() + 1);
    }

    /** The figures as for a month, then what each village received, to the right so the figures keep their columns. */
    private void villages(Report r) {
        var s = figureSheet("Theo thôn", "Thôn");
        var headings = s.getRow(0);
        for (var h : RECEPTION_HEADERS) {
            var c = headings.createCell(headings.getLastCellNum());
            c.setCellValue(h);
            c.setCellStyle(header);
        }
        for (var v : r.byVillage()) {
            var values = values(v.figures());
            var all = new Object[values.length + 1 + RECEPTION_HEADERS.size()];
            all[0] = v.name();
            System.arraycopy(values, 0, all, 1, values.length);
            var reception = reception(v);
            System.arraycopy(reception, 0, all, values.length + 1, reception.length);
            line(s, all);
        }
        fit(s, FIGURE_HEADERS.size() + 1 + RECEPTION_HEADERS.size());
    }

    static Object[] reception(Report.VillageRow v) {
        return new Object[] {v.aired(), v.received(), v.shortfall(), v.switchOnFailures(), v.switchOffFailures()};
    }

    private void bulletins(Report r) {
        var s = sheet("Tin bài phát nhiều nhất", "STT", "Tiêu đề", "Chủ đề", "Số lượt phát", "Thời lượng phát (phút)",
                "Phát lần đầu", "Phát lần cuối");
        int n = 0;
        for (var b : r.topBulletins()) {
            line(s, (long) ++n, b.title(), b.topicName(), b.airings(), b.minutes(), day(b.firstAired()),
                    day(b.lastAired()));
        }
        fit(s, 7);
    }

    private void emergencies(Report r) {
        var s = sheet("Phát khẩn cấp", "STT", "Giờ theo kế hoạch", "Giờ phát thực tế", "Tiêu đề", "Thôn", "Kết quả",
                "Thời lượng (giây)", "Người phát", "Lý do", "Lý do phát khẩn cấp");
        int n = 0;
        for (var e : r.emergencies()) {
            line(s, (long) ++n, time(e.plannedStart()), time(e.actualStart()), e.title(), e.villages(),
                    Outcomes.label(e.outcome()), e.airedSeconds(), e.triggeredBy(), e.reason(), e.orderReason());
        }
        fit(s, 10);
    }

    private void lateStarts(Report r) {
        var s = sheet("Phát muộn", "STT", "Giờ theo kế hoạch", "Giờ phát thực tế", "Muộn (giây)", "Tiêu đề", "Thôn",
                "Kết quả", "Lý do");
        int n = 0;
        for (var l : r.lateStarts()) {
            line(s, (long) ++n, time(l.plannedStart()), time(l.actualStart()), l.lateSeconds(), l.title(),
                    l.villages(), Outcomes.label(l.outcome()), l.reason());
        }
        fit(s, 8);
    }

    private void files(Report r) {
        var s = sheet("Tệp đã phát", "Mã băm SHA-256", "Tiêu đề", "Chủ đề", "Mã tin bài", "Số lượt phát",
                "Phát lần đầu", "Phát lần cuối");
        for (var f : r.airedFiles()) {
            line(s, f.sha256(), f.title(), f.topicName(), f.bulletinId(), f.airings(), day(f.firstAired()),
                    day(f.lastAired()));
        }
        fit(s, 7);
    }

    private Sheet figureSheet(String name, String first) {
        var headers = new String[FIGURE_HEADERS.size() + 1];
        headers[0] = first;
        for (int i = 0; i < FIGURE_HEADERS.size(); i++) {
            headers[i + 1] = FIGURE_HEADERS.get(i);
        }
        return sheet(name, headers);
    }

    private void figureLine(Sheet s, Object label, Figures f) {
        var values = values(f);
        var all = new Object[values.length + 1];
        all[0] = label;
        System.arraycopy(values, 0, all, 1, values.length);
        line(s, all);
    }

    static Object[] values(Figures f) {
        return new Object[] {f.planned(), f.completed(), f.interrupted(), f.preempted(), f.failed(), f.missed(),
                f.skipped(), f.unfinished(), f.bulletins(), f.airings(), f.minutes()};
    }

    private Sheet sheet(String name, String... headers) {
        var s = book.createSheet(name);
        var row = s.createRow(0);
        for (int i = 0; i < headers.length; i++) {
            var c = row.createCell(i);
            c.setCellValue(headers[i]);
            c.setCellStyle(header);
        }
        s.createFreezePane(0, 1);
        return s;
    }

    private void line(Sheet s, @Nullable Object... values) {
        Row row = s.createRow(s.getLastRowNum() + 1);
        for (int i = 0; i < values.length; i++) {
            var c = row.createCell(i);
            switch (values[i]) {
                case null -> c.setCellStyle(text);
                case Long l -> {
                    c.setCellValue(l);
                    c.setCellStyle(integer);
                }
                case Double d -> {
                    c.setCellValue(d);
                    c.setCellStyle(decimal);
                }
                case LocalDate d -> {
                    c.setCellValue(d);
                    c.setCellStyle(d.getDayOfMonth() == 1 && s.getSheetName().equals("Theo tháng") ? month : date);
                }
                case LocalDateTime t -> {
                    c.setCellValue(t);
                    c.setCellStyle(dateTime);
                }
                default -> {
                    // A stored title may be longer than a cell can hold; the whole text is in the air log.
                    c.setCellValue(Clip.to(values[i].toString(), Clip.XLSX_CELL));
                    c.setCellStyle(text);
                }
            }
        }
    }

    private @Nullable LocalDate day(@Nullable Instant t) {
        return t == null ? null : LocalDate.ofInstant(t, zone);
    }

    private @Nullable LocalDateTime time(@Nullable Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, zone);
    }

    /**
     * Widths from the longest text in each column (headers wrap, so they count up to 24 characters):
     * autoSizeColumn would need font metrics, which a headless station may not have for Vietnamese.
     */
    private static void fit(Sheet s, int columns) {
        for (int c = 0; c < columns; c++) {
            int longest = 6;
            for (var row : s) {
                var cell = row.getCell(c);
                if (cell == null) {
                    continue;
                }
                int len = switch (cell.getCellType()) {
                    case STRING -> row.getRowNum() == 0 ? Math.min(24, cell.getStringCellValue().length())
                            : cell.getStringCellValue().length();
                    case NUMERIC -> cell.getCellStyle().getDataFormatString().contains("yy") ? 16 : 10;
                    default -> 0;
                };
                longest = Math.max(longest, len);
            }
            s.setColumnWidth(c, Math.min(80, longest + 3) * 256);
        }
    }

    private CellStyle style(org.apache.poi.ss.usermodel.Font font, @Nullable Short format) {
        var st = book.createCellStyle();
        st.setFont(font);
        st.setVerticalAlignment(VerticalAlignment.TOP);
        st.setBorderBottom(BorderStyle.THIN);
        st.setBorderTop(BorderStyle.THIN);
        st.setBorderLeft(BorderStyle.THIN);
        st.setBorderRight(BorderStyle.THIN);
        if (format != null) {
            st.setDataFormat(format);
        }
        return st;
    }
}
