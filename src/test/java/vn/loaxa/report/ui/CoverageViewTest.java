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
import vn.loaxa.airlog.AirLogRecords.Started;
import vn.loaxa.airlog.AirLogRecords.VillageSwitch;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.base.StationTime;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.report.Coverage;
import vn.loaxa.report.Report;
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

    private static final String CAMPAIGN_III = "Quý III/2023 - Thủ tục hành chính, tài chính công";
    private static boolean thirdWritten;

    /**
     * Quarter III/2023, also aired in by no other test: a campaign on procedures (TTHC) and public
     * finance (TAI_CHINH), and four broadcasts. 10/07 to Thôn 1 and Thôn 2 with a bulletin of each
     * topic; 11/07 to Thôn 1 with a procedures bulletin only; 12/07 to Thôn 2 with a finance bulletin
     * whose switch-on failed (Thôn 2 did not hear it); 13/07 to Thôn 3 with a procedures bulletin that
     * failed before any audio.
     */
    private void quarterIiiOf2023() throws InterruptedException {
        if (thirdWritten) {
            return;
        }
        thirdWritten = true;
        transactions.executeWithoutResult(s -> {
            jdbc.sql("INSERT INTO campaign (name, from_date, to_date, note, position) VALUES (?, ?, ?, '', 2)")
                    .params(CAMPAIGN_III, "2023-07-01", "2023-09-30").update();
            long id = jdbc.sql("SELECT id FROM campaign WHERE name = ?").param(CAMPAIGN_III).query(Long.class).single();
            int position = 0;
            for (var code : List.of("TTHC", "TAI_CHINH")) {
                long topic = topics.findAll().stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow().id();
                jdbc.sql("INSERT INTO campaign_topic (campaign_id, topic_id, position) VALUES (?, ?, ?)")
                        .params(id, topic, ++position).update();
            }
        });
        broadcast("O9100001", 10, List.of(1L, 2L), List.of("TTHC", "TAI_CHINH"), Outcome.COMPLETED, null);
        broadcast("O9100002", 11, List.of(1L), List.of("TTHC"), Outcome.COMPLETED, null);
        broadcast("O9100003", 12, List.of(2L), List.of("TAI_CHINH"), Outcome.COMPLETED, 2L);
        broadcast("O9100004", 13, List.of(3L), List.of("TTHC"), Outcome.FAILED, null);
        assertThat(airLog.flush(Duration.ofSeconds(30))).isTrue();
    }

    /** One bulletin per topic, each 60 s (none when it failed); Thôn n is village n, switched on over Modbus. */
    private void broadcast(String key, int day, List<Long> villages, List<String> codes, Outcome outcome,
                           Long switchFailed) {
        var planned = stationTime.instant(LocalDate.of(2023, 7, day).atTime(LocalTime.of(5, 30)));
        var names = villages.stream().map(v -> "Thôn " + v).toList();
        Started started = airLog.broadcastStarted(new BroadcastStart(key, "Bản tin " + key, planned, planned,
                60_000L * codes.size(), villages, names, Priority.NORMAL, Trigger.SCHEDULE, "system"));
        for (var v : villages) {
            var failed = v.equals(switchFailed);
            airLog.villageSwitched(new VillageSwitch(key, started.seq(), "Bản tin " + key, planned, v, "Thôn " + v,
                    true, "MODBUS", failed ? "FAILED" : "ACKNOWLEDGED", planned, failed ? "no answer" : null,
                    "system"));
        }
        long played = outcome == Outcome.FAILED ? 0 : 60_000;
        int position = 0;
        for (var code : codes) {
            var topic = topics.findAll().stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
            long bulletin = 9_100_000L + day * 10L + position;
            airLog.itemPlayed(started, new PlayedItem(++position, "BULLETIN", "Tin " + code + " " + day, code,
                    topic.name(), bulletin, bulletin, "f".repeat(64), 60_000, played, outcome,
                    played > 0 ? planned.plusSeconds(60L * (position - 1)) : null));
        }
        airLog.broadcastEnded(started, new BroadcastEnd(planned.plusMillis(played * codes.size()),
                played * codes.size(), outcome, outcome == Outcome.FAILED ? "test: no audio" : null,
                played > 0 ? planned : null));
    }

    @Test
    @WithMockUser(username = "vhtt", roles = "REPORTER")
    @SuppressWarnings("unchecked")
    void the_village_by_topic_table_shows_the_reports_own_numbers() throws Exception {
        quarterIiiOf2023();
        var view = navigate(CoverageView.class);
        find(IntegerField.class).id("coverage-year").setValue(2023);
        ((Select<Integer>) find(Select.class).id("coverage-quarter")).setValue(3);

        var grid = test((Grid<Report.VillageTopicRow>) find(Grid.class).id("coverage-village-topics"));
        var report = RunAs.run("vhtt", "REPORTER", () -> reports.build(ReportPeriod.quarter(2023, 3)));
        var table = report.villageTopics();
        int tthc = grid.getColumnPosition("topic-TTHC");
        int finance = grid.getColumnPosition("topic-TAI_CHINH");
        int total = grid.getColumnPosition("total");
        // The campaign's topics in the topics' order, then the total; no column for a topic that never aired.
        assertThat(tthc).isEqualTo(1);
        assertThat(finance).isEqualTo(2);
        assertThat(total).isEqualTo(3);

        // Rows: the villages in their configured order (as the report lists them), then the whole commune.
        assertThat(grid.size()).isEqualTo(report.byVillage().size() + 1);
        for (int row = 0; row < report.byVillage().size(); row++) {
            var village = report.byVillage().get(row);
            var reached = table.villages().get(row);
            assertThat(reached.id()).isEqualTo(village.id());
            assertThat(grid.getCellText(row, 0)).isEqualTo(village.name());
            assertThat(grid.getCellText(row, tthc)).isEqualTo(Long.toString(reached.topic("TTHC")));
            assertThat(grid.getCellText(row, finance)).isEqualTo(Long.toString(reached.topic("TAI_CHINH")));
            assertThat(grid.getCellText(row, total)).isEqualTo(Long.toString(reached.total()));
            // The same count as the report's "received": a broadcast reached a village by one rule only.
            assertThat(reached.total()).isLessThanOrEqualTo(village.received());
        }
        int commune = report.byVillage().size();
        assertThat(grid.getCellText(commune, 0)).isEqualTo("Cả xã");
        assertThat(grid.getCellText(commune, tthc)).isEqualTo(Long.toString(table.topic("TTHC")));
        assertThat(grid.getCellText(commune, finance)).isEqualTo(Long.toString(table.topic("TAI_CHINH")));
        assertThat(grid.getCellText(commune, total)).isEqualTo(Long.toString(table.total()));

        // And what those numbers are, from the seeded log: Thôn 1 heard procedures twice (10/07 and
        // the procedures-only 11/07) and finance once; Thôn 2 heard both topics once (its 12/07
        // switch-on failed); Thôn 3's failed broadcast reached nobody.
        assertThat(row(grid, "Thôn 1", tthc, finance, total)).containsExactly("2", "1", "2");
        assertThat(row(grid, "Thôn 2", tthc, finance, total)).containsExactly("1", "1", "1");
        assertThat(row(grid, "Thôn 3", tthc, finance, total)).containsExactly("0", "0", "0");
        assertThat(row(grid, "Cả xã", tthc, finance, total)).containsExactly("2", "1", "2");
        var village2 = report.byVillage().stream().filter(v -> v.name().equals("Thôn 2")).findFirst().orElseThrow();
        assertThat(village2.received()).as("the report agrees: Thôn 2 received one broadcast").isEqualTo(1);
        // The topic's line of the report counts broadcasts that aired, wherever they were heard: the
        // 12/07 one aired, but reached no village.
        assertThat(report.byTopic().stream().filter(t -> t.code().equals("TAI_CHINH")).findFirst().orElseThrow()
                .broadcasts()).isEqualTo(2);
        assertThat(allText(view.getElement())).contains("Lượt phát đến từng thôn theo chủ đề")
                .doesNotContainPattern(RAW_KEY);
    }

    private static List<String> row(com.vaadin.flow.component.grid.GridTester<?, ?> grid, String village, int... columns) {
        for (int r = 0; r < grid.size(); r++) {
            if (grid.getCellText(r, 0).equals(village)) {
                int row = r;
                return java.util.Arrays.stream(columns).mapToObj(c -> grid.getCellText(row, c)).toList();
            }
        }
        throw new AssertionError("no row " + village);
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
