package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.loaxa.testing.Api;
import vn.loaxa.testing.SpringTest;

/**
 * Over real HTTP with TLS off (the default): every kind of answer (pages, the login page, static
 * files, API calls answered and refused, health probes, unknown paths) carries the policy and the
 * other headers, no HSTS (a browser must not be told to insist on HTTPS the station does not
 * serve), and the session cookie is SameSite=Lax and HttpOnly but not Secure.
 */
class SecurityHeadersTest extends SpringTest {

    @LocalServerPort
    int port;

    @Test
    void every_answer_carries_the_policy_and_the_other_headers() throws Exception {
        var api = new Api(port);
        var answers = List.of(
                plain("/login"),
                plain("/"),
                plain("/styles.css"),
                plain("/no-such-page"),
                api.get("/api/status", "admin", ADMIN_PASSWORD),
                api.get("/api/status", null, null),
                api.get("/api/status", "admin", "wrong-password"),
                api.get("/actuator/health/liveness", null, null));
        for (var answer : answers) {
            var what = answer.request().uri().getPath() + " " + answer.statusCode();
            var headers = answer.headers();
            assertThat(headers.firstValue("Content-Security-Policy")).as(what)
                    .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(headers.firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
            assertThat(headers.firstValue("Cross-Origin-Opener-Policy")).as(what).hasValue("same-origin");
            assertThat(headers.firstValue("Strict-Transport-Security")).as(what).isEmpty();
        }
        assertThat(answers).extracting(HttpResponse::statusCode).contains(200, 401);
    }

    @Test
    void the_session_cookie_is_same_site_lax_and_http_only_without_https() throws Exception {
        // The login page starts a session (Vaadin keeps the UI in it).
        var login = plain("/login");
        var cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst();
        assertThat(cookie).as(login.headers().map().toString()).isPresent();
        assertThat(cookie.get()).contains("SameSite=Lax").contains("HttpOnly").doesNotContain("Secure");
    }

    @Test
    void the_content_security_policy_keeps_other_origins_out() {
        var policy = SecurityHeaders.CONTENT_SECURITY_POLICY;
        assertThat(policy).contains("default-src 'self'", "connect-src 'self'", "frame-ancestors 'none'",
                "object-src 'none'", "base-uri 'self'", "form-action 'self'");
        // No wildcard, scheme-wide or remote source anywhere.
        assertThat(policy).doesNotContain("*", "http:", "https:", "ws:", "wss:");
    }

    private HttpResponse<String> plain(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
