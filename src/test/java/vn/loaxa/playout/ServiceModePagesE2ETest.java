package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.testing.Chromium;
import vn.loaxa.testing.ChromiumBrowser;

/**
 * Every page of the station as the service runs it: a process on the bean definitions the build
 * prepared (decision 0036), not the Spring test context the other browser tests use. An admin opens
 * each page in Chromium; each must show its own content inside the layout (no error page, no
 * Vaadin exception), and the station must log no error while serving them. The pages are opened
 * once the station has handed back its start-up memory, as on a station that has run a while.
 */
class ServiceModePagesE2ETest {

    static final Path SHOTS = Paths.get("target", "screenshots");
    /** Every route of the admin UI (an admin may open them all). */
    static final List<String> ROUTES = List.of("", "library", "bulletins", "approvals", "programmes", "calendar",
            "broadcasts", "emergency-presets", "airlog", "reports", "coverage", "audit", "schedule-files", "backups",
            "tokens", "users", "settings");

    @RegisterExtension
    static final ChromiumBrowser chromium = new ChromiumBrowser();

    @TempDir
    Path home;

    @Test
    void every_page_opens_on_the_station_as_the_service_runs_it() throws Exception {
        try (var station = new StationProcess(home)) {
            station.start();
            assertThat(station.logText()).as("started on the prepared bean definitions")
                    .contains("Starting AOT-processed LoaXaApplication");
            // The pages are served after the station handed back its start-up memory (decision
            // 0037): the emptied class-reader caches and the collection must not break them.
            var handedBack = Instant.now().plusSeconds(60);
            while (!station.logText().contains("Start-up memory handed back") && Instant.now().isBefore(handedBack)) {
                Thread.sleep(200);
            }
            assertThat(station.logText()).as("the start-up memory handed back within 60 s of the start")
                    .contains("Start-up memory handed back");
            Files.createDirectories(SHOTS);
            var context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 900)
                    .setLocale("vi-VN").setTimezoneId("Asia/Ho_Chi_Minh"));
            var page = context.newPage();
            page.setDefaultTimeout(60_000);
            var base = "http://localhost:" + station.port();
            try {
                Chromium.logIn(page, base, "admin", StationProcess.PASSWORD);
            } catch (RuntimeException e) {
                page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("service-mode-login-failed.png")));
                throw e;
            }
            for (var route : ROUTES) {
                page.navigate(base + "/" + route);
                try {
                    // The view itself: the layout's content, outside its navigation and bar slots.
                    page.waitForFunction("() => document.querySelector('vaadin-app-layout > :not([slot])') !== null");
                } catch (RuntimeException e) {
                    var shot = SHOTS.resolve("service-mode-failed-" + (route.isEmpty() ? "dashboard" : route) + ".png");
                    page.screenshot(new Page.ScreenshotOptions().setPath(shot));
                    throw new AssertionError("/" + route + " did not open (see " + shot + ")", e);
                }
                assertThat(page.locator(".loaxa-error-page").count()).as("/" + route + " shows an error page")
                        .isZero();
                assertThat(page.content()).as("/" + route).doesNotContain("There was an exception")
                        .doesNotContain("Internal error");
                if (route.isEmpty() || route.equals("settings")) {
                    page.screenshot(new Page.ScreenshotOptions()
                            .setPath(SHOTS.resolve("service-mode-" + (route.isEmpty() ? "dashboard" : route) + ".png")));
                }
            }
            context.close();
            // Errors while serving pages are logged by the request threads.
            assertThat(station.logText().lines().filter(l -> l.contains(" ERROR ") && l.contains("http-nio")))
                    .as("errors logged while the pages were served").isEmpty();
        }
    }
}
