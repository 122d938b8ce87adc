package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

/**
 * A page on another site must not ride the station's HTTP Basic login held by the browser: the
 * multipart upload and the schedule import that answered 201 and 200 from any origin now answer
 * 403 CROSS_ORIGIN and store nothing; the station's own pages, scripts and tokens go on working.
 */
class CrossOriginTest extends SpringTest {

    static final String ADMIN = "xo.admin";
    static final String PASSWORD = "xo-pass-2026";
    static final String EVIL = "https://evil.example";
    private static final AtomicInteger TONE = new AtomicInteger();
    /** Would rename the station if it were applied. */
    static final String SCHEDULE = """
            station:
              commune: Gio Sơn
              name: Đài đã bị giả mạo
            """;

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @TempDir
    Path tmp;

    Http http;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void account() {
        http = new Http(port);
        if (users.find(ADMIN).isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create(ADMIN, ADMIN, PASSWORD, EnumSet.of(Role.ADMIN), false));
        }
    }

    @Test
    void an_upload_from_another_site_is_refused_and_stores_nothing() throws Exception {
        int assets = libraryCount();
        var audioFiles = audioFiles();
        for (var headers : List.of(
                Map.of("Origin", EVIL),
                Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Origin", EVIL, "Sec-Fetch-Site", "cross-site"),
                // same host, another port: the same site, another origin
                Map.of("Origin", "http://localhost:" + (port + 1), "Sec-Fetch-Site", "same-site"),
                Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Origin", "null"),
                Map.of("Origin", "https://localhost:" + port))) {
            var call = http.post("/api/library").basic(ADMIN, PASSWORD).file("ban-tin.wav", wav());
            headers.forEach(call::header);
            var response = call.send();
            assertThat(response.statusCode()).as(headers + ": " + response.body()).isEqualTo(403);
            var body = map(response);
            assertThat(body).containsEntry("code", "CROSS_ORIGIN").containsKeys("error", "detail");
            assertThat((String) body.get("error")).contains("trang web khác");
        }
        assertThat(libraryCount()).as("no asset").isEqualTo(assets);
        assertThat(audioFiles()).as("no file").isEqualTo(audioFiles);
    }

    @Test
    void a_schedule_import_from_another_site_is_refused_and_changes_nothing() throws Exception {
        var before = http.get("/api/schedules/export").basic(ADMIN, PASSWORD).send().body();
        for (var headers : List.of(Map.of("Origin", EVIL), Map.of("Sec-Fetch-Site", "cross-site"))) {
            var call = http.post("/api/schedules/import").basic(ADMIN, PASSWORD)
                    .file("lich.yaml", SCHEDULE.getBytes(StandardCharsets.UTF_8));
            headers.forEach(call::header);
            var response = call.send();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(map(response)).containsEntry("code", "CROSS_ORIGIN");
        }
        var after = http.get("/api/schedules/export").basic(ADMIN, PASSWORD).send().body();
        assertThat(after).isEqualTo(before).doesNotContain("giả mạo");

        // The same import from the station's own page, or from a script, is accepted (previewed only).
        var own = http.post("/api/schedules/import?dryRun=true").basic(ADMIN, PASSWORD)
                .file("lich.yaml", SCHEDULE.getBytes(StandardCharsets.UTF_8))
                .header("Origin", http.base()).header("Sec-Fetch-Site", "same-origin").send();
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).as("the refused file would have renamed the station").contains("giả mạo");
        var script = http.post("/api/schedules/import?dryRun=true").basic(ADMIN, PASSWORD)
                .file("lich.yaml", SCHEDULE.getBytes(StandardCharsets.UTF_8)).send();
        assertThat(script.statusCode()).as(script.body()).isEqualTo(200);
    }

    @Test
    void same_origin_headerless_and_token_calls_pass_and_reads_are_untouched() throws Exception {
        var sameOrigin = http.post("/api/library").basic(ADMIN, PASSWORD).file("a.wav", wav())
                .header("Origin", http.base()).header("Sec-Fetch-Site", "same-origin").send();
        assertThat(sameOrigin.statusCode()).as(sameOrigin.body()).isEqualTo(201);
        // Host names compare without case, and the default port may be written or not.
        var upperCase = http.post("/api/library").basic(ADMIN, PASSWORD).file("b.wav", wav())
                .header("Origin", "http://LOCALHOST:" + port).send();
        assertThat(upperCase.statusCode()).as(upperCase.body()).isEqualTo(201);
        var script = http.post("/api/library").basic(ADMIN, PASSWORD).file("c.wav", wav()).send();
        assertThat(script.statusCode()).as(script.body()).isEqualTo(201);

        // A browser never sends a token by itself (a cross-site page cannot set Authorization without
        // a CORS preflight the station never grants), so token calls are not judged by origin.
        var token = (String) map(http.post("/api/tokens").basic(ADMIN, PASSWORD)
                .json("{\"name\": \"xo\", \"scopes\": [\"schedule\"]}").send()).get("token");
        var withToken = http.post("/api/library").bearer(token).file("d.wav", wav()).header("Origin", EVIL)
                .header("Sec-Fetch-Site", "cross-site").send();
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);

        // Reading is not changing anything: a GET answers whatever its origin.
        var read = http.get("/api/library").basic(ADMIN, PASSWORD).header("Origin", EVIL)
                .header("Sec-Fetch-Site", "cross-site").send();
        assertThat(read.statusCode()).isEqualTo(200);

        // Every state-changing method is judged, before any password check.
        for (var call : List.of(http.put("/api/villages/1").json("{}"), http.delete("/api/tokens/1"),
                http.post("/api/broadcasts").json("{}"))) {
            var refused = call.basic(ADMIN, "wrong-password").header("Origin", EVIL).send();
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(map(refused)).containsEntry("code", "CROSS_ORIGIN");
        }
    }

    @Test
    void origins_compare_by_scheme_host_and_port() {
        var request = new MockHttpServletRequest("POST", "/api/library");
        request.setScheme("http");
        request.setServerName("192.168.1.20");
        request.setServerPort(8080);
        assertThat(SameOriginWrites.sameOrigin("http://192.168.1.20:8080", request)).isTrue();
        assertThat(SameOriginWrites.sameOrigin("https://192.168.1.20:8080", request)).isFalse();
        assertThat(SameOriginWrites.sameOrigin("http://192.168.1.20", request)).isFalse();
        assertThat(SameOriginWrites.sameOrigin("http://192.168.1.21:8080", request)).isFalse();
        assertThat(SameOriginWrites.sameOrigin("http://192.168.1.20:8080/evil", request)).isFalse();
        assertThat(SameOriginWrites.sameOrigin("null", request)).isFalse();
        assertThat(SameOriginWrites.sameOrigin("http://user@192.168.1.20:8080", request)).isTrue();

        var https = new MockHttpServletRequest("POST", "/api/library");
        https.setScheme("https");
        https.setServerName("dai-gioson.local");
        https.setServerPort(443);
        assertThat(SameOriginWrites.sameOrigin("https://Dai-GioSon.local", https)).isTrue();
        assertThat(SameOriginWrites.sameOrigin("https://dai-gioson.local:443", https)).isTrue();
        assertThat(SameOriginWrites.sameOrigin("http://dai-gioson.local", https)).isFalse();

        var ipv6 = new MockHttpServletRequest("POST", "/api/library");
        ipv6.setServerName("[::1]");
        ipv6.setServerPort(8080);
        assertThat(SameOriginWrites.sameOrigin("http://[::1]:8080", ipv6)).isTrue();
    }

    private int libraryCount() throws Exception {
        return json.readValue(http.get("/api/library").basic(ADMIN, PASSWORD).send().body(), List.class).size();
    }

    private List<Path> audioFiles() throws Exception {
        var folder = ROOT.resolve("audio");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private byte[] wav() throws Exception {
        int n = TONE.incrementAndGet();
        return Files.readAllBytes(Wavs.write16(tmp.resolve("x" + n + ".wav"), 8_000, 1,
                Wavs.sine(8_000, 1, 1.0, 2000 + 11 * n, 0.4)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(HttpResponse<String> response) {
        return json.readValue(response.body(), Map.class);
    }
}
