package vn.loaxa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.loaxa.audio.testsupport.RequiresSoundCard;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.Chromium;
import vn.loaxa.testing.ChromiumBrowser;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;

/**
 * "Bỏ qua mục này" in real Chromium at 1024 px: an operator skips the first item of a one-off from
 * the now-playing bar after confirming; the second item plays whole, the air log's ITEM rows say
 * SKIPPED by the operator and COMPLETED, and the air log page on a phone (390 px) says who skipped.
 */
@RequiresSoundCard
class SkipOnAirE2ETest extends SpringTest {
    static final Path SHOTS = Paths.get("target", "screenshots");
    static final String USER = "truc-dai-bo-qua";
    static final String PASSWORD = "Truc-dai-bo-qua-2026";
    static final String TITLE = "Bản tin có mục cũ";

    @RegisterExtension
    static final ChromiumBrowser chromium = new ChromiumBrowser();

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    LibraryService library;
    @Autowired
    OneOffService oneOffs;
    @Autowired
    VillageService villages;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path tmp;

    @Test
    void an_operator_skips_an_item_from_the_bar_and_the_log_says_who() throws Exception {
        if (users.find(USER).isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create(USER, "Cán bộ trực đài", PASSWORD,
                    EnumSet.of(Role.OPERATOR), false));
        }
        var old = TestAssets.wav(library, tmp, "Tin cũ đã hết hạn", 6);
        var next = TestAssets.wav(library, tmp, "Tin mới", 1.5);
        var at = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        var village = villages.findAll().getFirst().id();
        var key = RunAs.run("admin", "ADMIN", () -> oneOffs.schedule(TITLE, at, List.of(old.id(), next.id()),
                List.of(village), Priority.NORMAL, null)).key();
        Files.createDirectories(SHOTS);
        var context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1024, 768)
                .setLocale("vi-VN").setTimezoneId("Asia/Ho_Chi_Minh"));
        var page = context.newPage();
        page.setDefaultTimeout(30_000);
        var base = "http://localhost:" + port;
        Chromium.logIn(page, base, USER, PASSWORD);
        page.navigate(base + "/library");
        Chromium.hideDevelopmentTools(page);

        // The bar shows the broadcast once its first item is audible; skip then asks first.
        page.locator("#now-playing-bar").getByText(TITLE).first().waitFor(new Locator.WaitForOptions()
                .setTimeout(Duration.between(Instant.now(), at).toMillis() + 15_000));
        page.waitForCondition(() -> page.locator("#bar-onair-skip").isEnabled(),
                new Page.WaitForConditionOptions().setTimeout(10_000));
        page.click("#bar-onair-skip");
        page.locator("#bar-onair-skip-confirm").waitFor(new Locator.WaitForOptions()
                .setState(WaitForSelectorState.ATTACHED));
        page.waitForTimeout(400);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("skip-1024-confirm.png")));
        // The dialog's button comes after the bar's in the page (and the modal dialog hides the bar's).
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Bỏ qua mục này").setExact(true))
                .last().click();

        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && items(key).size() < 2) {
            Thread.sleep(100);
        }
        assertThat(items(key)).containsExactly("0 SKIPPED " + USER, "1 COMPLETED null");

        page.setViewportSize(390, 844);
        page.navigate(base + "/airlog");
        var grid = page.locator("#airlog-grid");
        grid.waitFor();
        page.waitForFunction("() => document.querySelector('#airlog-grid').size > 0");
        // The log lists the period oldest first: on the shared station this broadcast is the last row.
        page.evaluate("() => { const g = document.querySelector('#airlog-grid'); g.scrollToIndex(g.size - 1); }");
        grid.getByText("Bỏ qua 1 mục (bởi " + USER + ")").first().waitFor(new Locator.WaitForOptions()
                .setTimeout(10_000));
        Chromium.hideDevelopmentTools(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("skip-390-airlog.png")));
        context.close();
    }

    private List<String> items(String key) {
        return jdbc.sql("SELECT item_position || ' ' || outcome || ' ' || COALESCE(triggered_by, 'null') FROM air_log "
                + "WHERE kind = 'ITEM' AND occurrence_key = ? ORDER BY item_position").param(key)
                .query(String.class).list();
    }
}
