package vn.loaxa.airlog.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.Query;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.LoggedBroadcast;
import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.schedule.Priority;
import vn.loaxa.testing.UiTest;

@WithMockUser(username = "vhtt", roles = "REPORTER")
class AirLogViewTest extends UiTest {

    @Autowired AirLogService airLog;
    @Autowired Clock clock;

    @Test
    @SuppressWarnings("unchecked")
    void a_reporter_pages_and_filters_the_log_and_sees_it_verified() throws InterruptedException {
        var now = clock.instant();
        var key = "T" + System.nanoTime();
        var started = airLog.broadcastStarted(new BroadcastStart(key + "a", "Bản tin sáng", now.minusSeconds(60),
                now.minusSeconds(59), 30_000, List.of(1L), List.of("Thôn 1"), Priority.NORMAL, Trigger.SCHEDULE,
                "system"));
        airLog.broadcastEnded(started, new BroadcastEnd(now.minusSeconds(29), 30_000, Outcome.COMPLETED, null));
        airLog.notAired(new NotAired(key + "b", "Bản tin bị lỡ", now.minusSeconds(30), 10_000, List.of(1L),
                List.of("Thôn 1"), Priority.NORMAL, Trigger.SCHEDULE, "system", Outcome.MISSED, "máy tắt"));
        // The page reads committed rows; the writer commits a moment after the append returns.
        assertThat(airLog.flush(Duration.ofSeconds(30))).isTrue();

        navigate(AirLogView.class);
        var grid = (Grid<LoggedBroadcast>) find(Grid.class).id("airlog-grid");
        var all = grid.getDataProvider().fetch(new Query<>()).map(LoggedBroadcast::title).toList();
        assertThat(all).contains("Bản tin sáng", "Bản tin bị lỡ");

        var outcome = (Select<Outcome>) find(Select.class).all().stream()
                .filter(s -> "Kết quả".equals(s.getLabel())).findFirst().orElseThrow();
        outcome.setValue(Outcome.MISSED);
        var missed = grid.getDataProvider().fetch(new Query<>()).map(LoggedBroadcast::title).toList();
        assertThat(missed).contains("Bản tin bị lỡ").doesNotContain("Bản tin sáng");

        test(find(Button.class).id("airlog-verify")).click();
        assertThat(find(Div.class).id("verify-result").getText()).startsWith("Nhật ký nguyên vẹn");
        assertThat(Duration.between(now, clock.instant())).isLessThan(Duration.ofMinutes(1));
    }

    /**
     * A broadcast whose second item dieuhanh skipped on air, one that chutich stopped in its first item,
     * and one nobody touched, logged as the engine logs them (decision 0030): the outcome cell names
     * who cut each, and its tooltip lists each cut item with who cut it.
     */
    @Test
    @SuppressWarnings("unchecked")
    void the_outcome_says_who_stopped_a_broadcast_or_skipped_its_items() throws InterruptedException {
        var now = clock.instant();
        var key = "T" + System.nanoTime();
        var skipped = airLog.broadcastStarted(new BroadcastStart(key + "s", "Chương trình chiều " + key,
                now.minusSeconds(600), now.minusSeconds(600), 180_000, List.of(1L), List.of("Thôn 1"),
                Priority.NORMAL, Trigger.SCHEDULE, "system"));
        airLog.itemPlayed(skipped, item(1, "Nhạc hiệu", 60_000, Outcome.COMPLETED, null, null));
        airLog.itemPlayed(skipped, item(2, "Tin cũ về thuế đất", 12_000, Outcome.SKIPPED,
                "SKIPPED: dieuhanh skipped it on air", "dieuhanh"));
        airLog.itemPlayed(skipped, item(3, "Lịch tiếp công dân", 60_000, Outcome.COMPLETED, null, null));
        airLog.broadcastEnded(skipped, new BroadcastEnd(now.minusSeconds(468), 132_000, Outcome.COMPLETED,
                "COMPLETED: item 2 skipped on air", now.minusSeconds(600)));

        var stopped = airLog.broadcastStarted(new BroadcastStart(key + "t", "Thông báo nhầm tệp " + key,
                now.minusSeconds(300), now.minusSeconds(300), 90_000, List.of(1L), List.of("Thôn 1"),
                Priority.PRIORITY, Trigger.OPERATOR, "dieuhanh"));
        airLog.itemPlayed(stopped, item(1, "Thông báo cắt điện", 8_000, Outcome.STOPPED,
                "STOPPED: chutich: sai tệp", "chutich"));
        airLog.broadcastEnded(stopped, new BroadcastEnd(now.minusSeconds(292), 8_000, Outcome.STOPPED,
                "STOPPED: chutich: sai tệp", now.minusSeconds(300), "chutich"));

        var plain = airLog.broadcastStarted(new BroadcastStart(key + "p", "Bản tin trưa " + key,
                now.minusSeconds(200), now.minusSeconds(200), 60_000, List.of(1L), List.of("Thôn 1"),
                Priority.NORMAL, Trigger.SCHEDULE, "system"));
        airLog.itemPlayed(plain, item(1, "Nhạc hiệu", 60_000, Outcome.COMPLETED, null, null));
        airLog.broadcastEnded(plain, new BroadcastEnd(now.minusSeconds(140), 60_000, Outcome.COMPLETED, null,
                now.minusSeconds(200)));
        assertThat(airLog.flush(Duration.ofSeconds(30))).isTrue();

        navigate(AirLogView.class);
        var grid = test((Grid<LoggedBroadcast>) find(Grid.class).id("airlog-grid"));

        var skips = outcomeOf(grid, "Chương trình chiều " + key);
        assertThat(texts(skips)).containsExactly("Phát xong", "Bỏ qua 1 mục (bởi dieuhanh)");
        assertThat(skips.getElement().getAttribute("title"))
                .isEqualTo("COMPLETED: item 2 skipped on air\nBỏ qua mục 2: Tin cũ về thuế đất (bởi dieuhanh)");

        var stop = outcomeOf(grid, "Thông báo nhầm tệp " + key);
        assertThat(texts(stop)).containsExactly("Dừng phát (bởi chutich)");
        assertThat(stop.getElement().getAttribute("title"))
                .isEqualTo("STOPPED: chutich: sai tệp\nDừng phát ở mục 1: Thông báo cắt điện (bởi chutich)");

        var untouched = outcomeOf(grid, "Bản tin trưa " + key);
        assertThat(texts(untouched)).containsExactly("Phát xong");
        assertThat(untouched.getElement().hasAttribute("title")).isFalse();
    }

    private static PlayedItem item(int position, String title, long ms, Outcome outcome, String reason, String by) {
        return new PlayedItem(position, "BULLETIN", title, null, null, null, null, "a".repeat(64), 60_000, ms,
                outcome, null, null, reason, by, null);
    }

    private static Span outcomeOf(com.vaadin.flow.component.grid.GridTester<Grid<LoggedBroadcast>, LoggedBroadcast> grid,
                                  String title) {
        for (int row = 0; row < grid.size(); row++) {
            if (grid.getRow(row).title().equals(title)) {
                return (Span) grid.getCellComponent(row, "outcome");
            }
        }
        throw new AssertionError("no row " + title);
    }

    /** The labels in the cell, as they read on screen. */
    private static List<String> texts(Span cell) {
        return cell.getChildren().map(c -> ((Span) c).getText()).toList();
    }
}
