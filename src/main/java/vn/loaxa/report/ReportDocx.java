package vn.loaxa.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.xwpf.usermodel.Borders;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableWidthType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.jspecify.annotations.Nullable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;

import vn.loaxa.airlog.AirLogRecords.Verification;
import vn.loaxa.base.Clip;
import vn.loaxa.report.Report.Figures;

/**
 * A report draft in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I): A4, margins 20/20/30/15 mm,
 * Times New Roman; the issuing body and the national motto side by side, each with its rule; number
 * and place-date; title; body with the figures and tables; "Nơi nhận" and the signature block.
 * The officer completes the number, the assessment and signs. Stored texts (titles, names,
 * reasons) are printed cut to {@link Clip#TEXT} characters with an ellipsis.
 */
final class ReportDocx {

    private static final String FONT = "Times New Roman";
    private static final int TEXT_WIDTH = 9355; // twips: 210 mm - 30 mm - 15 mm
    private static final int LEFT_COLUMN = 3700;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private final XWPFDocument doc = new XWPFDocument();
    private final Report report;
    private final ZoneId zone;
    private final NumberFormat integers = NumberFormat.getIntegerInstance(Locale.of("vi", "VN"));
    private final NumberFormat decimals = NumberFormat.getNumberInstance(Locale.of("vi", "VN"));

    private ReportDocx(Report report, ZoneId zone) {
        this.report = report;
        this.zone = zone;
        decimals.setMaximumFractionDigits(1);
    }

    static void write(Report report, @Nullable Verification verification, ZoneId zone, OutputStream out)
            throws IOException {
        var d = new ReportDocx(report, zone);
        d.page();
        d.heading();
        d.title();
        d.body(verification);
        d.signature();
        d.doc.write(out);
        d.doc.close();
    }

    private void page() {
        var fonts = CTFonts.Factory.newInstance();
        fonts.setAscii(FONT);
        fonts.setHAnsi(FONT);
        fonts.setCs(FONT);
        fonts.setEastAsia(FONT);
        doc.createStyles().setDefaultFonts(fonts);
        var sect = doc.getDocument().getBody().addNewSectPr();
        var size = sect.addNewPgSz();
        size.setW(BigInteger.valueOf(11906));
        size.setH(BigInteger.valueOf(16838));
        size.setOrient(STPageOrientation.PORTRAIT);
        var margin = sect.addNewPgMar();
        margin.setTop(BigInteger.valueOf(1134));    // 20 mm
        margin.setBottom(BigInteger.valueOf(1134)); // 20 mm
        margin.setLeft(BigInteger.valueOf(1701));   // 30 mm
        margin.setRight(BigInteger.valueOf(851));   // 15 mm
        margin.setHeader(BigInteger.valueOf(567));
        margin.setFooter(BigInteger.valueOf(567));
    }

    private void heading() {
        var st = report.station();
        var t = borderless(2, LEFT_COLUMN, TEXT_WIDTH - LEFT_COLUMN);
        var left = t.getRow(0).getCell(0);
        centred(left, "ỦY BAN NHÂN DÂN", 13, true, false);
        centred(left, ("XÃ " + c(st.commune())).toUpperCase(Locale.ROOT), 13, true, false);
        rule(left, LEFT_COLUMN, 0.33);
        centred(left, "Số:        /BC-UBND", 13, false, false).setSpacingBefore(120);
        var right = t.getRow(0).getCell(1);
        centred(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, true, false);
        centred(right, "Độc lập - Tự do - Hạnh phúc", 13, true, false);
        rule(right, TEXT_WIDTH - LEFT_COLUMN, 0.58);
        centred(right, placeDate(LocalDate.ofInstant(report.generatedAt(), zone)), 13, false, true)
                .setSpacingBefore(120);
    }

