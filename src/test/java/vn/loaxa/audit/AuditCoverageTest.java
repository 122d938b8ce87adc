package vn.loaxa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.EmergencyPreset;
import vn.loaxa.schedule.EmergencyPresetService;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.station.StationSettings;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.Wavs;

/**
 * Every mutating API endpoint (each POST, PUT, DELETE and PATCH mapping under /api that the running
 * application has, found at run time) is called with a request it accepts, and must leave an audit
 * row by the caller, via API. A new endpoint fails this test until a request for it is added to
 * {@link #drivers()} (or it is listed in {@link #ELSEWHERE} with the reason) and it is audited.
 */
class AuditCoverageTest extends SpringTest {

    static final String USER = "audit-admin";
    static final String PASSWORD = "Audit-coverage-2026-x";
    static final String OTHER_PASSWORD = "Audit-coverage-2026-y";

    /** Endpoints proven by another test, and why not here. */
    static final Map<String, String> ELSEWHERE = Map.of(
            "POST /api/output/test-tone", "plays on the sound card: AuditSoundCardTest",
            "POST /api/villages/test", "plays an ident per village on the sound card: AuditSoundCardTest",
            "POST /api/onair/stop", "needs a broadcast on air: OnAirApiTest checks its audit rows",
            "POST /api/onair/skip", "needs a broadcast on air: OnAirApiTest checks its audit rows",
            "POST /api/live", "opens the microphone: LiveSoundCardTest checks its audit rows",
            "POST /api/live/end", "needs a live broadcast: LiveSoundCardTest checks its audit rows");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserService users;
    @Autowired
    LibraryService library;
    @Autowired
    VillageService villages;
    @Autowired
    StationSettings settings;
    @Autowired
    EmergencyPresetService presets;
    @TempDir
    Path tmp;

