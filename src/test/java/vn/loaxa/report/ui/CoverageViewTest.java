package vn.loaxa.report.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.base.StationTime;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.report.Coverage;
import vn.loaxa.report.ReportPeriod;
import vn.loaxa.report.ReportService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.UiTest;

/**
 * The coverage board of quarter IV/2023 (a quarter no other test airs in): a campaign that
 * emphasises administrative procedures and public finance, one procedures bulletin aired to Thôn 1
 * through the air log's own API. The board shows the report's numbers and warns of what is missing.
 */
class CoverageViewTest extends UiTest {

    private static final String CAMPAIGN = "Quý IV/2023 - Tổng kết, công khai tài chính";
    private static boolean written;

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired TopicService topics;
    @Autowired AirLogService airLog;
    @Autowired StationTime stationTime;
    @Autowired ReportService reports;

    private void quarterIvOf2023() throws InterruptedException {
        if (written) {
            return;
        }
        written = true;
        transactions.executeWithoutResult(s -> {
            jdbc.sql("INSERT INTO campaign (name, from_date, to_date, note, position) VALUES (?, ?, ?, '', 1)")
                    .params(CAMPAIGN, "2023-10-01", "2023-12-31").update();
            long id = jdbc.sql("SELECT id FROM campaign WHERE name = ?").param(CAMPAIGN).query(Long.class).single();
            int position = 0;
            for (var code : List.of("TTHC", "TAI_CHINH")) {
                long topic = topics.findAll().stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow().id();
                jdbc.sql("INSERT INTO campaign_topic (campaign_id, topic_id, position) VALUES (?, ?, ?)")
                        .params(id, topic, ++position).update();
            }
        });
        var planned = stationTime.instant(LocalDate.of(2023, 11, 6).atTime(LocalTime.of(5, 30)));
        var started = airLog.broadcastStarted(new BroadcastStart("O9000001", "Hướng dẫn nộp hồ sơ qua bưu điện",
                planned, planned, 150_000, List.of(1L), List.of("Thôn 1"), Priority.NORMAL, Trigger.SCHEDULE, "system"));
        airLog.itemPlayed(started, new PlayedItem(1, "BULLETIN", "Hướng dẫn nộp hồ sơ qua bưu điện", "TTHC",
                "Cải cách thủ tục hành chính", 9_000_001L, 9_000_001L, "e".repeat(64), 150_000, 150_000,
                Outcome.COMPLETED, planned));
        airLog.broadcastEnded(started, new BroadcastEnd(planned.plusSeconds(150), 150_000, Outcome.COMPLETED, null,
                planned));
        assertThat(airLog.flush(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    @WithMockUser(username = "vhtt", roles = "REPORTER")
    @SuppressWarnings("unchecked")
    void a_quarter_shows_the_campaign_topics_what_aired_and_what_is_missing() throws Exception {
        quarterIvOf2023();
        var view = navigate(CoverageView.class);
        var current = ReportPeriod.quarterOf(stationTime.today());
        assertThat(find(IntegerField.class).id("coverage-year").getValue()).isEqualTo(current.from().getYear());
        assertThat(((Select<Integer>) find(Select.class).id("coverage-quarter")).getValue())
                .isEqualTo(current.quarterNumber());

        find(IntegerField.class).id("coverage-year").setValue(2023);
        ((Select<Integer>) find(Select.class).id("coverage-quarter")).setValue(4);

        assertThat(find(Paragraph.class).id("coverage-campaigns").getText()).contains(CAMPAIGN);
        var warnings = find(Span.class).withClassName("coverage-warning").all().stream().map(Span::getText).toList();
        assertThat(warnings).contains("Quý IV chưa phát tin về Cải cách tài chính công.")
                .noneMatch(w -> w.contains("Cải cách thủ tục hành chính"))
                .contains("Quý IV: Thôn 2 chưa nghe được tin, bài nào.")
                .noneMatch(w -> w.contains("Thôn 1 "));

        var topicsGrid = test((Grid<Coverage.TopicLine>) find(Grid.class).id("coverage-topics"));
        // The emphasised topics come first, in the topics' order.
        assertThat(topicsGrid.getCellText(0, 0)).isEqualTo("Cải cách thủ tục hành chính");
        assertThat(topicsGrid.getCellText(0, topicsGrid.getColumnPosition("emphasised"))).isEqualTo("Trọng tâm");
        assertThat(topicsGrid.getCellText(0, topicsGrid.getColumnPosition("airings"))).isEqualTo("1");
        assertThat(topicsGrid.getCellText(0, topicsGrid.getColumnPosition("minutes"))).isEqualTo("2,5");
        assertThat(topicsGrid.getCellText(1, 0)).isEqualTo("Cải cách tài chính công");
        assertThat(topicsGrid.getCellText(1, topicsGrid.getColumnPosition("airings"))).isEqualTo("0");
        assertThat(topicsGrid.getCellText(2, topicsGrid.getColumnPosition("emphasised"))).isEmpty();
        assertThat(topicsGrid.getCellText(0, topicsGrid.getColumnPosition("queued")))
                .as("a past quarter has nothing left to schedule").isEqualTo("0");

        // The same numbers as the report of the quarter.
        var report = RunAs.run("vhtt", "REPORTER", () -> reports.build(ReportPeriod.quarter(2023, 4)));
        var tthc = report.byTopic().stream().filter(t -> t.code().equals("TTHC")).findFirst().orElseThrow();
        assertThat(tthc.airings()).isEqualTo(1);
        var villagesGrid = test((Grid<vn.loaxa.report.Report.VillageRow>) find(Grid.class).id("coverage-villages"));
        assertThat(villagesGrid.getCellText(0, 0)).isEqualTo("Thôn 1");
        assertThat(villagesGrid.getCellText(0, villagesGrid.getColumnPosition("airings")))
                .isEqualTo(Long.toString(report.byVillage().getFirst().figures().airings())).isEqualTo("1");
        assertThat(allText(view.getElement())).doesNotContainPattern(RAW_KEY);
    }

    @Test
    @WithMockUser(username = "chutich", roles = "APPROVER")
    void commune_leaders_read_it_too() throws Exception {
        quarterIvOf2023();
        navigate(CoverageView.class);
        find(IntegerField.class).id("coverage-year").setValue(2023);
        @SuppressWarnings("unchecked")
        Select<Integer> quarter = find(Select.class).id("coverage-quarter");
        quarter.setValue(4);
        assertThat(find(Span.class).withClassName("coverage-warning").all()).extracting(Span::getText)
                .contains("Quý IV chưa phát tin về Cải cách tài chính công.");
    }
}
