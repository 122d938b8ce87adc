package vn.loaxa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.EnumSet;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.loaxa.audio.testsupport.RequiresSoundCard;
import vn.loaxa.playout.LiveBroadcasts;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Chromium;
import vn.loaxa.testing.ChromiumBrowser;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestMicrophone;

/**
 * The commune leader speaks live from the dashboard in real Chromium, into the virtual card's
 * microphone: "Nói trực tiếp", the villages, "Bắt đầu nói", the live line with the time, the
 * dashboard at 1366, 1024 and 390 px while live (screenshots in target/screenshots/), "Kết thúc nói",
 * and the air log page showing the broadcast as live, by the leader.
 */
@RequiresSoundCard
class LiveMicE2ETest extends SpringTest {
    static final Path SHOTS = Paths.get("target", "screenshots");
    static final String USER = "chu-tich-xa";
    static final String PASSWORD = "Chu-tich-2026-pass";

    @RegisterExtension
    static final ChromiumBrowser chromium = new ChromiumBrowser();

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    LiveBroadcasts live;
    @Autowired
    JdbcClient jdbc;

    @Test
    void the_leader_speaks_live_from_the_dashboard_and_the_air_log_shows_it() throws Exception {
        if (users.find(USER).isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create(USER, "Chủ tịch UBND xã", PASSWORD,
                    EnumSet.of(Role.APPROVER), false));
        }
        Files.createDirectories(SHOTS);
        try (var mic = TestMicrophone.fromEnvironment()) {
            var context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 768)
                    .setLocale("vi-VN").setTimezoneId("Asia/Ho_Chi_Minh"));
            var page = context.newPage();
            page.setDefaultTimeout(30_000);
            var base = "http://localhost:" + port;
            Chromium.logIn(page, base, USER, PASSWORD);
            Chromium.hideDevelopmentTools(page);

            page.locator("#live-start").click();
            page.locator("#live-go").waitFor();
            assertThat(page.locator("#live-villages vaadin-checkbox[checked]").count())
                    .as("every village in use ticked").isGreaterThan(0);
            page.waitForTimeout(400); // the dialog's opening animation
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("live-1366-dialog.png")));
            page.locator("#live-go").click();
            page.locator("#live-dialog").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));

            var status = page.locator("#live-status");
            status.waitFor();
            page.waitForCondition(() -> status.textContent().startsWith("Đang nói trực tiếp"),
                    new Page.WaitForConditionOptions().setTimeout(15_000));
            var key = live.current().orElseThrow().key();
            mic.say(700, 1_500);
            // The on-air card shows the live broadcast like any other once its first sample is out.
            page.waitForCondition(() -> page.locator(".loaxa-onair-title").textContent().startsWith("Nói trực tiếp"),
                    new Page.WaitForConditionOptions().setTimeout(10_000));
            page.waitForCondition(() -> page.locator("#programme-left").textContent().startsWith("Đã nói"),
                    new Page.WaitForConditionOptions().setTimeout(5_000));
            assertThat(page.locator("#dashboard-onair-skip").isVisible()).as("no skip for a voice").isFalse();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("live-1366-on-air.png")));
            for (var width : new int[] {1024, 390}) {
                page.setViewportSize(width, width == 390 ? 844 : 768);
                Chromium.hideDevelopmentTools(page);
                var end = page.locator("#live-end").boundingBox();
                assertThat(end.x + end.width).as("'Kết thúc nói' on screen at %d px", width).isLessThanOrEqualTo(width);
                page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("live-" + width + "-on-air.png")));
            }
            page.locator("#live-end").click();

            var deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline && ended(key) == null) {
                Thread.sleep(100);
            }
            assertThat(ended(key)).as("the END row of " + key).isEqualTo("COMPLETED");
            page.waitForCondition(() -> !page.locator("#live-end").isVisible(),
                    new Page.WaitForConditionOptions().setTimeout(10_000));

            page.setViewportSize(1366, 768);
            page.navigate(base + "/airlog");
            page.locator("#airlog-grid").waitFor();
            page.waitForFunction("() => document.querySelector('#airlog-grid').size > 0");
            // The log lists the period oldest first: on the shared station this broadcast is the last row.
            page.evaluate("() => { const g = document.querySelector('#airlog-grid'); g.scrollToIndex(g.size - 1); }");
            var row = page.locator("vaadin-grid-cell-content").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText("Nói trực tiếp (" + USER + ")"));
            row.first().waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("live-1366-airlog.png")));
            context.close();
        }
    }

    private String ended(String key) {
        return jdbc.sql("SELECT outcome FROM air_log WHERE kind = 'END' AND occurrence_key = ?").param(key)
                .query(String.class).optional().orElse(null);
    }
}