    /** ND 30: a day below 10 and the months 1 and 2 take a leading zero. */
    String placeDate(LocalDate d) {
        var day = d.getDayOfMonth() < 10 ? "0" + d.getDayOfMonth() : "" + d.getDayOfMonth();
        var month = d.getMonthValue() < 3 ? "0" + d.getMonthValue() : "" + d.getMonthValue();
        return c(report.station().commune()) + ", ngày " + day + " tháng " + month + " năm " + d.getYear();
    }

    private void title() {
        var p = paragraph(ParagraphAlignment.CENTER, 14, true, false, "BÁO CÁO");
        p.setSpacingBefore(360);
        paragraph(ParagraphAlignment.CENTER, 14, true, false,
                "Kết quả tuyên truyền cải cách hành chính " + report.period().label());
        var rule = doc.createParagraph();
        ruleStyle(rule, TEXT_WIDTH, 0.2);
        rule.setSpacingAfter(240);
    }

    private void body(@Nullable Verification verification) {
        var st = report.station();
        var f = report.total();
        text("Thực hiện Kế hoạch tuyên truyền cải cách hành chính năm " + report.period().from().getYear()
                + " của Ủy ban nhân dân xã " + c(st.commune()) + ", Ủy ban nhân dân xã báo cáo kết quả tuyên truyền"
                + " cải cách hành chính trên hệ thống " + lowerFirst(c(st.name())) + " " + report.period().label()
                + " (từ ngày " + dmy(report.period().from()) + " đến ngày " + dmy(report.period().to())
                + ") như sau:");
        bold("I. KẾT QUẢ THỰC HIỆN");
        bold("1. Lượt phát sóng");
        text("Theo lịch phát, đài có " + n(f.planned()) + " lượt phát; trong đó phát trọn vẹn " + n(f.completed())
                + " lượt, bị ngắt " + n(f.interrupted()) + " lượt, nhường phát thông tin khẩn cấp " + n(f.preempted())
                + " lượt, lỗi " + n(f.failed()) + " lượt, bỏ lỡ " + n(f.missed()) + " lượt, bỏ qua "
                + n(f.skipped()) + " lượt" + (f.unfinished() > 0 ? ", chưa kết thúc " + n(f.unfinished()) + " lượt" : "")
                + ". Tổng thời lượng phát sóng " + d(f.minutes()) + " phút.");
        bold("2. Tin, bài tuyên truyền");
        text("Đã phát " + n(f.bulletins()) + " tin, bài với " + n(f.airings())
                + " lượt phát. Kết quả theo từng nội dung cải cách hành chính:");
        topicTable();
        if (report.byQuarter().size() > 1) {
            bold("3. Kết quả theo quý");
            outcomeTable("Quý", report.byQuarter().stream()
                    .<Object[]>map(q -> new Object[] {"Quý " + roman(q.quarter()) + "/" + q.year(), q.figures()}).toList());
        }
        bold((report.byQuarter().size() > 1 ? "4" : "3") + ". Kết quả theo thôn");
        outcomeTable("Thôn", report.byVillage().stream().<Object[]>map(v -> new Object[] {c(v.name()), v.figures()}).toList());
        var shortfall = shortfall();
        if (shortfall != null) {
            text(shortfall);
        }
        bold((report.byQuarter().size() > 1 ? "5" : "4") + ". Thông tin khẩn cấp");
        if (report.emergencies().isEmpty()) {
            text("Trong kỳ không có lượt phát thông tin khẩn cấp.");
        } else {
            text("Trong kỳ đã phát " + n(report.emergencies().size()) + " lượt thông tin khẩn cấp:");
            for (var e : report.emergencies()) {
                var when = e.actualStart() != null ? e.actualStart() : e.plannedStart();
                text("- " + TIME.format(when.atZone(zone)) + ": " + c(e.title())
                        + (e.villages().isEmpty() ? "" : " (" + c(e.villages()) + ")") + ", "
                        + Outcomes.label(e.outcome()).toLowerCase(Locale.ROOT)
                        + (e.orderReason() == null ? "" : "; lý do: " + c(e.orderReason())) + ".");
            }
        }
        if (report.lateStarts().isEmpty()) {
            text("Các lượt phát đều bắt đầu đúng giờ theo kế hoạch (không lượt nào muộn quá "
                    + Report.LATE_AFTER_SECONDS + " giây).");
        } else {
            text("Có " + n(report.lateStarts().size()) + " lượt phát bắt đầu muộn quá " + Report.LATE_AFTER_SECONDS
                    + " giây so với kế hoạch (đài ngừng hoạt động hoặc đang phát chương trình khác vào giờ đó); "
                    + "chi tiết trong bảng tính kèm theo, trang \"Phát muộn\".");
        }
        if (verification != null) {
            text("Nhật ký phát sóng của đài được lưu giữ làm tài liệu kiểm chứng; kết quả kiểm tra toàn vẹn ngày "
                    + dmy(LocalDate.ofInstant(report.generatedAt(), zone)) + ": "
                    + (verification.intact() ? "nguyên vẹn" : "CÓ SAI LỆCH (" + c(verification.problem()) + ")") + ", "
                    + n(verification.checkedRows()) + " dòng, mã kiểm tra dòng cuối " + verification.headHash() + ".");
        }
        bold("II. ĐÁNH GIÁ CHUNG");
        text("1. Ưu điểm: ............................................................................................");
        text("2. Hạn chế, nguyên nhân: ..............................................................................");
        bold("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI");
        text("............................................................................................................");
        text("Trên đây là báo cáo kết quả tuyên truyền cải cách hành chính " + report.period().label()
                + " của Ủy ban nhân dân xã " + c(st.commune()) + "./.");
    }

