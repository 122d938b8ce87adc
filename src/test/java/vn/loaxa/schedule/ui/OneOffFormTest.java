package vn.loaxa.schedule.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.StationTime;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.OneOff;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.StartPolicy;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;

/** The one-off form: a bulletin is stored as that bulletin, and a clash with a programme is said before saving. */
@WithMockUser(username = "operator", roles = "OPERATOR")
class OneOffFormTest extends UiTest {

    @Autowired ProgrammeService programmes;
    @Autowired VillageService villages;
    @Autowired OneOffService oneOffs;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @Autowired LibraryService library;
    @Autowired StationTime stationTime;
    @Autowired Clock clock;
    @TempDir Path tmp;

    private Bulletin approvedBulletin(String title, int topicIndex) {
        var asset = TestAssets.wav(library, tmp, title, 0.4);
        var written = bulletins.create(new Bulletin.Draft(asset.id(), title, topics.findAll().get(topicIndex).id(), "",
                "", LocalDate.now(clock).minusDays(1), null));
        return RunAs.run("lanh.dao", "APPROVER", () -> bulletins.approve(written.id(), null));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_chosen_bulletin_is_stored_with_the_one_off_so_its_topic_is_reported() {
        var bulletin = approvedBulletin("Công khai thu chi ngân sách " + System.nanoTime(), 4);
        navigate(OneOffsView.class);
        var combo = (ComboBox<Bulletin>) find(ComboBox.class).id("oneoff-bulletin");
        assertThat(combo.getHelperText()).contains("chủ đề CCHC");
        assertThat(find(ComboBox.class).all()).as("raw audio is an admin's: its field is hidden")
                .noneMatch(c -> c.getId().filter("oneoff-audio"::equals).isPresent());
        combo.setValue(bulletin);
        // Seconds off the minute: no programme of another test starts then.
        var when = stationTime.localNow().plusHours(2).truncatedTo(ChronoUnit.MINUTES).plusSeconds(23);
        find(DateTimePicker.class).id("oneoff-when").setValue(when);
        test(find(Button.class).id("oneoff-save")).click();

        var at = stationTime.instant(when);
        var stored = oneOffs.findBetween(at, at.plusMillis(1)).stream()
                .filter(o -> o.title().equals(bulletin.title())).toList();
        assertThat(stored).singleElement().satisfies(o -> {
            assertThat(o.bulletinIds()).containsExactly(bulletin.id());
            assertThat(o.assetIds()).containsExactly(bulletin.assetId());
        });
        stored.forEach(o -> oneOffs.cancel(o.id()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_one_off_on_a_programme_names_it_and_what_will_happen_and_waits_for_the_operator() {
        var name = "Chương trình thời sự " + System.nanoTime();
        // 90 s of opening: a one-off ten seconds in finds it on air for longer than its one-minute wait.
        var opening = TestAssets.wav(library, tmp, "Nhạc hiệu dài", 90);
        var start = stationTime.localNow().plusHours(3).truncatedTo(ChronoUnit.MINUTES);
        var programme = programmes.create(new Programme.Draft(name, EnumSet.allOf(DayOfWeek.class),
                start.toLocalTime(), start.toLocalDate().minusDays(1), null, 1800, Priority.NORMAL, StartPolicy.WAIT,
                60, opening.id(), null, villages.findAll().stream().map(v -> v.id()).toList(), true));
        var bulletin = approvedBulletin("Thông báo tiêm chủng " + System.nanoTime(), 8);
        try {
            navigate(OneOffsView.class);
            ((ComboBox<Bulletin>) find(ComboBox.class).id("oneoff-bulletin")).setValue(bulletin);
            var when = start.plusSeconds(10);
            find(DateTimePicker.class).id("oneoff-when").setValue(when);
            var at = stationTime.instant(when);

            test(find(Button.class).id("oneoff-save")).click();
            var dialog = find(ConfirmDialog.class).id("oneoff-collision-dialog");
            var text = dialog.getElement().getTextRecursively() + allText(dialog.getElement());
            assertThat(text).contains("chương trình \"" + name + "\"")
                    .contains(stationTime.formatTime(stationTime.instant(start)))
                    .contains("chờ tối đa 60 giây rồi ngắt chương trình");
            assertThat(stored(at, bulletin)).as("nothing stored before the operator confirms").isEmpty();
            test(dialog).cancel();
            assertThat(stored(at, bulletin)).as("cancelled: nothing stored").isEmpty();

            test(find(Button.class).id("oneoff-save")).click();
            test(find(ConfirmDialog.class).id("oneoff-collision-dialog")).confirm();
            assertThat(stored(at, bulletin)).singleElement()
                    .satisfies(o -> assertThat(o.bulletinIds()).containsExactly(bulletin.id()));
            stored(at, bulletin).forEach(o -> oneOffs.cancel(o.id()));
        } finally {
            programmes.delete(programme.programme().id());
        }
    }

    private java.util.List<OneOff> stored(java.time.Instant at, Bulletin bulletin) {
        return oneOffs.findBetween(at, at.plusMillis(1)).stream()
                .filter(o -> !o.cancelled() && o.title().equals(bulletin.title())).toList();
    }
}
