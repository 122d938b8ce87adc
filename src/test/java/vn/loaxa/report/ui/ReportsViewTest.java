package vn.loaxa.report.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.StationTime;
import vn.loaxa.base.Texts;
import vn.loaxa.report.Report;
import vn.loaxa.report.Report.Figures;
import vn.loaxa.report.Report.VillageRow;
import vn.loaxa.report.ReportPeriod;
import vn.loaxa.station.StationIdentity;
import vn.loaxa.testing.UiTest;

@WithMockUser(username = "vhtt", roles = "REPORTER")
class ReportsViewTest extends UiTest {

    @Autowired StationTime stationTime;

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
                new Report.TopicRow(Report.NOT_CCHC_CODE, Report.NOT_CCHC_NAME, 0, 0, 0, 0, 0),
                new Report.VillageTopics(List.of(), java.util.Map.of(), 0));
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

    @Test
    @SuppressWarnings("unchecked")
    void it_opens_on_the_period_worth_reporting_now_and_offers_the_second_half() {
        navigate(ReportsView.class);
        var today = stationTime.today();
        var preset = (ComboBox<ReportPeriod>) find(ComboBox.class).all().stream()
                .filter(c -> c.getLabel().equals("Kỳ báo cáo")).findFirst().orElseThrow();
        assertThat(preset.getValue()).isEqualTo(ReportPeriod.usefulOn(today));
        assertThat(preset.getValue().from()).as("never a period that has not begun").isBeforeOrEqualTo(today);
        assertThat(find(DatePicker.class).all()).extracting(DatePicker::getValue)
                .containsExactly(preset.getValue().from(), preset.getValue().to());
        assertThat(test(preset).getSuggestions()).contains("6 tháng cuối năm " + preset.getValue().from().getYear());

        // Another year keeps the kind of period.
        var year = find(IntegerField.class).single();
        year.setValue(2030);
        assertThat(preset.getValue()).isEqualTo(ReportPeriod.presets(2030)
                .get(ReportPeriod.presets(today.getYear() - (today.getMonthValue() == 1 ? 1 : 0))
                        .indexOf(ReportPeriod.usefulOn(today))));
    }

    @Test
    void the_topic_chart_draws_bars_in_proportion_and_numbers_use_a_decimal_comma() {
        var view = navigate(ReportsView.class);
        var f = figures(10, 10);
        var topics = List.of(new Report.TopicRow("TTHC", "Cải cách thủ tục hành chính", 8, 3, 40, 750, 12.5),
                new Report.TopicRow("TAI_CHINH", "Cải cách tài chính công", 2, 1, 10, 150, 2.5),
                new Report.TopicRow("CHI_SO", "Chỉ số PAR Index, SIPAS, PAPI, PCI", 0, 0, 0, 0, 0));
        var report = new Report(ReportPeriod.secondHalf(2035), report().station(), report().generatedAt(), f, topics,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                new Report.TopicRow(Report.NOT_CCHC_CODE, Report.NOT_CCHC_NAME, 3, 0, 5, 95, 1.6),
                new Report.VillageTopics(List.of(), java.util.Map.of(), 0));
        view.show(report);

        var bars = find(Div.class).withClassName("report-topic-bar").all();
        assertThat(bars).extracting(b -> b.getStyle().get("width")).containsExactly("100%", "25%", "0%", "13%");
        assertThat(find(Span.class).all()).extracting(Span::getText).contains("Không thuộc bản tin CCHC");

        @SuppressWarnings("unchecked")
        var grid = test((Grid<Report.TopicRow>) find(Grid.class).id("report-topics"));
        assertThat(grid.size()).as("the raw audio has its own line").isEqualTo(4);
        assertThat(grid.getCellText(0, grid.getColumnPosition("minutes"))).isEqualTo("12,5");
        assertThat(grid.getCellText(3, 0)).isEqualTo("Không thuộc bản tin CCHC");
        assertThat(grid.getCellText(3, grid.getColumnPosition("airings"))).isEqualTo("5");
        assertThat(grid.getCellText(3, grid.getColumnPosition("bulletins"))).isEqualTo("0");
    }
}
