package vn.loaxa.report.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.zip.ZipInputStream;

import com.vaadin.flow.component.html.Anchor;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.base.Clip;
import vn.loaxa.report.ReportPeriod;
import vn.loaxa.report.ReportService;
import vn.loaxa.testing.OverlongAirLog;
import vn.loaxa.testing.UiTest;

/**
 * The Reports page's four downloads for a period holding a 100,000-character title: each is rendered
 * whole, then sent, and opens (the xlsx in POI, the docx, the CSV, every file of the evidence zip).
 */
@WithMockUser(username = "vhtt", roles = "REPORTER")
class ReportDownloadsTest extends UiTest {

    @Autowired AirLogService airLog;
    @Autowired ReportService reports;

    @Test
    void every_download_of_a_period_with_an_overlong_title_succeeds_and_opens() throws Exception {
        OverlongAirLog.write(airLog);
        var view = navigate(ReportsView.class);
        view.show(reports.build(ReportPeriod.of(OverlongAirLog.FROM, OverlongAirLog.TO)));

        var anchors = find(Anchor.class).all();
        assertThat(anchors).extracting(Anchor::getText).containsExactly("Tải Excel (.xlsx)",
                "Tải dự thảo báo cáo (.docx)", "Tải số liệu (.csv)", "Tải tài liệu kiểm chứng (.zip)");

        try (var book = new XSSFWorkbook(new ByteArrayInputStream(download(anchors.get(0))))) {
            var bulletins = book.getSheet("Tin bài phát nhiều nhất");
            var title = bulletins.getRow(1).getCell(1).getStringCellValue();
            assertThat(title).startsWith(OverlongAirLog.TITLE).hasSize(Clip.XLSX_CELL).endsWith("…");
        }
        try (var doc = new XWPFDocument(new ByteArrayInputStream(download(anchors.get(1))));
             var text = new XWPFWordExtractor(doc)) {
            assertThat(text.getText()).contains(OverlongAirLog.EMERGENCY).contains("…");
        }
        var csv = new String(download(anchors.get(2)), StandardCharsets.UTF_8);
        assertThat(csv).contains(OverlongAirLog.TITLE).doesNotContain("\u0000");

        var names = new ArrayList<String>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(download(anchors.get(3))), StandardCharsets.UTF_8)) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                assertThat(zip.readAllBytes()).as(e.getName()).isNotEmpty();
                names.add(e.getName());
            }
        }
        assertThat(names).hasSize(9).contains("SHA256SUMS", "kiem-tra-nhat-ky.txt", "danh-muc-tep-da-phat.csv",
                "nhat-ky-thao-tac.csv");
    }

    private byte[] download(Anchor anchor) {
        var out = new ByteArrayOutputStream();
        test(anchor).download(out);
        assertThat(out.size()).as(anchor.getText()).isPositive();
        return out.toByteArray();
    }
}
