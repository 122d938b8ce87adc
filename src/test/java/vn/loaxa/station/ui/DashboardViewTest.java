package vn.loaxa.station.ui;

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
        oneOffs.schedule("Thông báo tiêm chủng lúc chiều", clock.instant().plus(Duration.ofHours(2)),
                List.of(asset.id()), List.of(villages.findAll().getFirst().id()), Priority.NORMAL);

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
}
