package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.loaxa.security.ui.LoginView;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

class WebSecurityTest extends SpringTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void the_login_page_and_static_styles_are_open() throws Exception {
        var login = get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).as("the station's own login page, not Spring's generated one")
                .contains("Loa Xã").doesNotContain("Please sign in");
        assertThat(get("/styles.css").statusCode()).isEqualTo(200);
    }

    @Test
    void a_wrong_password_on_the_login_page_goes_back_to_it_with_the_error() throws Exception {
        var browser = new Browser();
        var response = browser.login("admin", "not-the-password", browser.csrfFromLoginPage());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }

    @Test
    void the_login_page_carries_a_csrf_token_and_a_login_with_it_works() throws Exception {
        ensureUser(PERSON, false);
        var browser = new Browser();
        var csrf = browser.csrfFromLoginPage();
        assertThat(csrf.parameter()).isEqualTo("_csrf");
        var response = browser.login(PERSON, PASSWORD, csrf);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).doesNotContain("/login"));
        assertThat(browser.get("/").statusCode()).as("signed in").isEqualTo(200);
    }

    /**
     * Login CSRF: a page elsewhere that posts the attacker's own name and password to /login would
     * leave the victim's browser signed in as the attacker (whose "bulletins" the victim then uploads).
     * Without the login page's token, in this browser's session, the station does not sign anyone in.
     */
    @Test
    void a_login_without_a_valid_csrf_token_is_refused() throws Exception {
        ensureUser(PERSON, false);
        var victim = new Browser();
        var refused = victim.login(PERSON, PASSWORD, null);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).endsWith("/login?" + LoginView.EXPIRED));
        assertThat(victim.get("/").statusCode()).as("not signed in").isIn(302, 303);

        // A token the attacker fetched in a session of their own is no good in the victim's.
        var attacker = new Browser();
        var attackersToken = attacker.csrfFromLoginPage();
        victim.csrfFromLoginPage();
        var forged = victim.login(PERSON, PASSWORD, attackersToken);
        assertThat(forged.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).endsWith("/login?" + LoginView.EXPIRED));
        assertThat(victim.get("/").statusCode()).as("still not signed in").isIn(302, 303);

        // The page it lands on says why, and the next attempt from it works.
        assertThat(victim.get("/login?" + LoginView.EXPIRED).statusCode()).isEqualTo(200);
        var again = victim.login(PERSON, PASSWORD, victim.csrfFromLoginPage());
        assertThat(again.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("/login"));
    }

    @Test
    void a_service_account_cannot_log_in_on_the_login_page() throws Exception {
        var name = "giam.sat." + System.nanoTime() % 100_000;
        // Made as an admin would, over the API (no test-only security context involved).
        if (users.find(ADMIN).isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create(ADMIN, ADMIN, PASSWORD, EnumSet.of(Role.ADMIN), false));
        }
        var created = new vn.loaxa.testing.Api(port).postJson("/api/users", ADMIN, PASSWORD, "{\"username\": \""
                + name + "\", \"roles\": [\"REPORTER\"], \"kind\": \"SERVICE\"}", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var browser = new Browser();
        var response = browser.login(name, PASSWORD, browser.csrfFromLoginPage());
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(browser.get("/").statusCode()).isIn(302, 303);
    }

    @Test
    void every_view_sends_an_anonymous_visitor_to_the_login_page() throws Exception {
        for (var path : new String[] {"/", "/library"}) {
            var response = get(path);
            assertThat(response.statusCode()).as(path).isIn(302, 303);
            assertThat(response.headers().firstValue("Location")).as(path)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }

    static final String PERSON = "web.user";
    static final String ADMIN = "web.admin";
    static final String PASSWORD = "web-pass-2026";

    @Autowired
    UserService users;

    private void ensureUser(String name, boolean mustChange) {
        if (users.find(name).isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create(name, name, PASSWORD, EnumSet.of(Role.OPERATOR), mustChange));
        }
    }

    record Csrf(String parameter, String token) {
    }

    /** A client that keeps its cookies, as a browser tab does. */
    final class Browser {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** The token Vaadin writes into the login page's head, which its login form posts back. */
        Csrf csrfFromLoginPage() throws Exception {
            var page = get("/login");
            assertThat(page.statusCode()).isEqualTo(200);
            var token = META.matcher(page.body()).results().collect(java.util.stream.Collectors.toMap(
                    m -> m.group(1), m -> m.group(2)));
            assertThat(token).as("the login page's CSRF meta tags").containsKeys("_csrf", "_csrf_parameter");
            return new Csrf(token.get("_csrf_parameter"), token.get("_csrf"));
        }

        HttpResponse<String> login(String user, String password, Csrf csrf) throws Exception {
            var form = "username=" + encode(user) + "&password=" + encode(password)
                    + (csrf == null ? "" : "&" + encode(csrf.parameter()) + "=" + encode(csrf.token()));
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static final Pattern META = Pattern.compile("<meta name=\"(_csrf(?:_parameter)?)\" content=\"([^\"]*)\"");

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
