package vn.loaxa.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

class LibraryApiTest extends SpringTest {

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @TempDir
    Path tmp;

    Api api;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        api = new Api(port);
        if (users.find("vhtt").isEmpty()) {
            RunAs.run("admin", "ADMIN",
                    () -> users.create("vhtt", "Cán bộ VH-TT", "reporter-pass", EnumSet.of(Role.REPORTER), false));
        }
    }

    @Test
    void the_api_needs_credentials() throws Exception {
        var anonymous = api.get("/api/library", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(json.readValue(anonymous.body(), Map.class)).containsKey("error");
        assertThat(api.get("/api/library", "admin", "wrong-password").statusCode()).isEqualTo(401);
    }

    @Test
    void an_operator_uploads_a_wav_and_gets_its_figures_then_finds_it_in_the_list() throws Exception {
        var wav = Files.readAllBytes(Wavs.write16(tmp.resolve("t.wav"), 48_000, 1, Wavs.sine(48_000, 1, 2.0, 1000, 0.5)));

        var created = api.upload("/api/library", "admin", ADMIN_PASSWORD, "Thông báo họp thôn.wav", wav,
                "Thông báo họp thôn 3", null);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<?, ?> asset = json.readValue(created.body(), Map.class);
        assertThat(asset.get("title")).isEqualTo("Thông báo họp thôn 3");
        assertThat(asset.get("durationMs")).isEqualTo(2000);
        assertThat(asset.get("sampleRate")).isEqualTo(48_000);
        assertThat(asset.get("channels")).isEqualTo(1);
        assertThat((String) asset.get("sha256")).hasSize(64);
        assertThat(asset.get("id")).isInstanceOf(Number.class);

        var again = api.upload("/api/library", "admin", ADMIN_PASSWORD, "copy.wav", wav, null, null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readValue(again.body(), Map.class).get("id")).isEqualTo(asset.get("id"));

        var list = api.get("/api/library", "vhtt", "reporter-pass");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Thông báo họp thôn 3");
    }

    @Test
    void a_reporter_may_not_upload() throws Exception {
        var wav = Files.readAllBytes(Wavs.write16(tmp.resolve("r.wav"), 44_100, 1, Wavs.sine(44_100, 1, 0.5, 200, 0.5)));
        var response = api.upload("/api/library", "vhtt", "reporter-pass", "r.wav", wav, null, null);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json.readValue(response.body(), Map.class)).containsKey("error");
    }

    @Test
    void bad_uploads_get_a_4xx_with_the_reason_in_vietnamese_or_english() throws Exception {
        var text = "Kính gửi bà con thôn 5".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var vi = api.upload("/api/library", "admin", ADMIN_PASSWORD, "bantin.mp3", text, null, null);
        assertThat(vi.statusCode()).isEqualTo(415);
        Map<?, ?> body = json.readValue(vi.body(), Map.class);
        assertThat(body.get("code")).isEqualTo("NOT_AUDIO");
        assertThat((String) body.get("error")).contains("không phải tệp âm thanh");

        var en = api.upload("/api/library", "admin", ADMIN_PASSWORD, "empty.wav", new byte[0], null, "en");
        assertThat(en.statusCode()).isEqualTo(422);
        assertThat((String) json.readValue(en.body(), Map.class).get("error")).contains("empty");

        var huge = api.upload("/api/library", "admin", ADMIN_PASSWORD, "huge.wav", new byte[3 * 1024 * 1024], null, null);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json.readValue(huge.body(), Map.class).get("code")).isEqualTo("TOO_LARGE");
    }
}
