package vn.loaxa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.loaxa.security.Role;
import vn.loaxa.security.SecurityHeaders;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Chromium;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

/**
 * The UI runs under the station's Content-Security-Policy in real Chromium: an admin logs in and
 * opens every main view, uploads a file, loads its preview, downloads the air log CSV; each view
 * renders and talks to the server (push included), and the browser reports no violation, neither
 * as a {@code securitypolicyviolation} event nor in the console. That the policy is enforced and
 * the watch works is shown first: an image from another origin is refused and reported. (This
 * runs Vaadin's development bundle; the packaged jar's production bundle was checked the same way,
 * see docs/decisions/0016-transport-and-headers.md.)
 */
class ContentSecurityPolicyE2ETest extends SpringTest {
    static final Path SHOTS = Paths.get("target", "screenshots");
    static final String USER = "csp-admin";
    static final String PASSWORD = "Csp-admin-2026-pass";
    /** Every view in the menu, the dashboard first. */
    static final List<String> VIEWS = List.of("", "library", "bulletins", "approvals", "programmes", "calendar",
            "broadcasts", "airlog", "reports", "coverage", "schedule-files", "settings", "users", "backups");

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    UserService users;

    @BeforeAll
    static void chromium() {
        Chromium.assumeInstalled();
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void close() {
        Chromium.close(browser, playwright);
    }

    @Test
    void every_main_view_renders_under_the_policy_with_no_violation() throws Exception {
        if (users.find(USER).isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create(USER, "Kiểm tra CSP", PASSWORD, EnumSet.of(Role.ADMIN), false));
        }
        Files.createDirectories(SHOTS);
        var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768)
                .setLocale("vi-VN").setTimezoneId("Asia/Ho_Chi_Minh"));
        var violations = new CopyOnWriteArrayList<String>();
        var console = new CopyOnWriteArrayList<String>();
        var sockets = new CopyOnWriteArrayList<String>();
        context.exposeFunction("loaxaCspViolation", args -> violations.add(String.join(" | ",
                java.util.Arrays.stream(args).map(String::valueOf).toList())));
        context.addInitScript("document.addEventListener('securitypolicyviolation', e => window.loaxaCspViolation("
                + "e.violatedDirective, e.blockedURI, e.sourceFile, String(e.lineNumber), location.pathname));");
        var page = context.newPage();
        page.setDefaultTimeout(30_000);
        page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
        page.onWebSocket(ws -> sockets.add(ws.url()));
        var base = "http://localhost:" + port;

        // The page really is under the policy, and a refusal is seen by both watches.
        var login = page.navigate(base + "/login");
        assertThat(login.headerValue("content-security-policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
        page.locator("vaadin-login-form input[name=username]").waitFor();
        page.evaluate("() => { const i = new Image(); i.src = 'http://elsewhere.invalid/pixel.png'; "
                + "document.body.appendChild(i); }");
        page.waitForCondition(() -> !violations.isEmpty());
        assertThat(violations.getFirst()).startsWith("img-src | http://elsewhere.invalid/pixel.png");
        page.waitForCondition(() -> console.stream().anyMatch(m -> m.contains("Content Security Policy")));
        violations.clear();
        console.clear();

        page.locator("vaadin-login-form input[name=username]").fill(USER);
        page.locator("vaadin-login-form input[name=password]").fill(PASSWORD);
        page.locator("vaadin-login-form input[name=password]").press("Enter");
        page.waitForSelector("#on-air");

        for (var view : VIEWS) {
            var response = page.navigate(base + "/" + view);
            assertThat(response.status()).as(view).isEqualTo(200);
            assertThat(response.headerValue("content-security-policy")).as(view)
                    .isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
            // Every view opens with its title: rendered by the client from what the server sent.
            page.locator("h2").first().waitFor();
            assertThat(page.locator("h2").first().innerText()).as(view).isNotBlank();
            // Past the first paint: lazily loaded components and the push connection have come.
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            assertThat(page.locator("body").innerText()).as(view).isNotBlank()
                    .doesNotContainPattern("![a-z]+\\.[A-Za-z.]+[A-Za-z]");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("csp-" + (view.isEmpty()
                    ? "dashboard" : view) + ".png")));
        }
        // The server answers what the browser does (a round trip, not just a painted page): the
        // settings view says how the station is reached, the emergency button opens its dialog.
        page.navigate(base + "/settings");
        assertThat(page.locator("#connection-panel").innerText()).contains("HTTPS đang tắt");
        // An upload (XHR to the station) and its audio preview (a stream from the station).
        var wav = Wavs.write16(Files.createTempFile("csp-", ".wav"), 44_100, 1, Wavs.sine(44_100, 1, 2.0, 440, 0.5));
        page.navigate(base + "/library");
        page.locator("#library-upload input[type=file]").setInputFiles(wav);
        page.waitForSelector("#upload-results .loaxa-ok");
        page.locator("#library-grid").getByText("csp-").first().click();
        page.waitForSelector("#asset-detail audio");
        page.evaluate("() => { const a = document.querySelector('#asset-detail audio'); a.preload = 'auto'; a.load(); }");
        page.waitForFunction("() => document.querySelector('#asset-detail audio').readyState >= 1");
        // A download (the air log CSV) starts from its link.
        page.navigate(base + "/airlog");
        var download = page.waitForDownload(() -> page.click("#airlog-csv"));
        assertThat(download.suggestedFilename()).endsWith(".csv");
        assertThat(download.failure()).isNull();
        page.navigate(base + "/");
        page.click("#emergency-button");
        page.waitForSelector("#emergency-play");
        page.keyboard().press("Escape");

        assertThat(sockets).as("server push over a WebSocket").anyMatch(u -> u.contains("/VAADIN/push"));
        assertThat(violations).as("securitypolicyviolation events").isEmpty();
        assertThat(console).as("console").noneMatch(m -> m.contains("Content Security Policy")
                || m.contains("Refused to"));
        context.close();
    }
}
