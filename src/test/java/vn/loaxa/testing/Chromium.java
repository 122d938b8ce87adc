package vn.loaxa.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright for the browser tests. Playwright's own browser download is
 * blocked on the station machines and in CI, so the browser is the system's; outside CI a machine
 * without it skips the browser tests, under {@code CI=true} they run and fail.
 */
public final class Chromium {

    public static final Path PATH = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    /** Skips the calling test class outside CI when Chromium is not installed. */
    public static void assumeInstalled() {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.isExecutable(PATH), "no " + PATH + ": browser test skipped outside CI");
        }
    }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Headless, without the sandbox (tests run as root) and without the background traffic. */
    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(PATH)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--no-first-run")));
    }

    public static void close(@Nullable Browser browser, @Nullable Playwright playwright) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** Logs in on the station's login page and waits for the dashboard. */
    public static void logIn(com.microsoft.playwright.Page page, String base, String user, String password) {
        page.navigate(base + "/login");
        page.locator("vaadin-login-form input[name=username]").fill(user);
        page.locator("vaadin-login-form input[name=password]").fill(password);
        page.locator("vaadin-login-form input[name=password]").press("Enter");
        page.locator("#on-air").waitFor();
    }

    /**
     * Tests run Vaadin in development mode, whose tool overlay covers the bottom of a phone's screen
     * and takes the taps; a station's production bundle has none.
     */
    public static void hideDevelopmentTools(com.microsoft.playwright.Page page) {
        page.evaluate("() => document.querySelectorAll('copilot-main, vaadin-dev-tools')"
                + ".forEach(e => e.style.display = 'none')");
    }
}
