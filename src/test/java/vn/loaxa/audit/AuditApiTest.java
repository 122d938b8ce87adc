package vn.loaxa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.audit.AuditRecords.Entry;
import vn.loaxa.audit.AuditRecords.Via;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.FormLogin;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

/** Reading the trail over HTTP, its CSV and the evidence bundle; and what gets a row, and what never does. */
class AuditApiTest extends SpringTest {

    static final String REPORTER = "audit-reporter";
    static final String OPERATOR = "audit-operator";
    static final String PASSWORD = "Audit-api-test-2026-y";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditTrail trail;
    @Autowired
    UserService users;
    @Autowired
    TopicService topics;
    @Autowired
    BulletinService bulletins;
    @Autowired
    Clock clock;

    Api api;
    String today;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        AuditCoverageTest.ensureUser(users, REPORTER, PASSWORD, Role.REPORTER);
        AuditCoverageTest.ensureUser(users, OPERATOR, PASSWORD, Role.OPERATOR);
        today = DAY.format(LocalDate.now(clock));
    }

    private JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(response.body());
    }

    private List<Map<String, Object>> rowsAfter(long seq) {
        return jdbc.sql("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq").param(seq).query().listOfRows();
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_log").query(Long.class).single();
    }

    @Test
    void a_reporter_filters_and_pages_the_trail_by_dates_person_action_and_target() throws Exception {
        var actor = "loc" + System.nanoTime();
        for (int i = 1; i <= 5; i++) {
            trail.append(new Entry(actor, i <= 3 ? "BULLETIN_APPROVED" : "PROGRAMME_UPDATED", "BULLETIN",
                    Integer.toString(i), "Bản tin số " + i + " về dịch vụ công", null, "10.0.0." + i, Via.UI));
        }
        var base = "/api/audit?from=" + today + "&to=" + today + "&actor=" + actor;

        var all = json(api.get(base, REPORTER, PASSWORD));
        assertThat(all.get("total").asLong()).isEqualTo(5);
        var approved = json(api.get(base + "&action=BULLETIN_APPROVED&size=2", REPORTER, PASSWORD));
        assertThat(approved.get("total").asLong()).isEqualTo(3);
        assertThat(approved.get("rows")).hasSize(2);
        assertThat(approved.get("rows").get(0).get("targetId").asString()).isEqualTo("1");
        var second = json(api.get(base + "&action=BULLETIN_APPROVED&size=2&page=1", REPORTER, PASSWORD));
        assertThat(second.get("rows")).hasSize(1);
        assertThat(second.get("rows").get(0).get("targetId").asString()).isEqualTo("3");
        var byName = json(api.get(base + "&target=" + URLEncoder.encode("số 4", StandardCharsets.UTF_8),
                REPORTER, PASSWORD));
        assertThat(byName.get("total").asLong()).isEqualTo(1);
        var row = byName.get("rows").get(0);
        assertThat(row.get("action").asString()).isEqualTo("PROGRAMME_UPDATED");
        assertThat(row.get("clientAddress").asString()).isEqualTo("10.0.0.4");
        assertThat(row.get("via").asString()).isEqualTo("UI");
        assertThat(row.get("hash").asString()).hasSize(64);
        // ISO dates work as for /api/airlog, and yesterday holds none of today's rows.
        var iso = LocalDate.now(clock);
        assertThat(json(api.get("/api/audit?from=" + iso + "&to=" + iso + "&actor=" + actor, REPORTER, PASSWORD))
                .get("total").asLong()).isEqualTo(5);
        var yesterday = DAY.format(iso.minusDays(1));
        assertThat(json(api.get("/api/audit?from=" + yesterday + "&to=" + yesterday + "&actor=" + actor, "admin",
                ADMIN_PASSWORD)).get("total").asLong()).isZero();
    }

    @Test
    void bad_paging_and_dates_are_refused_with_the_reason_and_only_admins_and_reporters_read() throws Exception {
        var big = api.get("/api/audit?size=1001", REPORTER, PASSWORD);
        assertThat(big.statusCode()).isEqualTo(400);
        assertThat(big.body()).contains("\"code\":\"BAD_PAGE\"");
        var date = api.get("/api/audit?from=31/02/2026", REPORTER, PASSWORD, "vi");
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(date.body()).contains("\"code\":\"BAD_DATE\"", "dd/MM/yyyy");
        assertThat(api.get("/api/audit?from=02/03/99999", REPORTER, PASSWORD).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/audit?from=02/03/2026&to=01/03/2026", REPORTER, PASSWORD).statusCode())
                .isEqualTo(400);
        for (var path : List.of("/api/audit", "/api/audit.csv", "/api/audit/verify")) {
            assertThat(api.get(path, OPERATOR, PASSWORD).statusCode()).as(path).isEqualTo(403);
            assertThat(api.get(path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(api.get(path, REPORTER, PASSWORD).statusCode()).as(path).isEqualTo(200);
            assertThat(api.get(path, "admin", ADMIN_PASSWORD).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void the_csv_has_a_byte_order_mark_vietnamese_headers_and_the_actions_in_words() throws Exception {
        var actor = "csv" + System.nanoTime();
        trail.append(new Entry(actor, "BULLETIN_APPROVED", "BULLETIN", "7", "Bản tin, có dấu phẩy",
                "{\"changes\":{\"state\":{\"from\":\"SUBMITTED\",\"to\":\"APPROVED\"}}}", "10.1.1.1", Via.API));

        var csv = api.getBytes("/api/audit.csv?from=" + today + "&to=" + today + "&actor=" + actor, REPORTER,
                PASSWORD);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("nhat-ky-thao-tac_");
        var bytes = csv.body();
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        var records = CSVFormat.EXCEL.parse(new java.io.StringReader(
                new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))).getRecords();
        assertThat(records.getFirst().values()).containsExactly("Số dòng", "Thời điểm", "Người thực hiện", "Thao tác",
                "Mã thao tác", "Loại đối tượng", "Mã đối tượng", "Tên đối tượng", "Nội dung thay đổi", "Địa chỉ máy",
                "Qua", "Mã băm dòng trước", "Mã băm dòng");
        assertThat(records).hasSize(2);
        var row = records.get(1).values();
        assertThat(row[1]).startsWith(today + " ");
        assertThat(List.of(row).subList(2, 11)).containsExactly(actor, "Duyệt bản tin", "BULLETIN_APPROVED", "Bản tin",
                "7", "Bản tin, có dấu phẩy", "state: SUBMITTED → APPROVED", "10.1.1.1", "API");
        var english = api.get("/api/audit.csv?actor=" + actor, REPORTER, PASSWORD, "en");
        assertThat(english.body()).startsWith("\uFEFF\"Row\",\"Time\",\"Who\",\"Action\",").contains("Bulletin approved");
    }

    @Test
    void verify_answers_like_the_air_log_and_the_evidence_bundle_holds_the_period_and_its_check() throws Exception {
        var actor = "ev" + System.nanoTime();
        trail.append(new Entry(actor, "SETTING_CHANGED", "SETTING", "officer", "officer",
                "{\"changes\":{\"value\":{\"from\":\"\",\"to\":\"Nguyễn Văn A\"}}}", "10.2.2.2", Via.UI));
        var verify = json(api.get("/api/audit/verify", REPORTER, PASSWORD));
        var check = RunAs.run(REPORTER, "REPORTER", trail::verify);
        assertThat(verify.get("intact").asBoolean()).isTrue();
        assertThat(verify.get("checkedRows").asLong()).isEqualTo(check.checkedRows()).isPositive();
        assertThat(verify.get("firstBadRow").isNull()).isTrue();
        assertThat(verify.get("problem").isNull()).isTrue();
        assertThat(verify.get("headHash").asString()).isEqualTo(check.headHash());

        var iso = LocalDate.now(clock);
        var zip = api.getBytes("/api/evidence?from=" + iso + "&to=" + iso, REPORTER, PASSWORD);
        assertThat(zip.statusCode()).isEqualTo(200);
        var entries = entries(zip.body());
        assertThat(entries).containsKeys("nhat-ky-thao-tac.csv", "kiem-tra-nhat-ky.txt", "SHA256SUMS");
        var auditCsv = new String(entries.get("nhat-ky-thao-tac.csv"), StandardCharsets.UTF_8);
        assertThat(auditCsv).startsWith("\uFEFF\"Số dòng\",").contains("\"" + actor + "\",\"Sửa cài đặt đài\",\"SETTING_CHANGED\"",
                "value:  → Nguyễn Văn A");
        var text = new String(entries.get("kiem-tra-nhat-ky.txt"), StandardCharsets.UTF_8);
        var after = RunAs.run(REPORTER, "REPORTER", trail::verify);
        assertThat(text).contains("Kiểm tra toàn vẹn nhật ký thao tác", "auditIntact=true",
                "auditCheckedRows=" + after.checkedRows(), "auditHeadHash=" + after.headHash());
        assertThat(new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8))
                .contains(sha256(entries.get("nhat-ky-thao-tac.csv")) + "  nhat-ky-thao-tac.csv\n");
        // The bundle of another period holds that period's rows only.
        var yesterday = iso.minusDays(1);
        var earlier = entries(api.getBytes("/api/evidence?from=" + yesterday + "&to=" + yesterday, REPORTER,
                PASSWORD).body());
        assertThat(new String(earlier.get("nhat-ky-thao-tac.csv"), StandardCharsets.UTF_8)).startsWith("\uFEFF\"Số dòng\"")
                .doesNotContain(actor);
    }

    private static Map<String, byte[]> entries(byte[] zip) throws Exception {
        var entries = new HashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static String sha256(byte[] content) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void a_refused_password_is_recorded_with_the_name_typed_and_a_login_through_the_form_too() throws Exception {
        long before = head();
        assertThat(api.get("/api/status", OPERATOR, "wrong-password-1").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/status", "nobody-" + before, "whatever-123").statusCode()).isEqualTo(401);
        var failed = rowsAfter(before);
        assertThat(failed).extracting(r -> r.get("action")).containsOnly("LOGIN_FAILED");
        assertThat(failed).extracting(r -> r.get("actor")).containsExactly(OPERATOR, "nobody-" + before);
        assertThat(failed).allSatisfy(r -> {
            assertThat(r.get("via")).isEqualTo("API");
            assertThat(r.get("client_address")).isEqualTo("127.0.0.1");
            assertThat((String) r.get("details")).contains("BAD_CREDENTIALS").doesNotContain("wrong-password-1",
                    "whatever-123");
        });
        // A successful API call is no login row: every call signs in.
        long beforeCalls = head();
        assertThat(api.get("/api/status", OPERATOR, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(rowsAfter(beforeCalls)).isEmpty();

        var http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        var login = FormLogin.post(http, "http://localhost:" + port, OPERATOR, PASSWORD);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("/login");
        var ok = rowsAfter(beforeCalls);
        assertThat(ok).extracting(r -> r.get("action")).containsExactly("LOGIN_SUCCEEDED");
        assertThat(ok.getFirst().get("actor")).isEqualTo(OPERATOR);
        assertThat(ok.getFirst().get("via")).isEqualTo("UI");
    }

    @Test
    void passwords_are_never_recorded_only_that_they_changed() throws Exception {
        var name = "kiemtra-mk" + System.nanoTime() % 100_000;
        var first = "Mat-khau-dau-tien-91";
        var second = "Mat-khau-thu-hai-92";
        var third = "Mat-khau-thu-ba-93";
        long before = head();
        var created = RunAs.run("admin", "ADMIN", () -> users.create(name, "Cán bộ kiểm tra", first,
                EnumSet.of(Role.OPERATOR), true));
        RunAs.run(name, "OPERATOR", () -> {
            users.changeOwnPassword(first, second);
            return null;
        });
        RunAs.run("admin", "ADMIN", () -> {
            users.resetPassword(created.id(), third);
            return null;
        });
        var mqtt = "mqtt-bi-mat-" + before;
        var switching = api.get("/api/settings/switching", "admin", ADMIN_PASSWORD).body();
        try {
            var changed = api.putJson("/api/settings/switching", "admin", ADMIN_PASSWORD,
                    switching.replace("\"mqttPasswordSet\"", "\"mqttPassword\":\"" + mqtt + "\",\"mqttPasswordSet\""));
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        } finally {
            api.putJson("/api/settings/switching", "admin", ADMIN_PASSWORD,
                    switching.replace("\"mqttPasswordSet\"", "\"mqttPassword\":\"\",\"mqttPasswordSet\""));
        }

        var rows = rowsAfter(before);
        assertThat(rows).extracting(r -> r.get("action")).containsSubsequence("USER_CREATED", "PASSWORD_CHANGED",
                "PASSWORD_RESET", "SWITCHING_SETTINGS_CHANGED", "SWITCHING_SETTINGS_CHANGED");
        var own = rows.stream().filter(r -> "PASSWORD_CHANGED".equals(r.get("action"))).findFirst().orElseThrow();
        assertThat(own.get("actor")).isEqualTo(name);
        assertThat((String) own.get("details")).contains("\"mustChangePassword\":{\"from\":\"true\",\"to\":\"false\"}");
        var reset = rows.stream().filter(r -> "PASSWORD_RESET".equals(r.get("action"))).findFirst().orElseThrow();
        assertThat(reset.get("target_name")).isEqualTo(name);
        var mqttRow = rows.stream().filter(r -> "SWITCHING_SETTINGS_CHANGED".equals(r.get("action"))).findFirst()
                .orElseThrow();
        assertThat((String) mqttRow.get("details")).contains("\"mqtt.password\":{\"from\":\"\",\"to\":\"***\"}");
        // Nowhere in the whole trail, in any column.
        for (var secret : List.of(first, second, third, mqtt)) {
            assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE actor || action || coalesce(target_name, '') "
                    + "|| coalesce(details, '') LIKE ?").param("%" + secret + "%").query(Long.class).single())
                    .as(secret).isZero();
        }
    }

    @Test
    void a_change_and_its_row_commit_together_and_a_refused_change_leaves_none() {
        var topic = RunAs.run("admin", "ADMIN", () -> topics.create("AUD" + System.nanoTime() % 1_000_000,
                "Chủ đề kiểm tra"));
        long before = head();
        // The caller's transaction rolls back after the change: neither it nor its row stays.
        RunAs.run("admin", "ADMIN", () -> transactions.execute(status -> {
            topics.update(topic.id(), "Tên không lưu", false);
            status.setRollbackOnly();
            return null;
        }));
        assertThat(topics.require(topic.id()).name()).isEqualTo("Chủ đề kiểm tra");
        assertThat(rowsAfter(before)).isEmpty();

        assertThatThrownBy(() -> RunAs.run("lanhdao", "APPROVER", () -> bulletins.approve(987_654_321L, "ok")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> RunAs.run("admin", "ADMIN", () -> topics.update(topic.id(), " ", false)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(rowsAfter(before)).isEmpty();

        RunAs.run("admin", "ADMIN", () -> topics.update(topic.id(), "Chủ đề đã đổi tên", true));
        var rows = rowsAfter(before);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).containsEntry("action", "TOPIC_UPDATED").containsEntry("actor", "admin")
                .containsEntry("target_kind", "TOPIC").containsEntry("target_id", Long.toString(topic.id()))
                .containsEntry("target_name", "Chủ đề đã đổi tên");
        assertThat(Snapshots.describe((String) rows.getFirst().get("details")))
                .isEqualTo("name: Chủ đề kiểm tra → Chủ đề đã đổi tên; retired: false → true");
    }

    @Test
    void the_station_itself_writes_no_rows_and_nobody_can_take_its_names() {
        var topic = RunAs.run("admin", "ADMIN", () -> topics.create("SYS" + System.nanoTime() % 1_000_000, "Hệ thống"));
        long before = head();
        RunAs.run("seed", "ADMIN", () -> topics.update(topic.id(), "Nạp lần đầu", false));
        RunAs.run("system", "ADMIN", () -> topics.update(topic.id(), "Hệ thống tự làm", false));
        assertThat(topics.require(topic.id()).name()).isEqualTo("Hệ thống tự làm");
        assertThat(rowsAfter(before)).isEmpty();
        for (var reserved : List.of("system", "Seed")) {
            assertThatThrownBy(() -> RunAs.run("admin", "ADMIN", () -> users.create(reserved, "x",
                    "Mot-mat-khau-dai-1", EnumSet.of(Role.ADMIN), false)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("Reserved");
        }
    }

    @Test
    void an_inner_audited_call_is_a_line_of_the_outer_row_not_a_row_of_its_own() throws Exception {
        long before = head();
        var spoken = api.postJson("/api/tts", "admin", ADMIN_PASSWORD, """
                {"text": "Thông báo lịch tiếp công dân tháng %d.", "title": "Lịch tiếp dân", "voice": "vi"}"""
                .formatted(System.nanoTime() % 1000), null);
        assertThat(spoken.statusCode()).as(spoken.body()).isEqualTo(201);
        var rows = rowsAfter(before);
        assertThat(rows).extracting(r -> r.get("action")).containsExactly("AUDIO_SPOKEN");
        var details = (String) rows.getFirst().get("details");
        assertThat(details).contains("\"voice\":\"vi\"", "Thông báo lịch tiếp công dân",
                "\"included\":[\"AUDIO_IMPORTED ASSET #");
        assertThat(rows.getFirst().get("target_name")).isEqualTo("Lịch tiếp dân");
    }
}
