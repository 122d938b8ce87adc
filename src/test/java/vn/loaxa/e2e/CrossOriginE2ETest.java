package vn.loaxa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Chromium;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

/**
 * What a real browser sends when a page on another site turns it against the station: Chromium,
 * signed in to the station's HTTP Basic, visits a page served from another origin that uploads
 * audio to /api/library and posts a login form to /login. The upload is refused (403
 * CROSS_ORIGIN, nothing stored) and the forged login signs nobody in; the station's own login
 * page, with its CSRF token, still works.
 */
class CrossOriginE2ETest extends SpringTest {
    static final String USER = "e2e.xo";
    static final String PASSWORD = "e2e-xo-pass-2026";

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    UserService users;

    HttpServer evil;
    String evilOrigin;
    final JsonMapper json = JsonMapper.builder().build();

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

    @BeforeEach
    void setUp() throws Exception {
        if (users.find(USER).isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create(USER, "Quản trị thử", PASSWORD, EnumSet.of(Role.ADMIN), false));
        }
        // The attacker's site: 127.0.0.1 on another port is another site than localhost for the browser.
        evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        evilOrigin = "http://127.0.0.1:" + evil.getAddress().getPort();
        var station = "http://localhost:" + port;
        // A real, valid WAV: without the origin check the station would import it (201).
        var wav = Files.readAllBytes(Wavs.write16(Files.createTempFile(ROOT, "gia-mao", ".wav"), 8_000, 1,
                Wavs.sine(8_000, 1, 1.0, 523, 0.4)));
        // A form posted by script: a top-level navigation, for which the browser sends the login it holds.
        page(evil, "/upload", """
                <html><body>
                <form method="post" enctype="multipart/form-data" action="%s/api/library">
                  <input type="file" name="file"></form>
                <script>
                  const wav = Uint8Array.from(atob('%s'), c => c.charCodeAt(0));
                  const files = new DataTransfer();
                  files.items.add(new File([wav], 'gia-mao.wav', {type: 'audio/wav'}));
                  document.forms[0].file.files = files.files;
                  document.forms[0].submit();
                </script></body></html>""".formatted(station, Base64.getEncoder().encodeToString(wav)));
        page(evil, "/login", """
                <html><body onload="document.forms[0].submit()">
                  <form method="post" action="%s/login">
                    <input name="username" value="%s"><input name="password" value="%s">
                  </form></body></html>""".formatted(station, USER, PASSWORD));
        evil.start();
    }

    @AfterEach
    void stopEvil() {
        evil.stop(0);
    }

    @Test
    void a_page_on_another_site_cannot_upload_with_the_browsers_basic_login() throws Exception {
        var api = new Api(port);
        int before = json.readValue(api.get("/api/library", USER, PASSWORD).body(), List.class).size();
        var context = browser.newContext(new Browser.NewContextOptions()
                .setHttpCredentials(USER, PASSWORD));
        var page = context.newPage();
        // The user once opened the API in this browser: it now holds the station's Basic login.
        var own = page.navigate("http://localhost:" + port + "/api/status");
        assertThat(own.status()).isEqualTo(200);

        // Every answer the browser got to the page's upload (a 401 challenge answered with the held
        // login would show as a second one).
        var answers = new java.util.concurrent.CopyOnWriteArrayList<Response>();
        page.onResponse(r -> {
            if (r.url().endsWith("/api/library") && "POST".equals(r.request().method())) {
                answers.add(r);
            }
        });
        page.navigate(evilOrigin + "/upload");
        page.waitForURL(url -> url.startsWith("http://localhost:" + port + "/api/library"));
        page.waitForLoadState();
        assertThat(answers).isNotEmpty();
        for (var upload : answers) {
            var sent = upload.request().allHeaders();
            assertThat(sent.get("origin")).as("the browser names the page's origin").isEqualTo(evilOrigin);
            assertThat(sent.get("sec-fetch-site")).isEqualTo("cross-site");
            assertThat(sent.get("authorization")).as("the browser did send the login it holds").startsWith("Basic ");
            assertThat(upload.status()).as(sent.toString()).isEqualTo(403);
            assertThat(upload.text()).contains("CROSS_ORIGIN");
        }
        assertThat(json.readValue(api.get("/api/library", USER, PASSWORD).body(), List.class)).hasSize(before);
        context.close();
    }

    @Test
    void a_login_form_on_another_site_signs_nobody_in_and_the_stations_own_login_page_works() {
        var context = browser.newContext();
        var page = context.newPage();
        page.setDefaultTimeout(30_000);
        var base = "http://localhost:" + port;
        // Someone else's page posts a name and password to the station's login.
        page.navigate(evilOrigin + "/login");
        page.waitForURL(url -> url.startsWith(base + "/login"));
        assertThat(page.url()).endsWith("/login?expired");
        page.navigate(base + "/");
        page.waitForSelector("vaadin-login-form");
        assertThat(page.url()).as("not signed in").endsWith("/login");

        // The station's own login page posts its CSRF token with the form.
        page.locator("vaadin-login-form input[name=username]").fill(USER);
        page.locator("vaadin-login-form input[name=password]").fill(PASSWORD);
        var login = page.waitForResponse(r -> r.url().endsWith("/login") && "POST".equals(r.request().method()),
                () -> page.locator("vaadin-login-form input[name=password]").press("Enter"));
        assertThat(login.request().postData()).contains("_csrf=");
        page.waitForSelector("#on-air");
        assertThat(page.url()).doesNotContain("/login");
        context.close();
    }

    private static void page(HttpServer server, String path, String html) {
        server.createContext(path, exchange -> {
            var body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }
}
