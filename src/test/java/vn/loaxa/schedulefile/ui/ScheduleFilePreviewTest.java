package vn.loaxa.schedulefile.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadTester;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.StartPolicy;
import vn.loaxa.schedulefile.Change;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.UiTest;

/**
 * The preview speaks the operator's words: a programme's change as "Giờ phát: 05:45 → 06:15", a
 * deletion in red, and applying a file that deletes asks first.
 */
@WithMockUser(username = "quantri", roles = "ADMIN")
class ScheduleFilePreviewTest extends UiTest {

    @Autowired ProgrammeService programmes;
    @Autowired VillageService villages;
    @Autowired Clock clock;

    @Test
    @SuppressWarnings("unchecked")
    void changes_read_old_to_new_deletions_are_red_and_applying_them_is_confirmed() {
        var kept = "Xem trước giữ " + System.nanoTime();
        var dropped = "Xem trước bỏ " + System.nanoTime();
        var all = villages.findAll().stream().filter(v -> v.enabled()).map(v -> v.id()).toList();
        for (var name : new String[] {kept, dropped}) {
            programmes.create(new Programme.Draft(name, EnumSet.allOf(DayOfWeek.class), LocalTime.of(5, 45),
                    LocalDate.now(clock), null, 1800, Priority.NORMAL, StartPolicy.WAIT, 60, null, null, all, true));
        }
        var yaml = """
                programmes:
                  - name: %s
                    days: daily
                    time: "06:15"
                    max_length: 20m
                    villages: all
                    priority: NORMAL
                    start_policy: WAIT
                    wait: 1m
                """.formatted(kept);

        var view = navigate(ScheduleFilesView.class);
        new UploadTester<>(find(Upload.class).first()).upload("doi-gio.yaml", "application/yaml",
                yaml.getBytes(StandardCharsets.UTF_8));
        roundTrip();

        var grid = (Grid<Change>) find(Grid.class).id("schedulefile-changes");
        var tester = test(grid);
        int changed = -1;
        int removed = -1;
        for (int row = 0; row < tester.size(); row++) {
            var c = tester.getRow(row);
            if (c.name().equals(kept)) {
                changed = row;
            } else if (c.name().equals(dropped)) {
                removed = row;
            }
        }
        assertThat(changed).as("the kept programme is listed as changed").isNotNegative();
        var description = tester.getCellText(changed, 3);
        assertThat(description).contains("Giờ phát: 05:45 → 06:15").contains("Dài tối đa: 30 phút → 20 phút")
                .doesNotContain("max_length").doesNotContain("time,");

        assertThat(removed).as("the programme left out of the file is removed").isNotNegative();
        var gone = tester.getRow(removed);
        assertThat(gone.action()).isEqualTo(Change.Action.REMOVED);
        assertThat(grid.getPartNameGenerator().apply(gone)).isEqualTo("change-removed");
        assertThat(tester.getCellText(removed, 3)).isEqualTo("Sẽ bị xóa khỏi lịch phát");
        assertThat(allText(view.getElement())).doesNotContain("!schedulefile.");

        test(find(Button.class).id("schedulefile-apply")).click();
        var confirm = find(ConfirmDialog.class).id("schedulefile-confirm-remove");
        assertThat(confirm.getElement().getProperty("message")).contains("Chương trình \"" + dropped + "\"");
        test(confirm).cancel();
        assertThat(programmes.findAll()).as("nothing applied without the confirmation")
                .anyMatch(p -> p.name().equals(dropped))
                .anyMatch(p -> p.name().equals(kept) && p.startTime().equals(LocalTime.of(5, 45)));
    }
}
