package vn.loaxa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.base.StationTime;
import vn.loaxa.report.ReportPeriod;
import vn.loaxa.schedule.Priority;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Chromium;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

/**
 * The reports page in real Chromium on a 1366 px wide screen: it opens on the period due, the topic
 * chart draws bars as wide as their share, and the widest table (villages, seventeen columns) fits
 * the page without a horizontal scroll bar.
 */
class ReportsLayoutE2ETest extends SpringTest {
    static final String USER = "vhtt-layout";
    static final String PASSWORD = "Bao-cao-vhtt-2026";

    @LocalServerPort int port;
    @Autowired UserService users;
    @Autowired AirLogService airLog;
    @Autowired StationTime stationTime;

    @Test
    void the_report_fits_a_1366_px_screen_and_draws_its_bars() throws Exception {
        Chromium.assumeInstalled();
        if (users.find(USER).isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create(USER, "Công chức VH-TT", PASSWORD,
                    EnumSet.of(Role.REPORTER), false));
        }
        var period = ReportPeriod.usefulOn(stationTime.today());
        // Three broadcasts of procedures, one of public finance, early in the period.
        var first = stationTime.instant(period.from().atTime(5, 30));
        for (int i = 0; i < 4; i++) {
            var planned = first.plusSeconds(86_400L * i);
            var s = airLog.broadcastStarted(new BroadcastStart("O" + (8_100_000 + System.nanoTime() % 100_000 * 10 + i),
                    "Bản tin sáng", planned, planned, 90_000, List.of(1L, 2L), List.of("Thôn 1", "Thôn 2"),
                    Priority.NORMAL, Trigger.SCHEDULE, "system"));
            boolean finance = i == 3;
            airLog.itemPlayed(s, new PlayedItem(1, "BULLETIN", finance ? "Ngân sách xã" : "Một cửa liên thông",
                    finance ? "TAI_CHINH" : "TTHC", finance ? "Cải cách tài chính công" : "Cải cách thủ tục hành chính",
                    null, finance ? 8_000_002L : 8_000_001L, "d".repeat(64), 90_000, 90_000, Outcome.COMPLETED, planned));
            airLog.broadcastEnded(s, new BroadcastEnd(planned.plusSeconds(90), 90_000, Outcome.COMPLETED, null, planned));
        }
        assertThat(airLog.flush(Duration.ofSeconds(30))).isTrue();

        try (var playwright = Chromium.playwright(); var browser = Chromium.launch(playwright)) {
            var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768)
                    .setLocale("vi-VN").setTimezoneId("Asia/Ho_Chi_Minh"));
            var page = context.newPage();
            page.setDefaultTimeout(60_000);
            var base = "http://localhost:" + port;
            page.navigate(base + "/login");
            page.locator("vaadin-login-form input[name=username]").fill(USER);
            page.locator("vaadin-login-form input[name=password]").fill(PASSWORD);
            page.locator("vaadin-login-form input[name=password]").press("Enter");
            page.waitForURL(url -> !url.contains("/login"));
            page.navigate(base + "/reports");
            page.locator("vaadin-combo-box input").first().waitFor();
            page.getByText("Lập báo cáo").click();
            page.locator("#report-villages").waitFor();
            page.waitForTimeout(1_000);
            Files.createDirectories(Paths.get("target", "screenshots"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots", "reports-1366.png")));
            page.locator("#report-villages").scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Paths.get("target", "screenshots", "reports-1366-villages.png")));

            var bars = page.locator(".report-topic-bar");
            var widths = bars.evaluateAll("els => els.map(e => e.getBoundingClientRect().width)");
            var tracks = page.locator(".report-topic-track").first().evaluate("e => e.getBoundingClientRect().width");
            assertThat(((Number) tracks).doubleValue()).as("the track has room").isGreaterThan(80);
            var list = ((List<?>) widths).stream().map(w -> ((Number) w).doubleValue()).toList();
            double widest = list.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            assertThat(widest).as("the longest bar fills its track").isCloseTo(((Number) tracks).doubleValue(),
                    org.assertj.core.data.Offset.offset(2.0));
            // Each bar as long as its topic's airings against the most aired (other tests' broadcasts of
            // the shared station count too); the track's title names the figure, an empty topic has no bar.
            var titles = (List<?>) page.locator(".report-topic-track").evaluateAll("els => els.map(e => e.title)");
            var airings = titles.stream().map(t -> Long.parseLong(((String) t).replaceAll(".*: ", ""))).toList();
            long most = airings.stream().mapToLong(Long::longValue).max().orElse(0);
            assertThat(most).as("the topics aired here").isGreaterThanOrEqualTo(3);
            assertThat(airings).as("a topic never aired").contains(0L);
            for (int i = 0; i < list.size(); i++) {
                double expected = airings.get(i) == 0 ? 0 : Math.max(3, widest * airings.get(i) / most);
                assertThat(list.get(i)).as("bar %d for %d airings of %d", i, airings.get(i), most)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(3.0));
            }

            var overflow = page.locator("#report-villages").evaluate(
                    "g => { const t = g.$.table; return t.scrollWidth - t.clientWidth; }");
            assertThat(((Number) overflow).intValue()).as("the village table needs no horizontal scroll").isLessThanOrEqualTo(1);
            var pageOverflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) pageOverflow).intValue()).as("nor the page").isLessThanOrEqualTo(1);
            context.close();
        }
    }
}
