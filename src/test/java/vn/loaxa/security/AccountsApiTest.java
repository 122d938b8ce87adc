package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

/** The forced password change and the password rules over real HTTP (decision 0014). */
class AccountsApiTest extends SpringTest {

    @LocalServerPort int port;
    @Autowired UserService users;
    @Autowired PasswordEncoder encoder;
    @Autowired JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();
    private Api api;

    @BeforeEach
    void client() throws Exception {
        // A loopback address of its own: the few wrong passwords here are not charged to other tests' 127.0.0.1.
        api = new Api(port, InetAddress.getByName("127.0.0.21"));
    }

    @Test
    void a_new_user_with_a_temporary_password_can_only_change_it_then_the_api_serves_them() throws Exception {
        var name = "moi-api-" + System.nanoTime() % 100_000;
        RunAs.run("admin", "ADMIN", () -> users.create(name, "Cán bộ mới", "tam-thoi-2026", EnumSet.of(Role.OPERATOR),
                true));

        // Every call but the change: reads, writes, an admin-only list, an unknown path.
        for (var path : List.of("/api/status", "/api/library", "/api/security/lockouts", "/api/khong-co")) {
            var refused = api.get(path, name, "tam-thoi-2026");
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            var body = body(refused);
            assertThat(body).as(path).containsEntry("code", "PASSWORD_CHANGE_REQUIRED").containsKey("detail");
            assertThat((String) body.get("error")).contains("phải đổi mật khẩu", "/api/account/password");
        }
        var post = api.postJson("/api/broadcasts", name, "tam-thoi-2026", "{}", "en");
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(body(post)).containsEntry("code", "PASSWORD_CHANGE_REQUIRED");
        assertThat((String) body(post).get("error")).startsWith("This account must change its password first");

        // The change refuses a wrong current password and every weak new one, saying why.
        assertThat(change(name, "tam-thoi-2026", "sai-mat-khau", "loa-xa-thon-3-moi", null))
                .containsEntry("code", "WRONG_PASSWORD").containsEntry("error", "Mật khẩu hiện tại không đúng.");
        assertThat(change(name, "tam-thoi-2026", "tam-thoi-2026", "abcdefghi", null))
                .containsEntry("code", "PASSWORD_TOO_SHORT").containsEntry("error", "Mật khẩu cần ít nhất 10 ký tự.");
        assertThat(change(name, "tam-thoi-2026", "tam-thoi-2026", "12345678", "en"))
                .containsEntry("code", "PASSWORD_TOO_SHORT")
                .containsEntry("error", "A password needs at least 10 characters.");
        assertThat(change(name, "tam-thoi-2026", "tam-thoi-2026", "matkhau123", null))
                .containsEntry("code", "PASSWORD_TOO_COMMON");
        assertThat(change(name, "tam-thoi-2026", "tam-thoi-2026", "Password123", "en"))
                .containsEntry("code", "PASSWORD_TOO_COMMON");
        assertThat(change(name, "tam-thoi-2026", "tam-thoi-2026", name.toUpperCase(), null))
                .containsEntry("code", "PASSWORD_IS_USERNAME")
                .containsEntry("error", "Mật khẩu không được trùng với tên đăng nhập.");
        assertThat(change(name, "tam-thoi-2026", "tam-thoi-2026", "tam-thoi-2026", null))
                .containsEntry("code", "SAME_PASSWORD");
        var missing = api.postJson("/api/account/password", name, "tam-thoi-2026", "{\"currentPassword\": \"x\"}", null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(body(missing)).containsEntry("code", "MISSING_PASSWORD");
        assertThat(users.find(name).orElseThrow().mustChangePassword()).as("nothing changed").isTrue();

        var done = api.postJson("/api/account/password", name, "tam-thoi-2026",
                "{\"currentPassword\": \"tam-thoi-2026\", \"newPassword\": \"loa-xa-thon-3-moi\"}", null);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        assertThat(users.find(name).orElseThrow().mustChangePassword()).isFalse();

        assertThat(api.get("/api/status", name, "tam-thoi-2026").statusCode()).as("the old password").isEqualTo(401);
        var served = api.get("/api/library", name, "loa-xa-thon-3-moi");
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    }

    @Test
    void an_account_whose_password_breaks_the_rules_logs_in_but_must_change_it_first() throws Exception {
        // Set before the rules existed, as the sqlite3 shell or an old version would have left it.
        var name = "cu-" + System.nanoTime() % 100_000;
        var hash = encoder.encode("12345678");
        transactions.executeWithoutResult(s -> {
            jdbc.sql("INSERT INTO app_user (username, display_name, password_hash, must_change_password, created_at) "
                    + "VALUES (?, ?, ?, 0, ?)").params(name, name, hash, Instant.now().toString()).update();
            jdbc.sql("INSERT INTO app_user_role (user_id, role) SELECT id, 'REPORTER' FROM app_user WHERE username = ?")
                    .param(name).update();
        });

        var refused = api.get("/api/airlog/verify", name, "12345678");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(body(refused)).containsEntry("code", "PASSWORD_CHANGE_REQUIRED");
        assertThat(users.find(name).orElseThrow().mustChangePassword()).as("marked, so the web UI asks too").isTrue();

        var done = api.postJson("/api/account/password", name, "12345678",
                "{\"currentPassword\": \"12345678\", \"newPassword\": \"bao-cao-6-thang-2027\"}", null);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        assertThat(api.get("/api/airlog/verify", name, "bao-cao-6-thang-2027").statusCode()).isEqualTo(200);
    }

    @Test
    void only_admins_see_and_lift_login_locks() throws Exception {
        var operator = "op-khoa-" + System.nanoTime() % 100_000;
        RunAs.run("admin", "ADMIN", () -> users.create(operator, "Cán bộ đài", "operator-pass", EnumSet.of(Role.OPERATOR),
                false));
        var list = api.get("/api/security/lockouts", operator, "operator-pass");
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(body(list)).containsEntry("code", "FORBIDDEN");
        assertThat(api.delete("/api/security/lockouts/" + operator, operator, "operator-pass").statusCode()).isEqualTo(403);

        var admin = api.get("/api/security/lockouts", "admin", ADMIN_PASSWORD);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(json.readValue(admin.body(), List.class)).isNotNull();
        var nothing = api.delete("/api/security/lockouts/khong-bi-khoa", "admin", ADMIN_PASSWORD);
        assertThat(nothing.statusCode()).isEqualTo(404);
        assertThat(body(nothing)).containsEntry("code", "NOT_LOCKED");
    }

    private Map<String, Object> change(String user, String authPassword, String current, String fresh, String language)
            throws Exception {
        var response = api.postJson("/api/account/password", user, authPassword,
                json.writeValueAsString(Map.of("currentPassword", current, "newPassword", fresh)), language);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return body(response);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(HttpResponse<String> response) {
        return json.readValue(response.body(), Map.class);
    }
}