    /**
     * The villages whose loudspeakers missed broadcasts that aired, in one sentence ("Thôn 3 không
     * nhận được 12 lượt phát do không bật được loa (lỗi bộ điều khiển)..."); null when every village
     * received what aired for it. The controller is named only when failed switch-ons account for
     * every missed broadcast: one closed before its villages were switched left no failure behind.
     */
    @Nullable String shortfall() {
        var missed = report.byVillage().stream().filter(v -> v.shortfall() > 0).toList();
        if (missed.isEmpty()) {
            return null;
        }
        var parts = missed.stream().map(v -> c(v.name()) + " không nhận được " + n(v.shortfall()) + " lượt phát").toList();
        var villages = parts.size() == 1 ? parts.getFirst()
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " và " + parts.getLast();
        boolean controller = missed.stream().allMatch(v -> v.switchOnFailures() >= v.shortfall());
        return villages + " do không bật được loa" + (controller ? " (lỗi bộ điều khiển)" : "")
                + "; chi tiết từng lần bật, tắt loa của các thôn trong tài liệu kiểm chứng (tệp "
                + ReportFiles.SWITCHES_CSV + ").";
    }

    private void topicTable() {
        var rows = report.byTopic();
        var other = report.notCchc();
        boolean raw = other.airings() > 0;
        var t = grid(rows.size() + (raw ? 3 : 2), 850, 4505, 1300, 1300, 1400);
        header(t, "STT", "Nội dung tuyên truyền", "Số tin, bài", "Số lượt phát", "Thời lượng (phút)");
        long airings = 0;
        long seconds = 0;
        for (int i = 0; i < rows.size(); i++) {
            var r = rows.get(i);
            cells(t, i + 1, n(i + 1), c(r.name()), n(r.bulletins()), n(r.airings()), d(r.minutes()));
            airings += r.airings();
            seconds += r.airedSeconds();
        }
        keepTogether(t);
        cells(t, rows.size() + 1, "", "Tổng cộng", n(report.total().bulletins()), n(airings),
                d(Math.round(seconds / 6.0) / 10.0));
        boldRow(t, rows.size() + 1);
        if (raw) {
            // Aired, so it is reported; outside the CCHC total, since it is no CCHC bulletin.
            cells(t, rows.size() + 2, "", c(other.name()), "", n(other.airings()), d(other.minutes()));
        }
    }

