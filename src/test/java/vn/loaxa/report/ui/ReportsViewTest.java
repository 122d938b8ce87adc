package vn.loaxa.report.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.Texts;
import vn.loaxa.report.Report;
import vn.loaxa.report.Report.Figures;
import vn.loaxa.report.Report.VillageRow;
import vn.loaxa.report.ReportPeriod;
import vn.loaxa.station.StationIdentity;
import vn.loaxa.testing.UiTest;

@WithMockUser(username = "vhtt", roles = "REPORTER")
class ReportsViewTest extends UiTest {

    private static Figures figures(long planned, long completed) {
        return new Figures(planned, completed, 0, 0, 0, planned - completed, 0, 0, 1, completed, completed * 300,
                completed * 5.0);
    }

    /** Thôn 1 received everything; Thôn 3's relay failed on 12 of the 40 broadcasts that aired for it. */
    private static Report report() {
        var villages = List.of(new VillageRow(1, "Thôn 1", figures(40, 40), 40, 41, 0, 0, 0),
                new VillageRow(3, "Thôn 3", figures(42, 40), 40, 28, 12, 13, 1));
        return new Report(ReportPeriod.firstHalf(2035), new StationIdentity("Gio Sơn", "Đài truyền thanh xã Gio Sơn",
                "Gio Linh", "Quảng Trị", "", "Đỗ An Chung", "PHÓ CHỦ TỊCH"), Instant.parse("2035-07-01T01:00:00Z"),
                figures(82, 80), List.of(), List.of(), List.of(), villages, List.of(), List.of(), List.of(), List.of(),
                new Report.TopicRow(Report.NOT_CCHC_CODE, Report.NOT_CCHC_NAME, 0, 0, 0, 0, 0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_village_table_shows_what_each_village_received_beside_what_was_planned() {
        var view = navigate(ReportsView.class);
        view.show(report());

        var grid = (Grid<ReportsView.Line>) find(Grid.class).id("report-villages");
        var t = test(grid);
        assertThat(t.size()).isEqualTo(2);
        assertThat(List.of(t.getHeaderCell(1), t.getHeaderCell(2), t.getHeaderCell(3), t.getHeaderCell(4),
                t.getHeaderCell(5), t.getHeaderCell(6))).containsExactly("Kế hoạch (lượt phát)", "Đã phát (lượt)",
                "Đã nhận (lượt)", "Không nhận được (lượt)", "Lỗi bật loa (lần)", "Lỗi tắt loa (lần)");
        assertThat(t.getCellText(1, 0)).isEqualTo("Thôn 3");
        assertThat(List.of(t.getCellText(1, 1), t.getCellText(1, 2), t.getCellText(1, 3), t.getCellText(1, 4),
                t.getCellText(1, 5), t.getCellText(1, 6))).containsExactly("42", "40", "28", "12", "13", "1");
        assertThat(t.getCellText(0, t.getColumnPosition("shortfall"))).isEqualTo("0");
        // The other figures keep their columns after the new ones.
        assertThat(t.getHeaderCell(t.getColumnPosition("completed"))).isEqualTo("Phát trọn vẹn");
        assertThat(t.getCellText(1, t.getColumnPosition("completed"))).isEqualTo("40");

        var notice = find(Span.class).withClassName("report-shortfall").single();
        assertThat(notice.getText()).isEqualTo("Thôn 3 không nhận được 12 lượt phát do không bật được loa "
                + "(13 lần lỗi bật loa); chi tiết từng lần bật, tắt loa trong tài liệu kiểm chứng.");
        // Months and quarters have no village columns.
        assertThat(find(Grid.class).all()).filteredOn(g -> g.getColumnByKey("shortfall") != null).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void in_english_too() {
        useLocale(Texts.ENGLISH);
        var view = navigate(ReportsView.class);
        view.show(report());
        var t = test((Grid<ReportsView.Line>) find(Grid.class).id("report-villages"));
        assertThat(t.getHeaderCell(t.getColumnPosition("received"))).isEqualTo("Received (broadcasts)");
        assertThat(t.getHeaderCell(t.getColumnPosition("shortfall"))).isEqualTo("Not received (broadcasts)");
        assertThat(find(Span.class).withClassName("report-shortfall").single().getText())
                .startsWith("Thôn 3 did not receive 12 broadcasts");
        assertThat(allText(view.getElement())).doesNotContainPattern(RAW_KEY);
    }
}
