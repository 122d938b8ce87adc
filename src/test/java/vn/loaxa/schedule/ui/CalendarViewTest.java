package vn.loaxa.schedule.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.EnumSet;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouterLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.StationTime;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.StartPolicy;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;

/**
 * The week calendar: today's column marked with a line at the present minute, a legend of its
 * colours, full titles on hover, and a click on a block opening what it comes from.
 */
@WithMockUser(username = "operator", roles = "OPERATOR")
class CalendarViewTest extends UiTest {

    @Autowired ProgrammeService programmes;
    @Autowired OneOffService oneOffs;
    @Autowired VillageService villages;
    @Autowired LibraryService library;
    @Autowired StationTime stationTime;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @TempDir Path tmp;

    @Test
    void today_is_marked_with_a_line_at_the_present_minute_and_the_legend_names_every_colour() {
        navigate(CalendarView.class);
        var today = stationTime.today();
        var now = stationTime.localNow();

        var header = find(Div.class).id("week-today");
        assertThat(header.getClassNames()).contains("loaxa-week-today");
        assertThat(header.getText()).endsWith(today.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM")));
        var line = find(Div.class).id("week-now");
        assertThat(line.getStyle().get("grid-column")).isEqualTo(String.valueOf(today.getDayOfWeek().getValue() + 1));
        // The hour row of now (or the next, had the hour turned between the two readings).
        assertThat(Integer.parseInt(line.getStyle().get("grid-row"))).isBetween(now.getHour() + 2, now.getHour() + 3);
        assertThat(line.getStyle().get("top")).endsWith("%");

        assertThat(find(Div.class).id("week-legend").getElement().getTextRecursively())
                .contains("Chương trình định kỳ", "Phát một lần", "Khẩn cấp", "Hôm nay", "Giờ hiện tại");

        // Next week has no today and no line.
        test(find(Button.class).withAttribute("aria-label", "Tuần sau").single()).click();
        assertThat(find(Div.class).id("week").getElement().getTextRecursively()).isNotEmpty();
        assertThat(line.getParent()).isEmpty();
        assertThat(find(Div.class).withId("week-today").all()).isEmpty();
    }

    @Test
    void a_click_on_a_programme_opens_it_with_its_full_title_and_its_editor() {
        var name = "Chương trình tối đọc bản tin cải cách hành chính cho bảy thôn " + System.nanoTime();
        var p = programmes.create(new Programme.Draft(name, EnumSet.allOf(DayOfWeek.class), LocalTime.of(21, 10),
                LocalDate.now(stationTime.clock()).minusDays(7), null, 1800, Priority.NORMAL, StartPolicy.WAIT, 60,
                null, null, villages.findAll().stream().map(v -> v.id()).toList(), true));
        navigate(CalendarView.class);

        var block = block(name);
        assertThat(block.getElement().getAttribute("title")).contains(name).contains("21:10");

        ComponentUtil.fireEvent(block, new ClickEvent<>(block));
        var dialog = find(Dialog.class).id("week-event");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.getHeaderTitle()).isEqualTo(name);
        var text = dialog.getElement().getTextRecursively();
        assertThat(text).contains("Chương trình định kỳ · Thông thường").contains("Bắt đầu: ")
                .contains("21:10").contains("Các thôn: ");
        assertThat(find(RouterLink.class).id("week-event-page").getHref()).isEqualTo("programmes");

        test(find(Button.class).id("week-event-edit")).click();
        assertThat(dialog.isOpened()).isFalse();
        assertThat(find(TextField.class).id("programme-name").getValue()).isEqualTo(name);
        assertThat(p).isNotNull();
    }

    @Test
    void a_click_on_a_one_off_opens_what_it_plays_and_its_page() {
        var asset = TestAssets.wav(library, tmp, "Thông báo tiêm phòng dại cho chó mèo", 1.2);
        var written = bulletins.create(new Bulletin.Draft(asset.id(), "Thông báo tiêm phòng dại cho chó mèo",
                topics.findAll().get(1).id(), "", "", stationTime.today(), null));
        RunAs.run("admin", "ADMIN", () -> bulletins.approve(written.id(), null));
        var start = stationTime.clock().instant().plus(Duration.ofMinutes(90));
        var title = "Phát một lần: tiêm phòng dại " + System.nanoTime();
        oneOffs.schedule(title, start, List.of(asset.id()), villages.findAll().stream().map(v -> v.id()).toList(),
                Priority.NORMAL, null);
        navigate(CalendarView.class);
        if (!stationTime.zoned(start).toLocalDate().isBefore(stationTime.today().with(DayOfWeek.SUNDAY).plusDays(1))) {
            // Sunday night: the broadcast falls in next week.
            test(find(Button.class).withAttribute("aria-label", "Tuần sau").single()).click();
        }

        var block = block(title);
        assertThat(block.getClassNames()).contains("loaxa-week-oneoff");
        ComponentUtil.fireEvent(block, new ClickEvent<>(block));

        var dialog = find(Dialog.class).id("week-event");
        assertThat(dialog.getElement().getTextRecursively()).contains("Phát một lần · Thông thường")
                .contains("Thông báo tiêm phòng dại cho chó mèo (0:01)");
        assertThat(find(RouterLink.class).id("week-event-page").getHref()).isEqualTo("broadcasts");
        assertThat(find(Button.class).withId("week-event-edit").all()).isEmpty();
        test(find(Button.class).id("week-event-close")).click();
        assertThat(dialog.isOpened()).isFalse();
    }

    @Test
    @WithMockUser(username = "lanh.dao", roles = "APPROVER")
    void commune_leadership_opens_a_block_to_read_it_but_is_offered_no_editor() {
        var name = "Chương trình trưa " + System.nanoTime();
        RunAs.run("operator", "OPERATOR", () -> programmes.create(new Programme.Draft(name,
                EnumSet.allOf(DayOfWeek.class), LocalTime.of(11, 45), LocalDate.now(stationTime.clock()).minusDays(7),
                null, 900, Priority.PRIORITY, StartPolicy.WAIT, 60, null, null,
                villages.findAll().stream().map(v -> v.id()).toList(), true)));
        navigate(CalendarView.class);

        var block = block(name);
        ComponentUtil.fireEvent(block, new ClickEvent<>(block));
        assertThat(find(Dialog.class).id("week-event").getElement().getTextRecursively())
                .contains("Chương trình định kỳ · Ưu tiên");
        assertThat(find(Button.class).withId("week-event-edit").all()).isEmpty();
        assertThat(find(RouterLink.class).withId("week-event-page").all()).isEmpty();
    }

    /** The first block of the week whose full title (its hover text) names {@code title}. */
    private Div block(String title) {
        return find(Div.class).withClassName("loaxa-week-item").all().stream()
                .filter(d -> d.getElement().getAttribute("title") != null
                        && d.getElement().getAttribute("title").contains(title))
                .findFirst().orElseThrow(() -> new AssertionError("no block for " + title));
    }
}
