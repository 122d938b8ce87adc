package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;

/**
 * Brute force over real HTTP against a station whose throttle runs on short durations (delays of
 * 1-2 s, a 4 s lock instead of 15 min): the same code, the same counts, seconds instead of
 * minutes. Each test comes from a loopback address of its own, so the per-address counts of one
 * test do not reach into another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginThrottlingTest {

    static final Path ROOT;
    static final String ADMIN_PASSWORD = "throttling-test-admin";
    static final Duration LOCK = Duration.ofSeconds(4);

    static {
        try {
            ROOT = Files.createTempDirectory("loaxa-throttle-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void station(DynamicPropertyRegistry registry) {
        registry.add("loaxa.station.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("loaxa.library.audio-dir", () -> ROOT.resolve("audio").toString());
        registry.add("LOAXA_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("loaxa.schedules.load-on-first-start", () -> "false");
        registry.add("loaxa.playout.enabled", () -> "false");
        registry.add("loaxa.security.login.first-delay", () -> "1s");
        registry.add("loaxa.security.login.max-delay", () -> "2s");
        registry.add("loaxa.security.login.lock-for", () -> LOCK.toMillis() + "ms");
    }

    @LocalServerPort int port;
    @Autowired UserService users;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void accounts() {
        RunAs.run("admin", "ADMIN", () -> {
            if (users.find("admin").orElseThrow().mustChangePassword()) {
                users.changePassword("admin", ADMIN_PASSWORD);
            }
            for (var name : List.of("thu-api", "thu-form", "thu-dia-chi", "thu-ten")) {
                if (users.find(name).isEmpty()) {
                    users.create(name, name, name + "-dung-roi", EnumSet.of(Role.OPERATOR), false);
                }
            }
            return null;
        });
    }

    @Test
    void fifty_wrong_passwords_by_api_then_the_right_one_is_refused_with_429_until_the_lock_ends() throws Exception {
        var api = from("127.0.0.31");
        var answers = new ArrayList<Integer>();
        long lockedAt = 0;
        for (int i = 0; i < 50; i++) {
            var r = api.get("/api/status", "thu-api", "sai-mat-khau-" + i);
            answers.add(r.statusCode());
            if (r.statusCode() == 429) {
                assertThrottled(r);
                // A polite client waits as told, until the lock; then it keeps hammering.
                if (answers.stream().filter(s -> s == 401).count() < 10) {
                    Thread.sleep(Duration.ofSeconds(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())));
                }
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
                if (answers.stream().filter(s -> s == 401).count() == 10) {
                    lockedAt = System.nanoTime();
                }
            }
        }
        assertThat(answers.subList(0, 5)).as("five free tries").containsOnly(401);
        assertThat(answers.stream().filter(s -> s == 401).count()).as("only ten passwords were ever checked")
                .isEqualTo(10);
        assertThat(answers.subList(answers.size() - 20, answers.size())).containsOnly(429);

        // The right password during the lock: refused, with the time left.
        var refused = api.get("/api/status", "thu-api", "thu-api-dung-roi");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThrottled(refused);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, LOCK.toSeconds());
        assertThat((String) body(refused).get("error")).startsWith("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau")
                .endsWith("giây.");

        HttpResponse<String> served;
        do {
            Thread.sleep(250);
            served = api.get("/api/status", "thu-api", "thu-api-dung-roi");
            assertThat(served.statusCode()).isIn(200, 429);
        } while (served.statusCode() == 429 && System.nanoTime() - lockedAt < Duration.ofSeconds(20).toNanos());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - lockedAt)).as("held for the lock, loosely")
                .isGreaterThan(LOCK.minusMillis(1500));
    }

    @Test
    void the_login_form_is_throttled_and_says_how_long_to_wait() throws Exception {
        var browser = new Browser("127.0.0.32");
        for (int i = 0; i < 5; i++) {
            assertThat(browser.login("thu-form", "sai-mat-khau")).endsWith("/login?error");
        }
        var throttled = browser.login("thu-form", "sai-mat-khau");
        assertThat(throttled).matches(".*/login\\?throttled=1$");
        assertThat(browser.login("thu-form", "thu-form-dung-roi")).as("the right password must wait too")
                .contains("/login?throttled=");
        assertThat(browser.get(throttled.substring(throttled.indexOf("/login"))).statusCode()).isEqualTo(200);

        Thread.sleep(1000);
        var in = browser.login("thu-form", "thu-form-dung-roi");
        assertThat(in).doesNotContain("/login");
    }

    @Test
    void one_address_trying_many_names_is_held_back_even_with_a_right_password_and_an_admin_lifts_it()
            throws Exception {
        var guesser = from("127.0.0.33");
        for (int i = 0; i < 10; i++) {
            assertThat(guesser.get("/api/status", "khach-" + i, "sai-mat-khau").statusCode()).isEqualTo(401);
        }
        var held = guesser.get("/api/status", "thu-dia-chi", "thu-dia-chi-dung-roi");
        assertThat(held.statusCode()).isEqualTo(429);
        assertThrottled(held);
        // The account itself is not charged: from another computer it works.
        assertThat(from("127.0.0.34").get("/api/status", "thu-dia-chi", "thu-dia-chi-dung-roi").statusCode())
                .isEqualTo(200);

        int checked = 10;
        for (int i = 10; checked < 20 && i < 60; i++) {
            var r = guesser.get("/api/status", "khach-" + i, "sai-mat-khau");
            if (r.statusCode() == 429) {
                Thread.sleep(Duration.ofSeconds(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())));
            } else {
                assertThat(r.statusCode()).isEqualTo(401);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(20);
        var admin = from("127.0.0.34");
        var lockouts = admin.get("/api/security/lockouts", "admin", ADMIN_PASSWORD);
        assertThat(lockouts.statusCode()).isEqualTo(200);
        List<?> rows = json.readValue(lockouts.body(), List.class);
        assertThat(rows).anySatisfy(row -> {
            @SuppressWarnings("unchecked") var r = (Map<String, Object>) row;
            assertThat(r).containsEntry("kind", "ADDRESS").containsEntry("key", "127.0.0.33")
                    .containsEntry("failures", 20);
            assertThat(r.get("lockedUntil")).as("locked").isNotNull();
            assertThat((String) r.get("lastSeen")).as("the name last tried there").startsWith("khach-");
        });
        assertThat(guesser.get("/api/status", "thu-dia-chi", "thu-dia-chi-dung-roi").statusCode()).isEqualTo(429);

        assertThat(admin.delete("/api/security/lockouts?address=127.0.0.33", "admin", ADMIN_PASSWORD).statusCode())
                .isEqualTo(204);
        assertThat(guesser.get("/api/status", "thu-dia-chi", "thu-dia-chi-dung-roi").statusCode()).isEqualTo(200);
    }

    @Test
    void a_name_that_does_not_exist_gets_the_same_answers_in_similar_time() throws Exception {
        var known = from("127.0.0.35");
        var unknown = from("127.0.0.36");
        var knownTimes = new ArrayList<Long>();
        var unknownTimes = new ArrayList<Long>();
        HttpResponse<String> a = null;
        HttpResponse<String> b = null;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            a = known.get("/api/status", "thu-ten", "sai-mat-khau");
            long t1 = System.nanoTime();
            b = unknown.get("/api/status", "khong-ton-tai-" + "thu-ten", "sai-mat-khau");
            long t2 = System.nanoTime();
            knownTimes.add(t1 - t0);
            unknownTimes.add(t2 - t1);
            assertThat(a.statusCode()).isEqualTo(401);
            assertThat(b.statusCode()).isEqualTo(401);
            assertThat(a.body()).isEqualTo(b.body());
            assertThat(a.headers().firstValue("WWW-Authenticate")).isEqualTo(b.headers().firstValue("WWW-Authenticate"));
        }
        long knownMedian = median(knownTimes);
        long unknownMedian = median(unknownTimes);
        assertThat(Math.abs(knownMedian - unknownMedian)).as("known %d ms, unknown %d ms", knownMedian / 1_000_000,
                unknownMedian / 1_000_000).isLessThan(Math.max(Duration.ofMillis(150).toNanos(),
                Math.max(knownMedian, unknownMedian) / 2));

        // Both are now held back, alike.
        a = known.get("/api/status", "thu-ten", "thu-ten-dung-roi");
        b = unknown.get("/api/status", "khong-ton-tai-thu-ten", "sai-mat-khau");
        assertThat(a.statusCode()).isEqualTo(429);
        assertThat(b.statusCode()).isEqualTo(429);
        assertThat(body(a).get("code")).isEqualTo(body(b).get("code")).isEqualTo("LOGIN_THROTTLED");
        assertThat(a.headers().firstValue("Retry-After")).isEqualTo(b.headers().firstValue("Retry-After"));
    }

    private void assertThrottled(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(body(r)).containsEntry("code", "LOGIN_THROTTLED").containsKeys("error", "detail");
        assertThat(r.headers().firstValue("WWW-Authenticate")).as("no challenge: the browser must not ask again").isEmpty();
    }

    private Api from(String address) throws Exception {
        return new Api(port, InetAddress.getByName(address));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(HttpResponse<String> response) {
        return json.readValue(response.body(), Map.class);
    }

    private static long median(List<Long> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * The login form as a browser posts it: the page first (its session cookie, and its CSRF token
     * when the page carries one), then the form fields.
     */
    private final class Browser {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
        private final HttpClient http;

        Browser(String address) throws Exception {
            http = HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Posts the form; where it sends the browser next. */
        String login(String username, String password) throws Exception {
            var page = get("/login");
            var form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8);
            var token = CSRF.matcher(page.body());
            if (token.find()) {
                form += "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
            }
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
            return response.headers().firstValue("Location").orElseThrow();
        }
    }
}