    private void outcomeTable(String first, List<Object[]> rows) {
        var t = grid(rows.size() + 1, 2155, 1300, 1500, 1500, 1400, 1500);
        header(t, first, "Kế hoạch (lượt)", "Phát trọn vẹn", "Phát không trọn vẹn", "Không phát được",
                "Thời lượng (phút)");
        for (int i = 0; i < rows.size(); i++) {
            var f = (Figures) rows.get(i)[1];
            cells(t, i + 1, (String) rows.get(i)[0], n(f.planned()), n(f.completed()),
                    n(f.interrupted() + f.preempted() + f.failed() + f.unfinished()), n(f.missed() + f.skipped()),
                    d(f.minutes()));
        }
        keepTogether(t);
    }

    private void signature() {
        var st = report.station();
        var t = borderless(2, 4300, TEXT_WIDTH - 4300);
        var left = t.getRow(0).getCell(0);
        var label = left.getParagraphs().getFirst();
        label.setSpacingBefore(240);
        label.setSpacingAfter(0);
        run(label, "Nơi nhận:", 12, true, true);
        for (var line : List.of("- UBND huyện " + c(st.district()) + ";", "- Phòng Văn hóa và Thông tin huyện;",
                "- Đảng ủy, HĐND xã;", "- Chủ tịch, các PCT UBND xã;", "- Lưu: VT, VH-TT.")) {
            var p = left.addParagraph();
            p.setSpacingAfter(0);
            run(p, line, 11, false, false);
        }
        var right = t.getRow(0).getCell(1);
        var lines = new ArrayList<String>(List.of("TM. ỦY BAN NHÂN DÂN"));
        if (st.signerTitle().isBlank()) {
            lines.add("CHỦ TỊCH");
        } else {
            lines.add("KT. CHỦ TỊCH");
            lines.add(c(st.signerTitle()));
        }
        boolean firstLine = true;
        for (var line : lines) {
            var p = firstLine ? right.getParagraphs().getFirst() : right.addParagraph();
            if (firstLine) {
                p.setSpacingBefore(240);
                firstLine = false;
            }
            p.setAlignment(ParagraphAlignment.CENTER);
            p.setSpacingAfter(0);
            run(p, line, 13, true, false);
        }
        var name = right.addParagraph();
        name.setAlignment(ParagraphAlignment.CENTER);
        name.setSpacingBefore(1500); // room for the signature and the seal
        run(name, c(st.signer()), 14, true, false);
        // The signature block is one row: it never splits, and the closing sentence stays with it.
        t.getRow(0).setCantSplitRow(true);
        keepWithNext(doc.getParagraphs().get(doc.getParagraphs().size() - 1));
    }

    // --- building blocks -------------------------------------------------------------------

    private XWPFParagraph text(String s) {
        var p = paragraph(ParagraphAlignment.BOTH, 14, false, false, s);
        p.setIndentationFirstLine(567);
        return p;
    }

    /** A heading stays on the page of what follows it. */
    private void bold(String s) {
        var p = paragraph(ParagraphAlignment.BOTH, 14, true, false, s);
        p.setIndentationFirstLine(567);
        keepWithNext(p);
    }

    private static void keepWithNext(XWPFParagraph p) {
        var ppr = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
        if (!ppr.isSetKeepNext()) {
            ppr.addNewKeepNext();
        }
    }

