package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;

@WithMockUser(username = "operator", roles = "OPERATOR")
class DashboardViewTest extends UiTest {

    @Autowired LibraryService library;
    @Autowired OneOffService oneOffs;
    @Autowired VillageService villages;
    @Autowired Clock clock;
    @TempDir Path tmp;

    @Test
    void shows_nothing_on_air_and_a_one_off_planned_in_the_next_hours_in_vietnamese() {
        var asset = TestAssets.wav(library, tmp, "Thông báo tiêm chủng", 1.0);
        // Audio that is no approved bulletin: only an admin may schedule it.
        RunAs.run("admin", "ADMIN", () -> oneOffs.schedule("Thông báo tiêm chủng lúc chiều",
                clock.instant().plus(Duration.ofHours(2)), List.of(asset.id()),
                List.of(villages.findAll().getFirst().id()), Priority.NORMAL, null));

        var view = navigate(DashboardView.class);

        assertThat(find(Div.class).id("on-air").getElement().getTextRecursively()).contains("Không phát gì");
        @SuppressWarnings("unchecked")
        Grid<Object> next = (Grid<Object>) find(Grid.class).id("next-grid");
        var titles = next.getListDataView().getItems().map(o -> ((vn.loaxa.schedule.Occurrence) o).title()).toList();
        assertThat(titles).contains("Thông báo tiêm chủng lúc chiều");
        assertThat(find(Div.class).id("alerts").getElement().getTextRecursively()).isNotBlank();
        assertThat(view.getPageTitle()).isEqualTo("Tình trạng đài | Loa Xã");
    }

    @Test
    void the_poll_keeps_the_dashboard_live_without_errors() {
        var view = navigate(DashboardView.class);
        for (int i = 0; i < 6; i++) {
            view.tick();
        }
        assertThat(find(Div.class).id("on-air").getElement().getTextRecursively()).contains("Không phát gì");
    }

    @Autowired vn.loaxa.airlog.AirLogService airLog;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void log_rows_the_database_cannot_take_are_shown_as_an_alert_until_they_land() throws Exception {
        // The database refuses air log rows, as on a full disk.
        transactions.executeWithoutResult(s -> jdbc.sql("""
                CREATE TRIGGER dashboard_test_full BEFORE INSERT ON air_log
                BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END""").update());
        try {
            airLog.notAired(new vn.loaxa.airlog.AirLogRecords.NotAired("DASH-BACKLOG", "Bản tin chờ ghi",
                    clock.instant(), 1_000, List.of(villages.findAll().getFirst().id()), List.of("Thôn 1"),
                    Priority.NORMAL, vn.loaxa.airlog.Trigger.SCHEDULE, "system", vn.loaxa.airlog.Outcome.MISSED,
                    "TEST"));
            var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (airLog.backlog().problem() == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            navigate(DashboardView.class);
            assertThat(find(Div.class).id("alerts").getElement().getTextRecursively())
                    .contains("chưa ghi được vào cơ sở dữ liệu").contains("disk full");
        } finally {
            transactions.executeWithoutResult(s -> jdbc.sql("DROP TRIGGER dashboard_test_full").update());
        }
        assertThat(airLog.flush(Duration.ofSeconds(30))).isTrue();
        navigate(DashboardView.class);
        assertThat(find(Div.class).id("alerts").getElement().getTextRecursively())
                .doesNotContain("chưa ghi được vào cơ sở dữ liệu");
    }
}
