package vn.loaxa.schedule.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.dnd.GridDropEvent;
import com.vaadin.flow.component.html.Div;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.QueueEntry;
import vn.loaxa.schedule.QueueService;
import vn.loaxa.schedule.StartPolicy;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;

/** A programme's queue on the Programmes page: default end, lengths against the limit, order, confirmed removal. */
@WithMockUser(username = "operator", roles = "OPERATOR")
class QueueViewTest extends UiTest {

    @Autowired ProgrammeService programmes;
    @Autowired QueueService queue;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @Autowired LibraryService library;
    @Autowired Clock clock;
    @TempDir Path tmp;

    private Bulletin approved(String title, double seconds, @Nullable LocalDate validTo) {
        var asset = TestAssets.wav(library, tmp, title, seconds);
        var b = RunAs.run("can.bo.soan", "OPERATOR", () -> bulletins.create(new Bulletin.Draft(asset.id(), title,
                topics.findAll().getFirst().id(), "", "", LocalDate.now(clock).minusDays(1), validTo)));
        return RunAs.run("lanh.dao", "APPROVER", () -> bulletins.approve(b.id(), null));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_queue_defaults_to_the_approval_shows_the_total_against_the_limit_reorders_and_asks_before_removing() {
        var today = LocalDate.now(clock);
        var p = programmes.create(new Programme.Draft("Thời sự tối " + System.nanoTime(), EnumSet.of(DayOfWeek.SUNDAY),
                LocalTime.of(22, 40), today, null, 3, Priority.NORMAL, StartPolicy.WAIT, 60, null, null, List.of(3L),
                true)).programme();
        var monthEnd = today.plusDays(20);
        var first = approved("Thông báo hết tháng", 1.6, monthEnd);
        var second = approved("Thông báo thứ hai", 1.6, null);

        navigate(ProgrammesView.class);
        ((Grid<Programme>) find(Grid.class).id("programme-grid")).asSingleSelect().setValue(p);
        ((ComboBox<Bulletin>) find(ComboBox.class).id("queue-bulletin")).setValue(first);
        assertThat(find(DatePicker.class).id("queue-to").getValue()).as("until the bulletin's approved end")
                .isEqualTo(monthEnd);
        test(find(Button.class).id("queue-add")).click();
        assertThat(queue.entries(p.id())).singleElement().satisfies(e -> {
            assertThat(e.fromDate()).isEqualTo(today);
            assertThat(e.toDate()).isEqualTo(monthEnd);
        });
        assertThat(text("queue-total")).contains("0:01").contains("0:03");
        assertThat(find(Div.class).all()).noneMatch(d -> "queue-over".equals(d.getId().orElse("")));

        ((ComboBox<Bulletin>) find(ComboBox.class).id("queue-bulletin")).setValue(second);
        test(find(Button.class).id("queue-add")).click();
        assertThat(text("queue-over")).startsWith("Vượt giới hạn").contains("sẽ không được phát");

        var firstEntry = queue.entries(p.id()).getFirst();
        test(button(firstEntry, "queue-down-")).click();
        assertThat(queue.entries(p.id())).extracting(QueueEntry::bulletinId).containsExactly(second.id(), first.id());

        // Dragged from the bottom and dropped above the top row: first again.
        drop(firstEntry, queue.entries(p.id()).getFirst(), "above");
        assertThat(queue.entries(p.id())).extracting(QueueEntry::bulletinId).containsExactly(first.id(), second.id());
        drop(firstEntry, queue.entries(p.id()).getLast(), "below");
        assertThat(queue.entries(p.id())).extracting(QueueEntry::bulletinId).containsExactly(second.id(), first.id());

        test(button(firstEntry, "queue-remove-")).click();
        var confirm = find(ConfirmDialog.class).id("queue-remove-confirm");
        assertThat(confirm.getElement().getProperty("message")).contains("\"Thông báo hết tháng\"")
                .contains("\"" + p.name() + "\"");
        test(confirm).cancel();
        assertThat(queue.entries(p.id())).hasSize(2);
        test(button(firstEntry, "queue-remove-")).click();
        test(find(ConfirmDialog.class).id("queue-remove-confirm")).confirm();
        assertThat(queue.entries(p.id())).extracting(QueueEntry::bulletinId).containsExactly(second.id());
    }

    /** What the browser sends when a row is dropped: the dragged entry's id as text, the row and the side. */
    @SuppressWarnings("unchecked")
    private void drop(QueueEntry dragged, QueueEntry onto, String location) {
        var grid = (Grid<QueueEntry>) find(Grid.class).id("queue-grid");
        var json = JsonMapper.builder().build();
        var item = json.createObjectNode().put("key", grid.getDataCommunicator().getKeyMapper().key(onto));
        var data = json.createArrayNode().add(json.createObjectNode().put("type", "text")
                .put("data", Long.toString(dragged.id())));
        ComponentUtil.fireEvent(grid, new GridDropEvent<>(grid, true, item, location, data));
    }

    private String text(String id) {
        return find(Div.class).id(id).getElement().getTextRecursively();
    }

    @SuppressWarnings("unchecked")
    private Button button(QueueEntry entry, String idPrefix) {
        var grid = (Grid<QueueEntry>) find(Grid.class).id("queue-grid");
        var tester = test(grid);
        for (int row = 0; row < tester.size(); row++) {
            if (tester.getRow(row).id() == entry.id()) {
                return tester.getCellComponent(row, grid.getColumns().size() - 1).getChildren()
                        .filter(c -> c.getId().orElse("").equals(idPrefix + entry.id())).map(Button.class::cast)
                        .findFirst().orElseThrow();
            }
        }
        throw new AssertionError("entry " + entry.id() + " not in the queue grid");
    }
}