    /** Small tables stay whole, and a row never breaks across pages: each row keeps with the next. */
    private static void keepTogether(XWPFTable t) {
        var rows = t.getRows();
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).setCantSplitRow(true);
            if (i < rows.size() - 1) {
                rows.get(i).getTableCells().forEach(c -> c.getParagraphs().forEach(ReportDocx::keepWithNext));
            }
        }
    }

    private XWPFParagraph paragraph(ParagraphAlignment align, int size, boolean bold, boolean italic, String s) {
        var p = doc.createParagraph();
        p.setAlignment(align);
        p.setSpacingAfter(120);
        p.setSpacingBetween(1.1, LineSpacingRule.AUTO);
        run(p, s, size, bold, italic);
        return p;
    }

    private static void run(XWPFParagraph p, String s, int size, boolean bold, boolean italic) {
        var r = p.createRun();
        r.setFontFamily(FONT);
        r.setFontSize(size);
        r.setBold(bold);
        r.setItalic(italic);
        r.setText(s);
    }

    private static XWPFParagraph centred(XWPFTableCell cell, String s, int size, boolean bold, boolean italic) {
        var p = cell.getParagraphs().size() == 1 && cell.getParagraphs().getFirst().getRuns().isEmpty()
                ? cell.getParagraphs().getFirst() : cell.addParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        p.setSpacingAfter(0);
        run(p, s, size, bold, italic);
        return p;
    }

    /** A centred solid rule, {@code share} of the column wide: a bottom border on an indented tiny paragraph. */
    private static void rule(XWPFTableCell cell, int width, double share) {
        ruleStyle(cell.addParagraph(), width, share);
    }

    private static void ruleStyle(XWPFParagraph p, int width, double share) {
        int indent = (int) Math.round(width * (1 - share) / 2);
        p.setIndentationLeft(indent);
        p.setIndentationRight(indent);
        p.setBorderBottom(Borders.SINGLE);
        p.setSpacingAfter(0);
        p.setSpacingBetween(1.0, LineSpacingRule.AUTO);
        run(p, "", 2, false, false);
    }

    private XWPFTable borderless(int columns, int... widths) {
        var t = doc.createTable(1, columns);
        t.removeBorders();
        t.setWidthType(TableWidthType.DXA);
        t.setWidth(String.valueOf(TEXT_WIDTH));
        widths(t, widths);
        return t;
    }

    private XWPFTable grid(int rows, int... widths) {
        var t = doc.createTable(rows, widths.length);
        t.setWidthType(TableWidthType.DXA);
        t.setWidth(String.valueOf(TEXT_WIDTH));
        widths(t, widths);
        doc.createParagraph().setSpacingAfter(0);
        return t;
    }

    private static void widths(XWPFTable t, int... widths) {
        var grid = t.getCTTbl().getTblGrid() == null ? t.getCTTbl().addNewTblGrid() : t.getCTTbl().getTblGrid();
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (int w : widths) {
            grid.addNewGridCol().setW(BigInteger.valueOf(w));
        }
        for (var row : t.getRows()) {
            for (int c = 0; c < widths.length; c++) {
                row.getCell(c).setWidthType(TableWidthType.DXA);
                row.getCell(c).setWidth(String.valueOf(widths[c]));
            }
        }
    }

    private static void header(XWPFTable t, String... texts) {
        cells(t, 0, texts);
        boldRow(t, 0);
        t.getRow(0).setRepeatHeader(true);
    }

    private static void cells(XWPFTable t, int row, String... texts) {
        for (int c = 0; c < texts.length; c++) {
            var p = t.getRow(row).getCell(c).getParagraphs().getFirst();
            p.setAlignment(c == 1 && row > 0 && texts.length == 5 || c == 0 && row > 0 && texts.length == 6
                    ? ParagraphAlignment.LEFT : ParagraphAlignment.CENTER);
            p.setSpacingAfter(0);
            run(p, texts[c], 13, false, false);
        }
    }

    private static void boldRow(XWPFTable t, int row) {
        for (var cell : t.getRow(row).getTableCells()) {
            for (var p : cell.getParagraphs()) {
                p.getRuns().forEach(r -> r.setBold(true));
            }
        }
    }

    /** A stored text (a title, a name, a reason) as the document prints it: at most {@link Clip#TEXT} characters. */
    private static String c(@Nullable String s) {
        return Clip.text(s);
    }

    private String n(long v) {
        return integers.format(v);
    }

    private String d(double v) {
        return decimals.format(v);
    }

    private static String dmy(LocalDate d) {
        return DateTimeFormatter.ofPattern("dd/MM/yyyy").format(d);
    }

    private static String roman(int q) {
        return new String[] {"I", "II", "III", "IV"}[q - 1];
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
