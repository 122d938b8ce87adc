package vn.loaxa.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.AiredOneOffs;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;

/**
 * Who may air what, over the API: a one-off airs an approved bulletin unless an admin orders it;
 * an emergency needs one of the roles the station's settings name, and a reason, which stays with
 * the broadcast and appears in the report's list of emergencies.
 */
class OneOffRulesApiTest extends SpringTest {

    private static final String OP = "dai.van.hanh";
    private static final String OP_PASSWORD = "van-hanh-dai-2026";
    private static final String LEADER = "chu.tich.xa";
    private static final String LEADER_PASSWORD = "chu-tich-duyet-2026";
    private static final String OFFICER = "cong.chuc.vhtt";
    private static final String OFFICER_PASSWORD = "van-hoa-thong-tin-2026";

    @LocalServerPort int port;
    @Autowired UserService users;
    @Autowired LibraryService library;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @Autowired OneOffService oneOffs;
    @Autowired StationSettings settings;
    @Autowired EmergencyRights rights;
    @Autowired AirLogService airLog;
    @Autowired PlayoutEngine engine;
    @Autowired Clock clock;
    @TempDir Path tmp;

    Api api;
    final JsonMapper json = JsonMapper.builder().build();
    AudioAsset unapproved;
    AudioAsset approved;
    Set<Long> oneOffsBefore;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        RunAs.run("admin", "ADMIN", () -> {
            if (users.find(OP).isEmpty()) {
                users.create(OP, "Cán bộ đài", OP_PASSWORD, EnumSet.of(Role.OPERATOR), false);
                users.create(LEADER, "Chủ tịch UBND xã", LEADER_PASSWORD, EnumSet.of(Role.APPROVER), false);
                users.create(OFFICER, "Công chức VH-TT", OFFICER_PASSWORD, EnumSet.of(Role.REPORTER), false);
            }
            return null;
        });
        unapproved = TestAssets.wav(library, tmp, "Ghi âm chưa duyệt", 0.4);
        approved = TestAssets.approved(library, bulletins, topics, tmp, "Bản tin đã duyệt", 0.4);
        oneOffsBefore = ids();
    }

    /** Emergencies play at once in this shared context: let them finish and reset the settings. */
    @AfterEach
    void letThemPlayAndResetSettings() throws InterruptedException {
        RunAs.run("admin", "ADMIN", () -> {
            settings.resetToDefault(EmergencyRights.EMERGENCY_ROLES);
            return null;
        });
        var now = clock.instant();
        var due = oneOffs.findBetween(now.minus(Duration.ofMinutes(15)), now.plusSeconds(5)).stream()
                .filter(o -> !o.cancelled() && !oneOffsBefore.contains(o.id())).map(OneOff::key).toList();
        AiredOneOffs.awaitEnded(airLog, engine, due, Duration.ofSeconds(30));
    }

    @Test
    void an_operator_airs_only_approved_bulletins_in_a_one_off_and_an_admin_any_audio() throws Exception {
        var later = clock.instant().plus(Duration.ofHours(3));
        var refused = post("/api/broadcasts", OP, OP_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1], "priority": "PRIORITY"}"""
                .formatted(later, unapproved.id()), null);
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(403);
        assertThat(refused.body()).containsEntry("code", "UNAPPROVED_AUDIO");
        assertThat((String) refused.body().get("error")).contains("\"Ghi âm chưa duyệt\"")
                .contains("không phải bản tin đã được duyệt").contains("chỉ quản trị viên");
        var english = post("/api/broadcasts", OP, OP_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d, %d], "villageIds": [1]}"""
                .formatted(later, approved.id(), unapproved.id()), "en");
        assertThat(english.status()).isEqualTo(403);
        assertThat((String) english.body().get("error")).contains("only an administrator may schedule audio");
        assertThat(ids()).as("nothing stored").isEqualTo(oneOffsBefore);

        var ok = post("/api/broadcasts", OP, OP_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1], "reason": "Nhắc lại buổi chiều"}"""
                .formatted(later, approved.id()), null);
        assertThat(ok.status()).as(ok.body().toString()).isEqualTo(201);
        assertThat(oneOffs.require(id(ok)).reason()).isEqualTo("Nhắc lại buổi chiều");

        var byAdmin = post("/api/broadcasts", "admin", ADMIN_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1]}""".formatted(later, unapproved.id()), null);
        assertThat(byAdmin.status()).as(byAdmin.body().toString()).isEqualTo(201);
        assertThat(oneOffs.require(id(byAdmin)).reason()).as("optional outside emergencies").isNull();

        // An approval withdrawn is no approval: the same audio is refused again.
        var bulletin = bulletins.findAll().stream().filter(b -> b.assetId() == approved.id()).findFirst().orElseThrow();
        RunAs.run(LEADER, "APPROVER", () -> bulletins.reject(bulletin.id(), "Số liệu cần sửa"));
        var afterWithdrawal = post("/api/broadcasts", OP, OP_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1]}""".formatted(later, approved.id()), null);
        assertThat(afterWithdrawal.status()).isEqualTo(403);
        assertThat(afterWithdrawal.body()).containsEntry("code", "UNAPPROVED_AUDIO");
        oneOffs.findBetween(later, later.plusMillis(1)).forEach(o -> RunAs.run("admin", "ADMIN", () -> {
            oneOffs.cancel(o.id());
            return null;
        }));
    }

    @Test
    void a_one_off_keeps_its_bulletin_and_raw_audio_is_refused_to_anyone_but_an_admin() throws Exception {
        var later = clock.instant().plus(Duration.ofHours(5));
        var bulletin = bulletins.findAll().stream().filter(b -> b.assetId() == approved.id()).findFirst().orElseThrow();
        var draft = RunAs.run(OP, "OPERATOR", () -> bulletins.create(new vn.loaxa.bulletin.Bulletin.Draft(
                unapproved.id(), "Bản tin chờ duyệt", topics.findAll().get(4).id(), "", "",
                LocalDate.now(clock).minusDays(1), null)));

        var byBulletin = post("/api/broadcasts", OP, OP_PASSWORD, """
                {"startsAt": "%s", "bulletinIds": [%d], "villageIds": [1]}""".formatted(later, bulletin.id()), null);
        assertThat(byBulletin.status()).as(byBulletin.body().toString()).isEqualTo(201);
        assertThat(byBulletin.body().get("bulletinIds")).isEqualTo(List.of((int) bulletin.id()));
        assertThat(oneOffs.require(id(byBulletin)).bulletinIds()).containsExactly(bulletin.id());
        assertThat(oneOffs.require(id(byBulletin)).assetIds()).containsExactly(approved.id());

        // Raw audio from an operator, in any door: refused, with the reason, and nothing stored.
        var before = ids();
        var raw = post("/api/broadcasts", OP, OP_PASSWORD, """
                {"startsAt": "%s", "bulletinIds": [%d], "assetIds": [%d], "villageIds": [1]}"""
                .formatted(later, bulletin.id(), unapproved.id()), null);
        assertThat(raw.status()).as(raw.body().toString()).isEqualTo(403);
        assertThat(raw.body()).containsEntry("code", "UNAPPROVED_AUDIO");
        assertThat((String) raw.body().get("error")).contains("chỉ quản trị viên");
        assertThat(RunAs.run(OP, "OPERATOR", () -> {
            try {
                oneOffs.schedule(null, later, List.of(), List.of(unapproved.id()), List.of(1L), Priority.NORMAL, null);
                return "stored";
            } catch (vn.loaxa.base.RefusedException e) {
                return e.code();
            }
        })).as("the service refuses it as well").isEqualTo("UNAPPROVED_AUDIO");
        var notApproved = post("/api/broadcasts", OP, OP_PASSWORD, """
                {"startsAt": "%s", "bulletinIds": [%d], "villageIds": [1]}""".formatted(later, draft.id()), null);
        assertThat(notApproved.status()).isEqualTo(403);
        assertThat(notApproved.body()).containsEntry("code", "UNAPPROVED_BULLETIN");
        assertThat((String) notApproved.body().get("error")).contains("\"Bản tin chờ duyệt\"")
                .contains("chưa được duyệt");
        var unknown = post("/api/broadcasts", OP, OP_PASSWORD, """
                {"startsAt": "%s", "bulletinIds": [987654], "villageIds": [1]}""".formatted(later), null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).containsEntry("code", "UNKNOWN_BULLETIN");
        assertThat(ids()).as("nothing stored").isEqualTo(before);

        // An admin may: the item is raw audio, no bulletin's, and the report will say so.
        var byAdmin = post("/api/broadcasts", "admin", ADMIN_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1]}""".formatted(later, unapproved.id()), null);
        assertThat(byAdmin.status()).as(byAdmin.body().toString()).isEqualTo(201);
        assertThat(oneOffs.require(id(byAdmin)).bulletinIds()).containsExactly((Long) null);
        oneOffs.findBetween(later, later.plusMillis(1)).forEach(o -> RunAs.run("admin", "ADMIN", () -> {
            oneOffs.cancel(o.id());
            return null;
        }));
    }

    @Test
    void an_emergency_needs_a_reason_of_at_most_1000_characters_through_either_door() throws Exception {
        var soon = clock.instant().plus(Duration.ofHours(4));
        var noReason = post("/api/broadcasts", OP, OP_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1], "priority": "EMERGENCY"}"""
                .formatted(soon, approved.id()), null);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).containsEntry("code", "REASON_REQUIRED");
        assertThat((String) noReason.body().get("error")).startsWith("Cần ghi lý do phát khẩn cấp");
        var blank = post("/api/emergency", OP, OP_PASSWORD, """
                {"assetIds": [%d], "villageIds": [1], "reason": "   "}""".formatted(unapproved.id()), null);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).containsEntry("code", "REASON_REQUIRED");
        var missing = post("/api/emergency", OP, OP_PASSWORD, """
                {"assetIds": [%d], "villageIds": [1]}""".formatted(unapproved.id()), "en");
        assertThat(missing.status()).isEqualTo(400);
        assertThat((String) missing.body().get("error")).startsWith("An emergency broadcast needs a reason");
        var tooLong = post("/api/emergency", OP, OP_PASSWORD, """
                {"assetIds": [%d], "villageIds": [1], "reason": "%s"}""".formatted(unapproved.id(), "x".repeat(1001)),
                null);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).containsEntry("code", "REASON_TOO_LONG");
        assertThat((String) tooLong.body().get("error")).contains("1000");
        assertThat(ids()).as("nothing stored").isEqualTo(oneOffsBefore);

        var reason = ("Công điện số 5 của Ban chỉ huy PCTT huyện: " + "mưa lớn ".repeat(200)).substring(0, 999) + ".";
        var scheduled = post("/api/broadcasts", OP, OP_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1], "priority": "EMERGENCY", "reason": "%s"}"""
                .formatted(soon, approved.id(), reason), null);
        assertThat(scheduled.status()).as(scheduled.body().toString()).isEqualTo(201);
        assertThat(scheduled.body()).containsEntry("reason", reason);
        assertThat(oneOffs.require(id(scheduled)).reason()).hasSize(1000);
        RunAs.run("admin", "ADMIN", () -> {
            oneOffs.cancel(id(scheduled));
            return null;
        });
    }

    @Test
    void the_roles_that_may_order_an_emergency_are_a_station_setting() throws Exception {
        var body = """
                {"title": "Cảnh báo lũ", "assetIds": [%d], "villageIds": [1], "reason": "Lũ trên sông Bến Hải"}"""
                .formatted(unapproved.id());
        // Out of the box: the leadership may, with audio nobody approved (a warning cannot wait for that).
        assertThat(rights.emergencyRoles()).containsExactlyInAnyOrder(Role.ADMIN, Role.OPERATOR, Role.APPROVER);
        var byLeader = post("/api/emergency", LEADER, LEADER_PASSWORD, body, null);
        assertThat(byLeader.status()).as(byLeader.body().toString()).isEqualTo(201);
        assertThat(oneOffs.require(id(byLeader)).createdBy()).isEqualTo(LEADER);
        var byOfficer = post("/api/emergency", OFFICER, OFFICER_PASSWORD, body, null);
        assertThat(byOfficer.status()).isEqualTo(403);
        assertThat(byOfficer.body()).containsEntry("code", "FORBIDDEN");
        assertThat((String) byOfficer.body().get("error")).contains("không được ra lệnh phát khẩn cấp");

        // A station that keeps emergencies to its admins.
        RunAs.run("admin", "ADMIN", () -> {
            rights.setEmergencyRoles(EnumSet.noneOf(Role.class));
            return null;
        });
        assertThat(rights.emergencyRoles()).as("admins always may").containsExactly(Role.ADMIN);
        var before = ids();
        for (var who : List.of(new String[] {OP, OP_PASSWORD}, new String[] {LEADER, LEADER_PASSWORD})) {
            var refused = post("/api/emergency", who[0], who[1], body, null);
            assertThat(refused.status()).as(who[0]).isEqualTo(403);
            assertThat(refused.body()).containsEntry("code", "FORBIDDEN");
        }
        var viaOneOff = post("/api/broadcasts", OP, OP_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1], "priority": "EMERGENCY", "reason": "Bão"}"""
                .formatted(clock.instant().plus(Duration.ofHours(5)), approved.id()), null);
        assertThat(viaOneOff.status()).isEqualTo(403);
        assertThat(ids()).isEqualTo(before);
        assertThat(post("/api/emergency", "admin", ADMIN_PASSWORD, body, null).status()).isEqualTo(201);

        // ... or that hands them to the VH&TT officer too.
        RunAs.run("admin", "ADMIN", () -> {
            rights.setEmergencyRoles(EnumSet.of(Role.REPORTER));
            return null;
        });
        assertThat(post("/api/emergency", OFFICER, OFFICER_PASSWORD, body, null).status()).isEqualTo(201);
        assertThat(post("/api/emergency", OP, OP_PASSWORD, body, null).status()).isEqualTo(403);
    }

    @Test
    void the_reason_stays_with_the_emergency_and_is_listed_in_the_report() throws Exception {
        var reason = "Lệnh sơ tán dân vùng trũng của UBND xã";
        var ordered = post("/api/emergency", OP, OP_PASSWORD, """
                {"title": "Sơ tán khẩn cấp", "assetIds": [%d], "villageIds": [1, 2], "reason": "%s"}"""
                .formatted(unapproved.id(), reason), null);
        assertThat(ordered.status()).as(ordered.body().toString()).isEqualTo(201);
        var key = (String) ordered.body().get("key");
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (airLog.loggedKeys(List.of(key)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(airLog.loggedKeys(List.of(key))).as("the emergency reached the air log").isNotEmpty();

        var today = LocalDate.now(clock);
        var report = api.get("/api/reports?from=" + today + "&to=" + today, "admin", ADMIN_PASSWORD);
        assertThat(report.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var emergencies = (List<Map<String, Object>>) json.readValue(report.body(), Map.class).get("emergencies");
        assertThat(emergencies).filteredOn(e -> key.equals(e.get("occurrenceKey"))).singleElement()
                .satisfies(e -> {
                    assertThat(e.get("orderReason")).isEqualTo(reason);
                    assertThat(e.get("triggeredBy")).isEqualTo(OP);
                    assertThat(e.get("title")).isEqualTo("Sơ tán khẩn cấp");
                });
    }

    private record Answer(int status, Map<String, Object> body) {
    }

    @SuppressWarnings("unchecked")
    private Answer post(String path, String user, String password, String body, String language) throws Exception {
        var response = api.postJson(path, user, password, body, language);
        return new Answer(response.statusCode(), json.readValue(response.body(), Map.class));
    }

    private static long id(Answer created) {
        return ((Number) created.body().get("id")).longValue();
    }

    private Set<Long> ids() {
        var now = clock.instant();
        return oneOffs.findBetween(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2))).stream()
                .map(OneOff::id).collect(Collectors.toSet());
    }
}