    Api api;
    AudioAsset asset;
    long village;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        ensureUser(users, USER, PASSWORD, Role.ADMIN);
        asset = RunAs.run(USER, "ADMIN", () -> TestAssets.wav(library, tmp, "Tin kiểm tra nhật ký", 0.5));
        village = villages.findAll().stream().filter(v -> v.enabled()).findFirst().orElseThrow().id();
    }

    static void ensureUser(UserService users, String name, String password, Role role) {
        if (users.find(name).isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create(name, name, password, EnumSet.of(role), false));
        }
    }

    /** The mutating endpoints of the running application, as "POST /api/library". */
    private TreeSet<String> mutatingEndpoints() {
        var found = new TreeSet<String>();
        for (var mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (var info : mapping.getHandlerMethods().keySet()) {
                for (var method : info.getMethodsCondition().getMethods()) {
                    if (EnumSet.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE, RequestMethod.PATCH)
                            .contains(method)) {
                        for (var path : info.getPatternValues()) {
                            if (path.startsWith("/api/")) {
                                found.add(method + " " + path);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** A request each endpoint accepts; each leaves the shared station as it found it where it can. */
    private Map<String, Callable<HttpResponse<String>>> drivers() {
        return Map.ofEntries(
                Map.entry("POST /api/library", () -> {
                    var wav = Wavs.write16(tmp.resolve("upload.wav"), 8_000, 1,
                            Wavs.sine(8_000, 1, 0.4, 300 + (System.nanoTime() % 500), 0.3));
                    return api.upload("/api/library", USER, PASSWORD, "Thông báo kiểm tra.wav",
                            Files.readAllBytes(wav), "Thông báo kiểm tra", null);
                }),
                Map.entry("POST /api/backups", () -> api.postJson("/api/backups", USER, PASSWORD, "", null)),
                Map.entry("POST /api/tts", () -> api.postJson("/api/tts", USER, PASSWORD, """
                        {"text": "Kiểm tra nhật ký thao tác số %d.", "voice": "vi"}""".formatted(System.nanoTime()),
                        null)),
                Map.entry("POST /api/broadcasts", () -> api.postJson("/api/broadcasts", USER, PASSWORD, """
                        {"startsAt": "%s", "assetIds": [%d], "villageIds": [%d], "priority": "NORMAL",
                         "title": "Phát thử nhật ký"}""".formatted(Instant.now().plus(3, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.SECONDS), asset.id(), village), null)),
                Map.entry("POST /api/emergency", () -> api.postJson("/api/emergency", USER, PASSWORD, """
                        {"assetIds": [%d], "villageIds": [%d], "title": "Khẩn cấp thử nhật ký",
                         "reason": "Kiểm tra nhật ký thao tác"}"""
                        .formatted(asset.id(), village), null)),
                Map.entry("POST /api/emergency-presets/{id}/order", () -> {
                    var preset = RunAs.run(USER, "ADMIN", () -> presets.save(null, new EmergencyPreset.Draft(
                            "Thử nhật ký " + System.nanoTime(), EmergencyPreset.Siren.NONE, null, asset.id(), null,
                            List.of(village), 1)));
                    return api.postJson("/api/emergency-presets/" + preset.id() + "/order", USER, PASSWORD, "", null);
                }),
                Map.entry("PUT /api/villages/{id}", () -> {
                    var current = JsonMapper.shared().readTree(api.get("/api/villages/" + village, USER, PASSWORD)
                            .body());
                    var body = JsonMapper.shared().createObjectNode();
                    for (var field : List.of("name", "enabled", "code", "relay", "dtmfOn", "dtmfOff", "mqttTopic")) {
                        body.set(field, current.get(field));
                    }
                    return api.putJson("/api/villages/" + village, USER, PASSWORD, body.toString());
                }),
                Map.entry("PUT /api/settings/switching", () -> api.putJson("/api/settings/switching", USER, PASSWORD,
                        api.get("/api/settings/switching", USER, PASSWORD).body())),
                Map.entry("POST /api/schedules/import", () -> api.upload("/api/schedules/import", USER, PASSWORD,
                        "dai.yaml", """
                        station:
                          commune: %s
                          name: %s
                          time_zone: Asia/Ho_Chi_Minh
                        """.formatted(settings.communeName(), settings.stationName())
                                .getBytes(StandardCharsets.UTF_8), null, null)),
                Map.entry("POST /api/account/password", () -> {
                    // To another password and back, so the shared account keeps the one the tests use.
                    var away = api.postJson("/api/account/password", USER, PASSWORD, """
                            {"currentPassword": "%s", "newPassword": "%s"}""".formatted(PASSWORD, OTHER_PASSWORD), null);
                    if (away.statusCode() / 100 != 2) {
                        return away;
                    }
                    return api.postJson("/api/account/password", USER, OTHER_PASSWORD, """
                            {"currentPassword": "%s", "newPassword": "%s"}""".formatted(OTHER_PASSWORD, PASSWORD), null);
                }),
                Map.entry("POST /api/tokens", () -> api.postJson("/api/tokens", USER, PASSWORD, """
                        {"name": "Kiểm tra nhật ký %d", "scopes": ["read"], "expiresInDays": 1}"""
                        .formatted(System.nanoTime()), null)),
                Map.entry("DELETE /api/tokens/{id}", () -> {
                    var created = api.postJson("/api/tokens", USER, PASSWORD, """
                            {"name": "Thu hồi thử %d", "scopes": ["read"], "expiresInDays": 1}"""
                            .formatted(System.nanoTime()), null);
                    var id = JsonMapper.shared().readTree(created.body()).get("id").asLong();
                    return api.delete("/api/tokens/" + id, USER, PASSWORD);
                }),
                Map.entry("POST /api/users", () -> api.postJson("/api/users", USER, PASSWORD, """
                        {"username": "dich-vu-%d", "kind": "SERVICE", "roles": ["OPERATOR"]}"""
                        .formatted(System.nanoTime() % 1_000_000_000L), null)),
                Map.entry("DELETE /api/security/lockouts/{username}", () -> {
                    // From an address of its own, so the failures slow down no other test's logins.
                    var name = "khong-co-" + System.nanoTime();
                    var stranger = new Api(port, InetAddress.getByName("127.0.0.71"));
                    for (int i = 0; i < 5; i++) {
                        stranger.get("/api/status", name, "sai-mat-khau-" + i);
                    }
                    return api.delete("/api/security/lockouts/" + name, USER, PASSWORD);
                }),
                Map.entry("DELETE /api/security/lockouts", () -> {
                    var stranger = new Api(port, InetAddress.getByName("127.0.0.72"));
                    for (int i = 0; i < 10; i++) {
                        stranger.get("/api/status", "khach-" + i + "-" + System.nanoTime(), "sai-mat-khau");
                    }
                    return api.delete("/api/security/lockouts?address=127.0.0.72", USER, PASSWORD);
                }));
    }

    @Test
    void every_mutating_api_endpoint_leaves_an_audit_row_by_its_caller_via_the_api() throws Exception {
        var endpoints = mutatingEndpoints();
        assertThat(endpoints).as("the scan finds the endpoints").contains("POST /api/library", "PUT /api/villages/{id}");
        var drivers = drivers();
        var problems = new ArrayList<String>();
        for (var listed : ELSEWHERE.keySet()) {
            if (!endpoints.contains(listed)) {
                problems.add(listed + ": listed in ELSEWHERE but the application has no such endpoint");
            }
        }
        for (var endpoint : endpoints) {
            if (ELSEWHERE.containsKey(endpoint)) {
                continue;
            }
            var driver = drivers.get(endpoint);
            if (driver == null) {
                problems.add(endpoint + ": no request drives it here; add one to AuditCoverageTest.drivers() "
                        + "(or list it in ELSEWHERE with the reason), and audit it (@Audited on its service method)");
                continue;
            }
            long before = head();
            var response = driver.call();
            if (response.statusCode() / 100 != 2) {
                problems.add(endpoint + ": the test's request was refused (" + response.statusCode() + " "
                        + response.body() + "), so it proves nothing; fix the request in AuditCoverageTest");
                continue;
            }
            var rows = rowsAfter(before);
            if (rows.isEmpty()) {
                problems.add(endpoint + " answered " + response.statusCode() + " but left no audit row");
            } else if (rows.stream().noneMatch(r -> USER.equals(r.get("actor")) && "API".equals(r.get("via")))) {
                problems.add(endpoint + " left " + rows + " but no row by " + USER + " via API");
            }
        }
        assertThat(problems).withFailMessage("Mutating endpoints without an audit row:%n  %s",
                String.join("\n  ", problems)).isEmpty();
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_log").query(Long.class).single();
    }

    private List<Map<String, Object>> rowsAfter(long seq) {
        return jdbc.sql("SELECT seq, actor, action, via, target_kind, target_name FROM audit_log WHERE seq > ? "
                + "ORDER BY seq").param(seq).query().listOfRows();
    }
}
