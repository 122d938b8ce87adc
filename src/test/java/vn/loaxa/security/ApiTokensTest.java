package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.base.WriteGate;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

/** API tokens over real HTTP against the real SQLite file: create, use, scopes, expiry, revoke, last use. */
class ApiTokensTest extends SpringTest {

    static final String ADMIN = "tok.admin";
    static final String OPERATOR = "tok.op";
    static final String OTHER = "tok.op2";
    static final String PASSWORD = "tok-pass-2026";
    private static final AtomicInteger TONE = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WriteGate gate;
    @TempDir
    Path tmp;

    Http http;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void accounts() {
        http = new Http(port);
        // Accounts of this test's own, with no forced password change, so each call is about tokens only.
        for (var user : Map.of(ADMIN, Role.ADMIN, OPERATOR, Role.OPERATOR, OTHER, Role.OPERATOR).entrySet()) {
            if (users.find(user.getKey()).isEmpty()) {
                RunAs.run("admin", "ADMIN", () -> users.create(user.getKey(), user.getKey(), PASSWORD, EnumSet.of(user.getValue()), false));
            }
        }
    }

    @Test
    void a_token_is_shown_once_stored_as_a_hash_works_and_stops_working_when_revoked() throws Exception {
        var created = http.post("/api/tokens").basic(OPERATOR, PASSWORD)
                .json("{\"name\": \"Máy giám sát\", \"scopes\": [\"read\"]}").send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var body = map(created);
        var secret = (String) body.get("token");
        assertThat(secret).matches("lx_[A-Za-z0-9_-]{43}");
        assertThat(body).containsEntry("name", "Máy giám sát").containsEntry("user", OPERATOR)
                .containsEntry("scopes", List.of("read")).containsEntry("state", "ACTIVE")
                .containsEntry("createdBy", OPERATOR).containsEntry("hint", secret.substring(0, 7));
        // Default lifetime: 90 days.
        var expires = Instant.parse((String) body.get("expiresAt"));
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofDays(90).minusMinutes(5),
                Duration.ofDays(90));
        long id = ((Number) body.get("id")).longValue();

