package vn.loaxa.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.base.Clip;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.OverlongAirLog;
import vn.loaxa.testing.SpringTest;

/**
 * A title of 100,000 characters once aired (and reasons, names and a sender as long, with NUL and
 * ESC inside) no longer breaks anything: the xlsx report, the docx draft, the CSV, the evidence
 * zip and the air log CSV of the period all answer 200 with their length announced, open, and
 * print the texts cut with an ellipsis (32,767 characters in a cell, 1000 elsewhere). The air log
 * itself keeps every character and its chain verifies.
 */
class OverlongTextReportTest extends SpringTest {

    private static final String PERIOD = "from=" + OverlongAirLog.FROM + "&to=" + OverlongAirLog.TO;

    @LocalServerPort
    int port;
    @Autowired
    AirLogService airLog;

    Api api;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(port);
        OverlongAirLog.write(airLog);
    }

    @Test
    void the_xlsx_report_opens_with_the_long_texts_cut_to_what_a_cell_holds() throws Exception {
        var xlsx = download("/api/reports?format=xlsx&" + PERIOD);

        var texts = new ArrayList<String>();
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (var sheet : book) {
                for (var row : sheet) {
                    for (var cell : row) {
                        if (cell.getCellType() == CellType.STRING) {
                            texts.add(cell.getStringCellValue());
                        }
                    }
                }
            }
        }
        var cut = texts.stream().filter(t -> t.startsWith(OverlongAirLog.TITLE)).toList();
        // The most aired bulletins, the late starts and the aired files each name it.
        assertThat(cut).hasSizeGreaterThanOrEqualTo(3).allSatisfy(t -> {
            assertThat(t).hasSize(Clip.XLSX_CELL).endsWith("…").doesNotContain("\u0000", "\u001b");
        });
        assertThat(texts).anyMatch(t -> t.startsWith(OverlongAirLog.EMERGENCY) && t.length() == Clip.XLSX_CELL);
        assertThat(texts).anyMatch(t -> t.startsWith(OverlongAirLog.REASON) && t.length() == Clip.XLSX_CELL);
        assertThat(texts).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(Clip.XLSX_CELL));
    }

    @Test
    void the_docx_draft_opens_with_the_long_texts_cut_to_a_thousand_characters() throws Exception {
        var docx = download("/api/reports?format=docx&" + PERIOD);

        try (var doc = new XWPFDocument(new ByteArrayInputStream(docx));
             var extractor = new XWPFWordExtractor(doc)) {
            var text = extractor.getText();
            int at = text.indexOf(OverlongAirLog.EMERGENCY);
            assertThat(at).as("the emergency is listed").isPositive();
            int end = text.indexOf('…', at);
            assertThat(end - at).as("its title cut at 1000 characters").isEqualTo(Clip.TEXT - 1);
            assertThat(text).doesNotContain("\u0000").doesNotContain("\u001b");
            assertThat(doc.getParagraphs()).allSatisfy(p -> assertThat(p.getText().length()).isLessThan(3 * Clip.TEXT));
        }
    }

    @Test
    void the_csv_figures_and_the_air_log_csv_cut_every_field_to_a_thousand_characters() throws Exception {
        for (var path : List.of("/api/reports?format=csv&" + PERIOD, "/api/airlog.csv?" + PERIOD)) {
            var csv = new String(download(path), StandardCharsets.UTF_8);
            assertThat(csv).as(path).contains(OverlongAirLog.TITLE).contains("…")
                    .doesNotContain("\u0000").doesNotContain("\u001b");
            // No field, quoted or not, can be longer than the cut plus its quotes.
            assertThat(csv.lines()).as(path).allSatisfy(line -> assertThat(longestField(line))
                    .isLessThanOrEqualTo(Clip.TEXT + 2));
        }
    }

    @Test
    void the_evidence_zip_holds_every_file_and_its_checksums_match() throws Exception {
        var zip = download("/api/evidence?" + PERIOD);

        var entries = new LinkedHashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        var slug = ReportPeriod.of(OverlongAirLog.FROM, OverlongAirLog.TO).slug();
        assertThat(entries.keySet()).containsExactly("bao-cao-tuyen-truyen-cchc_" + slug + ".xlsx",
                "bao-cao-tuyen-truyen-cchc_" + slug + ".docx", "bao-cao-tuyen-truyen-cchc_" + slug + ".csv",
                "nhat-ky-phat_" + slug + ".csv", "danh-muc-tep-da-phat.csv", ReportFiles.SWITCHES_CSV, ReportFiles.AUDIT_CSV,
                "kiem-tra-nhat-ky.txt", "SHA256SUMS");
        var sums = new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8).lines().toList();
        assertThat(sums).hasSize(entries.size() - 1);
        for (var line : sums) {
            var name = line.substring(66);
            assertThat(line.substring(0, 64)).as(name)
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(entries.get(name))));
        }
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(entries.get("bao-cao-tuyen-truyen-cchc_" + slug
                + ".xlsx")))) {
            assertThat(book.getNumberOfSheets()).isGreaterThan(5);
        }
        try (var doc = new XWPFDocument(new ByteArrayInputStream(entries.get("bao-cao-tuyen-truyen-cchc_" + slug
                + ".docx")))) {
            assertThat(doc.getParagraphs()).isNotEmpty();
        }
        var switches = new String(entries.get(ReportFiles.SWITCHES_CSV), StandardCharsets.UTF_8);
        assertThat(switches).contains("CHI TIẾT DÀI QUÁ MỨC").contains("…");
        assertThat(new String(entries.get("kiem-tra-nhat-ky.txt"), StandardCharsets.UTF_8)).contains("intact=true");
    }

    @Test
    void the_air_log_keeps_every_character_and_its_chain_verifies() throws Exception {
        Map<?, ?> verify = json.readValue(api.get("/api/airlog/verify", "admin", ADMIN_PASSWORD).body(), Map.class);
        assertThat(verify.get("intact")).isEqualTo(true);
        var rows = airLog.all(OverlongAirLog.FROM.atStartOfDay(OverlongAirLog.ZONE).toInstant(),
                OverlongAirLog.TO.plusDays(1).atStartOfDay(OverlongAirLog.ZONE).toInstant());
        assertThat(rows).anySatisfy(b -> assertThat(b.title()).isEqualTo(OverlongAirLog.text(OverlongAirLog.TITLE)));
        var report = api.get("/api/reports?" + PERIOD, "admin", ADMIN_PASSWORD);
        assertThat(report.statusCode()).as("the JSON report too").isEqualTo(200);
    }

    private byte[] download(String path) throws Exception {
        var response = api.getBytes(path, "admin", ADMIN_PASSWORD);
        var text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(path + " " + text.substring(0, Math.min(300, text.length())))
                .isEqualTo(200);
        // Rendered whole before sending: the length is known up front.
        assertThat(response.headers().firstValueAsLong("Content-Length")).as(path)
                .hasValue(response.body().length);
        return response.body();
    }

    /** The longest field of a CSV line (quoted fields may hold commas; they hold no line breaks here). */
    private static int longestField(String line) {
        int longest = 0;
        int length = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                longest = Math.max(longest, length);
                length = 0;
            } else {
                length++;
            }
        }
        return Math.max(longest, length);
    }
}
