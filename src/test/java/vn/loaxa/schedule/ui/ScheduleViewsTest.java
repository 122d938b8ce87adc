package vn.loaxa.schedule.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

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

@WithMockUser(username = "operator", roles = "OPERATOR")
class ScheduleViewsTest extends UiTest {

    @Autowired ProgrammeService programmes;
    @Autowired VillageService villages;
    @Autowired OneOffService oneOffs;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @Autowired LibraryService library;
    @Autowired Clock clock;
    @TempDir Path tmp;

    @Test
    void a_new_programme_opens_at_a_free_time_and_a_clash_is_saved_only_when_confirmed() {
        var name = "Chương trình sáng " + System.nanoTime();
        programmes.create(new Programme.Draft(name, EnumSet.allOf(DayOfWeek.class), LocalTime.of(5, 30),
                LocalDate.now(clock), null, 1800, Priority.NORMAL, StartPolicy.WAIT, 60, null, null,
                villages.findAll().stream().map(v -> v.id()).toList(), true));
        navigate(ProgrammesView.class);
        test(find(Button.class).id("programme-new")).click();

        // Not on top of the morning slot: the form opens at the first time nothing else is on air.
        var start = find(TimePicker.class).first();
        assertThat(start.getValue()).isNotEqualTo(LocalTime.of(5, 30)).isAfter(LocalTime.of(5, 30));
        assertThat(find(Div.class).id("programme-conflicts").getElement().getTextRecursively()).isEmpty();

        start.setValue(LocalTime.of(5, 30));
        assertThat(find(Div.class).id("programme-conflicts").getElement().getTextRecursively())
                .contains("Trùng giờ với \"" + name + "\"");
        find(TextField.class).id("programme-name").setValue("Chương trình chiều");
        test(find(Button.class).id("programme-save")).click();
        var confirm = find(ConfirmDialog.class).id("programme-clash-confirm");
        assertThat(confirm.getElement().getProperty("message")).contains("\"" + name + "\"");
        test(confirm).cancel();
        assertThat(programmes.findAll()).as("a clash is not saved unasked")
                .noneMatch(p -> p.name().equals("Chương trình chiều"));

        test(find(Button.class).id("programme-save")).click();
        test(find(ConfirmDialog.class).id("programme-clash-confirm")).confirm();
        assertThat(programmes.findAll()).anyMatch(p -> p.name().equals("Chương trình chiều"));

        navigate(CalendarView.class);
        assertThat(find(Div.class).id("week").getElement().getTextRecursively()).contains("05:30 " + name)
                .contains("T2").contains("CN");
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_approved_bulletin_is_scheduled_once_at_the_chosen_moment() {
        var asset = TestAssets.wav(library, tmp, "Thông báo nộp hồ sơ qua bưu điện", 1.0);
        var written = bulletins.create(new Bulletin.Draft(asset.id(), "Thông báo nộp hồ sơ qua bưu điện",
                topics.findAll().get(1).id(), "", "", LocalDate.now(clock), null));
        var bulletin = RunAs.run("admin", "ADMIN", () -> bulletins.approve(written.id(), null));
        navigate(OneOffsView.class);
        ((ComboBox<Bulletin>) find(ComboBox.class).id("oneoff-bulletin")).setValue(bulletin);
        var when = LocalDateTime.now(clock).plusHours(3).withNano(0);
        find(DateTimePicker.class).id("oneoff-when").setValue(when);
        test(find(Button.class).id("oneoff-save")).click();

        var now = clock.instant();
        assertThat(oneOffs.findBetween(now, now.plus(Duration.ofHours(4))))
                .anyMatch(o -> o.title().equals("Thông báo nộp hồ sơ qua bưu điện")
                        && o.startsAt().equals(when.atZone(clock.getZone()).toInstant())
                        && o.createdBy().equals("operator"));
    }
}
