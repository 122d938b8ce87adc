package vn.loaxa.airlog.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.provider.Query;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.LoggedBroadcast;
import vn.loaxa.airlog.AirLogRecords.NotAired;
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
}