        // Only its SHA-256 is stored; neither the secret nor its random part is anywhere in the row.
        var row = jdbc.sql("SELECT * FROM api_token WHERE id = ?").param(id).query().singleRow();
        assertThat(row.get("token_hash")).isEqualTo(ApiTokenService.sha256(secret));
        assertThat(row.values().toString()).doesNotContain(secret).doesNotContain(secret.substring(10, 30));
        // Listed later without it.
        var list = http.get("/api/tokens").basic(OPERATOR, PASSWORD).send();
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Máy giám sát").doesNotContain(secret).doesNotContain("\"token\"");

        var status = http.get("/api/status").bearer(secret).send();
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(status.body()).contains("\"output\"");

        var revoked = http.delete("/api/tokens/" + id).basic(OPERATOR, PASSWORD).send();
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(map(revoked)).containsEntry("state", "REVOKED").containsEntry("revokedBy", OPERATOR);
        var refused = http.get("/api/status").bearer(secret).send();
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(map(refused)).containsEntry("code", "TOKEN_INVALID").containsKey("detail");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Bearer").contains("invalid_token"));
        // The row stays, revoked, for the record; revoking again keeps the first revocation.
        var again = http.delete("/api/tokens/" + id).basic(ADMIN, PASSWORD).send();
        assertThat(map(again)).containsEntry("state", "REVOKED").containsEntry("revokedBy", OPERATOR);
        assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE id = ?").param(id).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void a_token_acts_within_its_scopes_and_its_owners_roles() throws Exception {
        var read = token(OPERATOR, "[\"read\"]");
        var schedule = token(OPERATOR, "[\"schedule\", \"report\"]");
        int before = libraryCount();

        // read: the station's state, nothing that changes it
        assertThat(http.get("/api/library").bearer(read).send().statusCode()).isEqualTo(200);
        assertThat(http.get("/api/airlog").bearer(read).send().statusCode()).isEqualTo(200);
        assertThat(http.get("/api/villages").bearer(read).send().statusCode()).isEqualTo(200);
        var upload = http.post("/api/library").bearer(read).file("a.wav", wav()).send();
        assertScope(upload, "schedule");
        assertThat(libraryCount()).as("nothing stored").isEqualTo(before);
        assertScope(http.post("/api/broadcasts").bearer(read).json("{}").send(), "schedule");
        assertScope(http.get("/api/reports").bearer(read).send(), "report");
        assertScope(http.get("/api/airlog.csv").bearer(read).send(), "report");
        assertScope(http.post("/api/emergency").bearer(schedule).json("{}").send(), "emergency");
        assertScope(http.get("/api/settings/switching").bearer(schedule).send(), "admin");

        // schedule: an upload works, recorded under the token's owner
        var uploaded = http.post("/api/library").bearer(schedule).file("b.wav", wav()).send();
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        assertThat(map(uploaded)).containsEntry("importedBy", OPERATOR);
        assertScope(http.get("/api/status").bearer(schedule).send(), "read");

        // The scope is there but the owner's role is not: an operator's token gets no report.
        var denied = http.get("/api/reports").bearer(schedule).send();
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(map(denied)).containsEntry("code", "FORBIDDEN");

        // An admin's token with the admin scope reaches admin calls; without it, not.
        var admin = token(ADMIN, "[\"admin\", \"read\"]");
        assertThat(http.get("/api/settings/switching").bearer(admin).send().statusCode()).isEqualTo(200);
        assertThat(http.get("/api/users").bearer(admin).send().statusCode()).isEqualTo(200);
        var adminRead = token(ADMIN, "[\"read\"]");
        assertScope(http.get("/api/settings/switching").bearer(adminRead).send(), "admin");
        assertScope(http.get("/api/tokens?user=" + OPERATOR).bearer(adminRead).send(), "admin");
        assertThat(http.get("/api/tokens?user=" + OPERATOR).bearer(admin).send().statusCode()).isEqualTo(200);

        // No token mints a token, whatever its scopes: only a password login creates one.
        var minted = http.post("/api/tokens").bearer(admin).json("{\"name\": \"x\", \"scopes\": [\"admin\"]}").send();
        assertThat(minted.statusCode()).isEqualTo(403);
        assertThat(map(minted)).containsEntry("code", "TOKEN_SCOPE");
        assertThat((String) map(minted).get("detail")).contains("password");
    }

    @Test
    void unknown_malformed_expired_and_revoked_tokens_get_the_same_401() throws Exception {
        var expired = token(OPERATOR, "[\"read\"]");
        long id = idOf(expired);
        transactions.executeWithoutResult(s -> jdbc.sql("UPDATE api_token SET expires_at = ? WHERE id = ?")
                .params(Instant.now().minusSeconds(1).toString(), id).update());
        var revoked = token(OPERATOR, "[\"read\"]");
        http.delete("/api/tokens/" + idOf(revoked)).basic(OPERATOR, PASSWORD).send();
        var unknown = "lx_" + "A".repeat(43);

        Map<String, Object> first = null;
        for (var presented : List.of(expired, revoked, unknown, "lx_short", "not-a-token")) {
            var response = http.get("/api/library").bearer(presented).send();
            assertThat(response.statusCode()).as(presented).isEqualTo(401);
            var body = map(response);
            assertThat(body).containsEntry("code", "TOKEN_INVALID");
            if (first == null) {
                first = body;
            }
            assertThat(body).as("the same answer for every reason").isEqualTo(first);
        }
        var english = http.get("/api/library").bearer(unknown).header("Accept-Language", "en").send();
        assertThat(map(english)).containsEntry("error", "The API token is invalid, expired or revoked.")
                .containsEntry("code", "TOKEN_INVALID");
        // Every call with a token is judged by the token alone, whatever the call.
        assertThat(http.get("/api/tokens").bearer(unknown).send().statusCode()).isEqualTo(401);
        // The expired token is listed as such.
        assertThat(http.get("/api/tokens").basic(OPERATOR, PASSWORD).send().body())
                .contains("\"id\":" + id).contains("EXPIRED");
    }

    @Test
    void expiry_is_required_bounded_and_never_only_for_a_service_account() throws Exception {
        assertBad(create(OPERATOR, "\"expiresInDays\": 0"), "BAD_EXPIRY");
        assertBad(create(OPERATOR, "\"expiresInDays\": 731"), "BAD_EXPIRY");
        assertBad(create(OPERATOR, "\"expiresAt\": \"2020-01-01T00:00:00+07:00\""), "BAD_EXPIRY");
        assertBad(create(OPERATOR, "\"expiresAt\": \"next week\""), "BAD_EXPIRY");
        assertBad(create(OPERATOR, "\"expiresInDays\": 30, \"expiresAt\": \"2027-01-01\""), "BAD_EXPIRY");
        assertBad(create(OPERATOR, "\"neverExpires\": true"), "NEVER_EXPIRES_NOT_ALLOWED");
        assertBad(create(ADMIN, "\"neverExpires\": true"), "NEVER_EXPIRES_NOT_ALLOWED");
        assertBad(http.post("/api/tokens").basic(OPERATOR, PASSWORD).json("{\"name\": \"x\", \"scopes\": [\"all\"]}")
                .send(), "BAD_SCOPE");
        assertBad(http.post("/api/tokens").basic(OPERATOR, PASSWORD).json("{\"name\": \"x\", \"scopes\": []}")
                .send(), "BAD_SCOPE");
        assertBad(http.post("/api/tokens").basic(OPERATOR, PASSWORD).json("{\"name\": \" \", \"scopes\": [\"read\"]}")
                .send(), "BAD_TOKEN_NAME");

        var lastDay = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(730);
        var twoYears = create(OPERATOR, "\"expiresAt\": \"" + lastDay + "\"");
        assertThat(twoYears.statusCode()).as(twoYears.body()).isEqualTo(201);
        // A date is the last day it works: it expires when that day ends in the station's zone.
        assertThat(map(twoYears).get("expiresAt")).isEqualTo(lastDay.plusDays(1)
                .atStartOfDay(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toInstant().toString());
        var tooFar = create(OPERATOR, "\"expiresAt\": \"" + lastDay.plusDays(1) + "\"");
        assertBad(tooFar, "BAD_EXPIRY");
        var week = create(OPERATOR, "\"expiresInDays\": 7");
        assertThat(Duration.between(Instant.now(), Instant.parse((String) map(week).get("expiresAt"))))
                .isBetween(Duration.ofDays(7).minusMinutes(5), Duration.ofDays(7));
    }

    @Test
    void a_user_sees_and_revokes_only_their_own_tokens() throws Exception {
        var mine = token(OPERATOR, "[\"read\"]");
        long id = idOf(mine);

        assertThat(http.get("/api/tokens").basic(OTHER, PASSWORD).send().body()).doesNotContain("\"id\":" + id + ",");
        var peek = http.get("/api/tokens?user=" + OPERATOR).basic(OTHER, PASSWORD).send();
        assertThat(peek.statusCode()).isEqualTo(403);
        var steal = http.delete("/api/tokens/" + id).basic(OTHER, PASSWORD).send();
        assertThat(steal.statusCode()).isEqualTo(404);
        assertThat(map(steal)).containsEntry("code", "TOKEN_NOT_FOUND");
        var nothing = http.delete("/api/tokens/987654321").basic(OTHER, PASSWORD).send();
        // Someone else's token and no token at all look alike.
        assertThat(map(nothing).get("error")).isEqualTo(map(steal).get("error"));
        assertThat(map(nothing).get("code")).isEqualTo(map(steal).get("code"));
        assertThat(nothing.statusCode()).isEqualTo(404);
        assertThat(http.get("/api/library").bearer(mine).send().statusCode()).as("still works").isEqualTo(200);
        // Another person's token is not the admin's to create either.
        assertBad(http.post("/api/tokens").basic(ADMIN, PASSWORD)
                .json("{\"name\": \"x\", \"scopes\": [\"read\"], \"user\": \"" + OPERATOR + "\"}").send(),
                "NOT_A_SERVICE_ACCOUNT");

        // An admin sees it and revokes it.
        assertThat(http.get("/api/tokens?user=" + OPERATOR).basic(ADMIN, PASSWORD).send().body())
                .contains("\"id\":" + id + ",");
        var revoked = http.delete("/api/tokens/" + id).basic(ADMIN, PASSWORD).send();
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(map(revoked)).containsEntry("revokedBy", ADMIN);
        assertThat(http.get("/api/library").bearer(mine).send().statusCode()).isEqualTo(401);
    }

    @Test
    void a_service_account_has_no_password_login_and_acts_only_through_its_tokens() throws Exception {
        var name = "nguon.tin." + System.nanoTime() % 100_000;
        var created = http.post("/api/users").basic(ADMIN, PASSWORD).json("{\"username\": \"" + name
                + "\", \"displayName\": \"Hệ thống nguồn tin tỉnh\", \"roles\": [\"OPERATOR\"], \"kind\": \"SERVICE\"}").send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(map(created)).containsEntry("kind", "SERVICE").containsEntry("mustChangePassword", false);
        assertBad(http.post("/api/users").basic(ADMIN, PASSWORD).json("{\"username\": \"" + name
                + "x\", \"roles\": [\"OPERATOR\"], \"kind\": \"SERVICE\", \"password\": \"mat-khau-dai-1\"}").send(),
                "SERVICE_ACCOUNT");
        assertThat(http.post("/api/users").basic(OPERATOR, PASSWORD).json("{\"username\": \"z\", \"roles\": "
                + "[\"ADMIN\"], \"kind\": \"SERVICE\"}").send().statusCode()).as("admins only").isEqualTo(403);

        // No password opens it: not even the stored hash's own input, which nobody knows.
        assertThat(http.get("/api/status").basic(name, "").send().statusCode()).isEqualTo(401);
        assertThat(http.get("/api/status").basic(name, PASSWORD).send().statusCode()).isEqualTo(401);
        var account = users.find(name).orElseThrow();
        assertThat(account.service()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> users.loadUserByUsername(name))
                .isInstanceOf(org.springframework.security.core.userdetails.UsernameNotFoundException.class);

        // Its token comes from an admin, and may be made never to expire.
        var forService = http.post("/api/tokens").basic(ADMIN, PASSWORD).json("{\"name\": \"Nguồn tin tỉnh\", "
                + "\"scopes\": [\"read\", \"schedule\"], \"neverExpires\": true, \"user\": \"" + name + "\"}").send();
        assertThat(forService.statusCode()).as(forService.body()).isEqualTo(201);
        assertThat(map(forService)).containsEntry("user", name).containsEntry("createdBy", ADMIN)
                .containsEntry("expiresAt", null);
        var secret = (String) map(forService).get("token");
        var upload = http.post("/api/library").bearer(secret).file("nguon-tin.wav", wav()).send();
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        assertThat(map(upload)).containsEntry("importedBy", name);
        // Not by anyone else.
        assertThat(http.post("/api/tokens").basic(OPERATOR, PASSWORD).json("{\"name\": \"x\", \"scopes\": "
                + "[\"read\"], \"user\": \"" + name + "\"}").send().statusCode()).isEqualTo(403);

        // Disabling the account stops its tokens at once.
        transactions.executeWithoutResult(s -> jdbc.sql("UPDATE app_user SET enabled = 0 WHERE id = ?")
                .param(account.id()).update());
        assertThat(http.get("/api/status").bearer(secret).send().statusCode()).isEqualTo(401);
    }

    @Test
    void the_last_use_is_written_once_a_minute_outside_the_request_and_never_delays_it() throws Exception {
        var secret = token(OPERATOR, "[\"read\"]");
        long id = idOf(secret);
        assertThat(lastUsed(id)).isNull();

        // The database's write gate is held by someone else for 3 s: the call does not wait for it.
        var held = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = Thread.ofPlatform().start(() -> {
            try {
                gate.enter(false, Duration.ofSeconds(5));
                held.countDown();
                release.await();
                gate.leave();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        held.await();
        long started = System.nanoTime();
        var first = http.get("/api/library").bearer(secret).send();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(tookMs).as("answered while the write lock was held").isLessThan(1_500);
        Thread.sleep(500);
        assertThat(lastUsed(id)).as("not written while the gate is held").isNull();
        release.countDown();
        holder.join();

        var written = waitForLastUse(id);
        assertThat(written.get("last_used_from")).isEqualTo("127.0.0.1");
        var firstAt = Instant.parse((String) written.get("last_used_at"));

        // A second use within the minute is not written again, but the list shows it.
        Thread.sleep(20);
        assertThat(http.get("/api/library").bearer(secret).send().statusCode()).isEqualTo(200);
        Thread.sleep(1_500);
        assertThat(Instant.parse((String) lastUsedRow(id).get("last_used_at"))).isEqualTo(firstAt);
        var listed = ((List<?>) json.readValue(http.get("/api/tokens").basic(OPERATOR, PASSWORD).send().body(), List.class))
                .stream().map(t -> (Map<?, ?>) t).filter(t -> ((Number) t.get("id")).longValue() == id).findFirst()
                .orElseThrow();
        assertThat(Instant.parse((String) listed.get("lastUsedAt"))).isAfter(firstAt);
        assertThat(listed.get("lastUsedFrom")).isEqualTo("127.0.0.1");
    }

    // ---- helpers

    private HttpResponse<String> create(String user, String expiry) throws Exception {
        return http.post("/api/tokens").basic(user, PASSWORD)
                .json("{\"name\": \"Tập lệnh\", \"scopes\": [\"read\"], " + expiry + "}").send();
    }

    private String token(String user, String scopes) throws Exception {
        var response = http.post("/api/tokens").basic(user, PASSWORD)
                .json("{\"name\": \"Khoá thử\", \"scopes\": " + scopes + ", \"expiresInDays\": 30}").send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) map(response).get("token");
    }

    private long idOf(String secret) {
        return jdbc.sql("SELECT id FROM api_token WHERE token_hash = ?").param(ApiTokenService.sha256(secret))
                .query(Long.class).single();
    }

    private Object lastUsed(long id) {
        return lastUsedRow(id).get("last_used_at");
    }

    private Map<String, Object> lastUsedRow(long id) {
        return jdbc.sql("SELECT last_used_at, last_used_from FROM api_token WHERE id = ?").param(id).query().singleRow();
    }

    private Map<String, Object> waitForLastUse(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var row = lastUsedRow(id);
            if (row.get("last_used_at") != null) {
                return row;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the last use was never written");
    }

    private void assertScope(HttpResponse<String> response, String scope) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        var body = map(response);
        assertThat(body).containsEntry("code", "TOKEN_SCOPE");
        assertThat((String) body.get("error")).contains("\"" + scope + "\"");
        assertThat((String) body.get("detail")).contains(scope);
    }

    private void assertBad(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(map(response)).containsEntry("code", code);
    }

    private int libraryCount() throws Exception {
        return json.readValue(http.get("/api/library").basic(ADMIN, PASSWORD).send().body(), List.class).size();
    }

    private byte[] wav() throws Exception {
        int n = TONE.incrementAndGet();
        return Files.readAllBytes(Wavs.write16(tmp.resolve("t" + n + ".wav"), 8_000, 1,
                Wavs.sine(8_000, 1, 1.0, 300 + 7 * n, 0.4)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(HttpResponse<String> response) {
        return json.readValue(response.body(), Map.class);
    }
}
