package vn.loaxa.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.playout.PlayoutEngine;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.AiredOneOffs;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;

class ScheduleApiTest extends SpringTest {

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    LibraryService library;
    @Autowired
    OneOffService oneOffs;
    @Autowired
    Clock clock;
    @Autowired
    AirLogService airLog;
    @Autowired
    PlayoutEngine engine;
    @TempDir
    Path tmp;

    Api api;
    JsonMapper json = JsonMapper.builder().build();
    @Autowired
    BulletinService bulletins;
    @Autowired
    TopicService topics;
    /** No bulletin's audio: only an admin may air it in a one-off; anyone with an emergency role in an emergency. */
    AudioAsset asset;
    /** An approved bulletin's audio: what an operator may air in a one-off. */
    AudioAsset approvedAsset;
    java.util.Set<Long> oneOffsBefore = java.util.Set.of();

    @BeforeEach
    void setUp() {
        api = new Api(port);
        if (users.find("op").isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> {
                users.create("op", "Cán bộ đài", "operator-pass", EnumSet.of(Role.OPERATOR), false);
                users.create("leader", "Chủ tịch UBND xã", "approver-pass", EnumSet.of(Role.APPROVER), false);
                return users.create("officer", "Cán bộ VH-TT", "reporter-pass", EnumSet.of(Role.REPORTER), false);
            });
        }
        asset = TestAssets.wav(library, tmp, "Thông báo khẩn", 0.5);
        approvedAsset = TestAssets.approved(library, bulletins, topics, tmp, "Thông báo lịch cắt điện", 0.5);
        var now = clock.instant();
        oneOffsBefore = oneOffs.findBetween(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))).stream()
                .map(OneOff::id).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * One-offs due now really play in this shared context: wait until they are logged and off the
     * air, so no later test (some record the sound card) hears them.
     */
    @AfterEach
    void letDueBroadcastsFinish() throws InterruptedException {
        var now = clock.instant();
        var dueKeys = oneOffs.findBetween(now.minus(Duration.ofMinutes(15)), now.plusSeconds(5)).stream()
                .filter(o -> !o.cancelled() && !oneOffsBefore.contains(o.id()))
                .map(o -> "O" + o.id()).toList();
        AiredOneOffs.awaitEnded(airLog, engine, dueKeys, Duration.ofSeconds(30));
    }

    @Test
    void villages_and_programmes_are_json_lists_with_ids() throws Exception {
        var villages = api.get("/api/villages", "officer", "reporter-pass");
        assertThat(villages.statusCode()).isEqualTo(200);
        List<Map<String, Object>> list = json.readValue(villages.body(), List.class);
        assertThat(list).extracting(v -> v.get("name")).contains("Thôn 1", "Thôn 7");
        assertThat(list).allSatisfy(v -> assertThat(v.get("id")).isInstanceOf(Number.class));

        var programmes = api.get("/api/programmes", "officer", "reporter-pass");
        assertThat(programmes.statusCode()).isEqualTo(200);
        assertThat(json.readValue(programmes.body(), List.class)).isInstanceOf(List.class);
    }

    @Test
    void an_operator_schedules_a_one_off_and_gets_its_id_and_key() throws Exception {
        // The station keeps instants to the millisecond.
        var startsAt = clock.instant().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        var response = api.postJson("/api/broadcasts", "op", "operator-pass", """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1, 3], "priority": "PRIORITY"}"""
                .formatted(startsAt, approvedAsset.id()), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Map<String, Object> body = json.readValue(response.body(), Map.class);
        long id = ((Number) body.get("id")).longValue();
        assertThat(body.get("key")).isEqualTo("O" + id);
        assertThat(body.get("title")).isEqualTo("Thông báo lịch cắt điện");
        var stored = oneOffs.require(id);
        assertThat(stored.startsAt()).isEqualTo(startsAt);
        assertThat(stored.priority()).isEqualTo(Priority.PRIORITY);
        assertThat(stored.villageIds()).containsExactly(1L, 3L);
        assertThat(stored.createdBy()).isEqualTo("op");
    }

    @Test
    void a_commune_leader_orders_an_emergency_now_to_every_village() throws Exception {
        var before = clock.instant();
        var response = api.postJson("/api/emergency", "leader", "approver-pass", """
                {"title": "Cảnh báo bão số 3", "assetIds": [%d], "villageIds": [1, 2, 3, 4, 5, 6, 7],
                 "reason": "Công điện của Ban chỉ huy PCTT huyện"}"""
                .formatted(asset.id()), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Map<String, Object> body = json.readValue(response.body(), Map.class);
        var stored = oneOffs.require(((Number) body.get("id")).longValue());
        assertThat(stored.priority()).isEqualTo(Priority.EMERGENCY);
        assertThat(stored.startPolicy()).isEqualTo(StartPolicy.CUT);
        assertThat(stored.startsAt()).isBetween(before, clock.instant());
        assertThat(stored.title()).isEqualTo("Cảnh báo bão số 3");
        assertThat(stored.reason()).isEqualTo("Công điện của Ban chỉ huy PCTT huyện");
        assertThat(body.get("reason")).isEqualTo("Công điện của Ban chỉ huy PCTT huyện");
    }

    @Test
    void bad_broadcast_requests_get_400_with_a_clear_reason() throws Exception {
        var soon = clock.instant().plusSeconds(600);
        assertRefused("""
                {"startsAt": "%s", "assetIds": [987654], "villageIds": [1]}""".formatted(soon), "UNKNOWN_ASSET",
                "Không có tệp âm thanh mã 987654");
        assertRefused("""
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [99]}""".formatted(soon, asset.id()),
                "UNKNOWN_VILLAGE", "Không có thôn mã 99");
        assertRefused("""
                {"startsAt": "%s", "assetIds": [], "villageIds": [1]}""".formatted(soon), "NO_ASSETS",
                "Chưa chọn tệp âm thanh");
        assertRefused("""
                {"startsAt": "%s", "assetIds": [%d], "villageIds": []}""".formatted(soon, asset.id()), "NO_VILLAGES",
                "Chưa chọn thôn");
        assertRefused("""
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1]}""".formatted(clock.instant().minusSeconds(11 * 60),
                asset.id()), "IN_THE_PAST", "đã qua quá 10 phút");
        assertRefused("""
                {"assetIds": [%d], "villageIds": [1]}""".formatted(asset.id()), "NO_START", "startsAt");
        assertRefused("{\"startsAt\": \"hôm nay\"}", "BAD_JSON", "Trường \"startsAt\" phải là thời điểm");

        var english = api.postJson("/api/emergency", "op", "operator-pass", "{\"assetIds\": [" + asset.id()
                + "], \"villageIds\": [], \"reason\": \"Lũ quét\"}", "en");
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat((String) json.readValue(english.body(), Map.class).get("error")).isEqualTo("No village chosen to broadcast to.");
    }

    @Test
    void a_one_off_within_the_grace_window_is_accepted() throws Exception {
        var response = api.postJson("/api/broadcasts", "op", "operator-pass", """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [2]}"""
                .formatted(clock.instant().minusSeconds(5 * 60), approvedAsset.id()), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void a_reporter_cannot_schedule_or_order_an_emergency() throws Exception {
        var body = """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1]}""".formatted(clock.instant().plusSeconds(3600), asset.id());
        assertThat(api.postJson("/api/broadcasts", "officer", "reporter-pass", body, null).statusCode()).isEqualTo(403);
        var emergency = """
                {"assetIds": [%d], "villageIds": [1]}""".formatted(asset.id());
        assertThat(api.postJson("/api/emergency", "officer", "reporter-pass", emergency, null).statusCode()).isEqualTo(403);
        assertThat(api.postJson("/api/broadcasts", "leader", "approver-pass", body, null).statusCode()).isEqualTo(403);
    }

    private void assertRefused(String body, String code, String message) throws Exception {
        var response = api.postJson("/api/broadcasts", "op", "operator-pass", body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        Map<String, Object> error = json.readValue(response.body(), Map.class);
        assertThat(error.get("code")).isEqualTo(code);
        assertThat((String) error.get("error")).contains(message);
    }
}
