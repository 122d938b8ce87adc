package vn.loaxa.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;

/**
 * Strict input over real HTTP (decision 0017): JSON read as written, every string, list, date and
 * number bounded before any database work, and every error {@code {"error", "code", "detail"}}
 * without a Java class, package or internal message in it.
 */
class StrictInputApiTest extends SpringTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    LibraryService library;
    @Autowired
    Clock clock;
    @TempDir
    Path tmp;

    Api api;
    AudioAsset asset;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        if (users.find("strict-op").isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create("strict-op", "Cán bộ đài", "operator-pass", EnumSet.of(Role.OPERATOR), false));
            RunAs.run("admin", "ADMIN", () -> users.create("strict-reader", "Cán bộ VH-TT", "reporter-pass", EnumSet.of(Role.REPORTER), false));
        }
        asset = TestAssets.wav(library, tmp, "Thông báo tiêm phòng", 0.3);
    }

    // --- JSON read as written ---------------------------------------------------------------------

    static Stream<Arguments> notAsWritten() {
        return Stream.of(
                Arguments.of("unknown field", "{\"startsAt\": \"%s\", \"assetIds\": [%d], \"villageIds\": [1], "
                        + "\"repeat\": true}", "repeat"),
                Arguments.of("string for a number", "{\"startsAt\": \"%s\", \"assetIds\": [\"%d\"], \"villageIds\": [1]}",
                        "assetIds[0]"),
                Arguments.of("number for a string", "{\"title\": 5, \"startsAt\": \"%s\", \"assetIds\": [%d], "
                        + "\"villageIds\": [1]}", "title"),
                Arguments.of("number for a choice", "{\"startsAt\": \"%s\", \"assetIds\": [%d], \"villageIds\": [1], "
                        + "\"priority\": 2}", "priority"),
                Arguments.of("choice in other letters", "{\"startsAt\": \"%s\", \"assetIds\": [%d], \"villageIds\": [1], "
                        + "\"priority\": \"normal\"}", "priority"),
                Arguments.of("empty string for a choice", "{\"startsAt\": \"%s\", \"assetIds\": [%d], "
                        + "\"villageIds\": [1], \"priority\": \"\"}", "priority"),
                Arguments.of("a single value for a list", "{\"startsAt\": \"%s\", \"assetIds\": %d, \"villageIds\": [1]}",
                        "assetIds"),
                Arguments.of("a fraction for a whole number", "{\"startsAt\": \"%s\", \"assetIds\": [%d], "
                        + "\"villageIds\": [1.5]}", "villageIds[0]"),
                Arguments.of("1.0 for a whole number", "{\"startsAt\": \"%s\", \"assetIds\": [%d], "
                        + "\"villageIds\": [1.0]}", "villageIds[0]"),
                Arguments.of("a string for a boolean elsewhere", "{\"startsAt\": \"%s\", \"assetIds\": [%d], "
                        + "\"villageIds\": \"1\"}", "villageIds"),
                Arguments.of("a key twice", "{\"startsAt\": \"%s\", \"assetIds\": [%d], \"villageIds\": [1], "
                        + "\"villageIds\": [2]}", "villageIds"),
                Arguments.of("something after the value", "{\"startsAt\": \"%s\", \"assetIds\": [%d], "
                        + "\"villageIds\": [1]} {}", ""),
                Arguments.of("not JSON", "{\"startsAt\": \"%s\", \"assetIds\": [%d], villageIds: [1]}", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAsWritten")
    void a_body_not_read_as_written_is_refused_with_the_field_named(String why, String template, String field)
            throws Exception {
        var body = template.formatted(clock.instant().plus(Duration.ofDays(2)), asset.id());
        var response = api.postJson("/api/broadcasts", "strict-op", "operator-pass", body, null);

        var error = error(response, 400, "BAD_JSON");
        assertThat(error.get("detail")).as(why).contains(field);
        assertThat(error.get("error")).as(why).contains(field);
    }

    @Test
    void a_number_or_an_empty_string_for_a_date_is_refused() throws Exception {
        for (var startsAt : new String[] {"1767225600", "1767225600.5", "\"\"", "[2031, 1, 1]", "\"ngày mai\""}) {
            var response = api.postJson("/api/broadcasts", "strict-op", "operator-pass",
                    "{\"startsAt\": " + startsAt + ", \"assetIds\": [" + asset.id() + "], \"villageIds\": [1]}", "en");
            var error = error(response, 400, "BAD_JSON");
            assertThat(error.get("error")).as(startsAt)
                    .isEqualTo("Field \"startsAt\" must be a date and time like 2026-03-02T08:00:00+07:00.");
        }
    }

    @Test
    void a_misspelt_field_is_named_with_the_fields_the_call_takes() throws Exception {
        var response = api.postJson("/api/emergency", "strict-op", "operator-pass",
                "{\"assetId\": [" + asset.id() + "], \"villageIds\": [1]}", null);
        var error = error(response, 400, "BAD_JSON");
        assertThat(error.get("error")).isEqualTo("Trường \"assetId\" không có trong yêu cầu này. "
                + "Các trường được nhận: assetIds, reason, title, villageIds.");
    }

    @Test
    void an_empty_or_missing_body_is_refused() throws Exception {
        error(api.postJson("/api/broadcasts", "strict-op", "operator-pass", "", null), 400, "BAD_JSON");
        error(api.postJson("/api/broadcasts", "strict-op", "operator-pass", "null", null), 400, "BAD_JSON");
        error(api.postJson("/api/broadcasts", "strict-op", "operator-pass", "[]", null), 400, "BAD_JSON");
    }

    // --- bounds -----------------------------------------------------------------------------------

    @Test
    void more_than_200_assets_or_villages_are_refused_before_any_is_looked_up() throws Exception {
        var ids201 = IntStream.range(0, 201).mapToObj(i -> Long.toString(asset.id())).collect(Collectors.joining(","));
        var soon = clock.instant().plus(Duration.ofDays(1));
        var assets = api.postJson("/api/broadcasts", "strict-op", "operator-pass",
                "{\"startsAt\": \"" + soon + "\", \"assetIds\": [" + ids201 + "], \"villageIds\": [1]}", null);
        assertThat(error(assets, 400, "TOO_MANY").get("error"))
                .isEqualTo("Trường \"assetIds\" có quá nhiều mục: tối đa 200, yêu cầu gửi 201.");

        var villages201 = IntStream.range(0, 201).mapToObj(i -> "1").collect(Collectors.joining(","));
        var villages = api.postJson("/api/emergency", "strict-op", "operator-pass",
                "{\"assetIds\": [" + asset.id() + "], \"villageIds\": [" + villages201 + "]}", "en");
        assertThat(error(villages, 400, "TOO_MANY").get("detail")).isEqualTo("villageIds: at most 200 entries, got 201");
    }

    @Test
    void a_title_over_200_characters_is_refused_and_100000_characters_fast() throws Exception {
        var soon = clock.instant().plus(Duration.ofDays(1));
        var over = api.postJson("/api/broadcasts", "strict-op", "operator-pass", "{\"title\": \"" + "a".repeat(201)
                + "\", \"startsAt\": \"" + soon + "\", \"assetIds\": [" + asset.id() + "], \"villageIds\": [1]}", null);
        assertThat(error(over, 400, "TOO_LONG").get("error"))
                .isEqualTo("Trường \"title\" dài quá: tối đa 200 ký tự, yêu cầu gửi 201.");

        var huge = "Thông báo ".repeat(10_000);
        long started = System.nanoTime();
        var response = api.postJson("/api/emergency", "strict-op", "operator-pass", "{\"title\": \"" + huge
                + "\", \"assetIds\": [" + asset.id() + "], \"villageIds\": [1]}", "en");
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(error(response, 400, "TOO_LONG").get("detail")).isEqualTo("title: at most 200 characters, got 100000");
        assertThat(ms).as("ms to refuse a 100,000-character title").isLessThan(1_000);

        // Exactly 200 is a title: this request gets as far as looking up its asset.
        var atLimit = api.postJson("/api/broadcasts", "strict-op", "operator-pass", "{\"title\": \"" + "b".repeat(200)
                + "\", \"startsAt\": \"" + soon + "\", \"assetIds\": [987654321], \"villageIds\": [1]}", null);
        error(atLimit, 400, "UNKNOWN_ASSET");
    }

    @Test
    void ids_must_be_positive_and_not_null() throws Exception {
        var soon = clock.instant().plus(Duration.ofDays(1));
        var zero = api.postJson("/api/broadcasts", "strict-op", "operator-pass",
                "{\"startsAt\": \"" + soon + "\", \"assetIds\": [0], \"villageIds\": [1]}", null);
        assertThat(error(zero, 400, "OUT_OF_RANGE").get("error")).contains("assetIds[0]");
        var negative = api.postJson("/api/emergency", "strict-op", "operator-pass",
                "{\"assetIds\": [" + asset.id() + "], \"villageIds\": [-3]}", null);
        error(negative, 400, "OUT_OF_RANGE");
        var nothing = api.postJson("/api/emergency", "strict-op", "operator-pass",
                "{\"assetIds\": [" + asset.id() + "], \"villageIds\": [null]}", null);
        error(nothing, 400, "MISSING");

        error(api.get("/api/villages/0", "strict-reader", "reporter-pass"), 400, "OUT_OF_RANGE");
        var notANumber = error(api.get("/api/villages/thon-1", "strict-reader", "reporter-pass", "en"), 400,
                "BAD_PARAMETER");
        assertThat(notANumber.get("error")).isEqualTo("Parameter \"id\" must be a whole number.");
        error(api.get("/api/airlog?village=0", "strict-reader", "reporter-pass"), 400, "OUT_OF_RANGE");
    }

    @Test
    void start_instants_far_away_are_refused_without_overflowing() throws Exception {
        var now = clock.instant();
        for (var startsAt : new String[] {"+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z",
                now.plus(Duration.ofDays(6 * 366)).toString(), "2031-12-31T08:00:00+07:00".replace("2031",
                Integer.toString(java.time.LocalDate.now(clock).getYear() + 6))}) {
            var response = api.postJson("/api/broadcasts", "strict-op", "operator-pass", "{\"startsAt\": \""
                    + startsAt + "\", \"assetIds\": [" + asset.id() + "], \"villageIds\": [1]}", null);
            var error = error(response, 400, "DATE_OUT_OF_RANGE");
            assertThat(error.get("error")).as(startsAt).startsWith("Trường \"startsAt\" phải là ngày từ ");
            assertThat(error.get("detail")).doesNotContain("overflow");
        }
    }

    @Test
    void query_parameters_are_bounded() throws Exception {
        error(api.get("/api/airlog?size=1001", "strict-reader", "reporter-pass"), 400, "OUT_OF_RANGE");
        error(api.get("/api/airlog?size=0", "strict-reader", "reporter-pass"), 400, "OUT_OF_RANGE");
        error(api.get("/api/airlog?page=-1", "strict-reader", "reporter-pass"), 400, "OUT_OF_RANGE");
        error(api.get("/api/airlog?page=2000000000", "strict-reader", "reporter-pass"), 400, "OUT_OF_RANGE");
        error(api.get("/api/airlog?page=99999999999", "strict-reader", "reporter-pass"), 400, "BAD_PARAMETER");
        error(api.get("/api/airlog?page=abc", "strict-reader", "reporter-pass"), 400, "BAD_PARAMETER");
        error(api.get("/api/airlog?topic=" + "X".repeat(101), "strict-reader", "reporter-pass"), 400, "TOO_LONG");
        error(api.get("/api/airlog/villages?key=" + "O".repeat(101), "strict-reader", "reporter-pass"), 400,
                "TOO_LONG");
        error(api.get("/api/airlog?outcome=PLAYED", "strict-reader", "reporter-pass"), 400, "BAD_PARAMETER");
        var farFuture = Integer.toString(java.time.LocalDate.now(clock).getYear() + 26) + "-01-01";
        error(api.get("/api/airlog?to=" + farFuture, "strict-reader", "reporter-pass"), 400, "DATE_OUT_OF_RANGE");
        error(api.get("/api/airlog.csv?from=1900-01-01", "strict-reader", "reporter-pass"), 400, "DATE_OUT_OF_RANGE");
        error(api.get("/api/reports?from=" + farFuture, "strict-reader", "reporter-pass"), 400, "DATE_OUT_OF_RANGE");
        error(api.get("/api/evidence?to=+999999999-12-31", "strict-reader", "reporter-pass"), 400, "BAD_PARAMETER");
        error(api.get("/api/reports?from=31/12/2026", "strict-reader", "reporter-pass"), 400, "BAD_PARAMETER");
        error(api.get("/api/reports?format=" + "x".repeat(101), "strict-reader", "reporter-pass"), 400, "TOO_LONG");
        // Reading goes further than planning: 25 years either way.
        var old = api.get("/api/airlog?from=2006-01-01&to=2006-01-31", "strict-reader", "reporter-pass");
        assertThat(old.statusCode()).as(old.body()).isEqualTo(200);
    }

    @Test
    void other_bodies_are_bounded_too() throws Exception {
        var village = api.putJson("/api/villages/7", "admin", ADMIN_PASSWORD,
                "{\"name\": \"" + "T".repeat(201) + "\", \"code\": \"thon-7\"}");
        error(village, 400, "TOO_LONG");
        var tts = api.postJson("/api/tts", "admin", ADMIN_PASSWORD,
                "{\"text\": \"Xin chào\", \"title\": \"" + "t".repeat(201) + "\"}", null);
        error(tts, 400, "TOO_LONG");
        var ttsVoice = api.postJson("/api/tts", "admin", ADMIN_PASSWORD,
                "{\"text\": \"Xin chào\", \"speed\": 300}", null);
        error(ttsVoice, 400, "BAD_JSON");
        var switching = api.putJson("/api/settings/switching", "admin", ADMIN_PASSWORD, """
                {"driver": "NONE", "preRollMs": "2000", "serialPort": "", "baudRate": 9600, "modbusUnit": 1,
                 "serialTimeoutMs": 500, "mqttBroker": "", "mqttUsername": "", "mqttClientId": "gioson",
                 "mqttTimeoutMs": 1000, "commandProgram": "", "commandTimeoutMs": 5000, "dtmfLevelDbfs": -10,
                 "dtmfToneMs": 100, "dtmfPauseMs": 100}""");
        assertThat(error(switching, 400, "BAD_JSON").get("detail")).isEqualTo("preRollMs: must be a whole number");
        var upload = api.upload("/api/library", "strict-op", "operator-pass", "tin.wav",
                new byte[] {1, 2, 3}, "t".repeat(201), null);
        error(upload, 400, "TOO_LONG");
        var longName = api.upload("/api/library", "strict-op", "operator-pass", "t".repeat(300) + ".wav",
                new byte[] {1, 2, 3}, null, null);
        error(longName, 400, "TOO_LONG");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_schedule_file_is_bounded_like_a_request_body() throws Exception {
        var farYear = java.time.LocalDate.now(clock).getYear() + 6;
        var villages = IntStream.range(0, 201).mapToObj(i -> "      - Thôn 1").collect(Collectors.joining("\n"));
        var yaml = """
                programmes:
                  - name: %s
                    days: daily
                    time: "05:30"
                    max_length: 30m
                    valid_to: 31/12/%d
                  - name: Chương trình chiều
                    days: daily
                    time: "17:00"
                    max_length: 30m
                    villages:
                %s
                """.formatted("T".repeat(201), farYear, villages);
        var response = api.upload("/api/schedules/import?dryRun=true", "admin", ADMIN_PASSWORD, "lich.yaml",
                yaml.getBytes(StandardCharsets.UTF_8), null, "en");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertClean(response.body());
        Map<String, Object> body = JSON.readValue(response.body(), Map.class);
        assertThat(body.get("code")).isEqualTo("BAD_SCHEDULE_FILE");
        var problems = (java.util.List<Map<String, Object>>) body.get("problems");
        assertThat(problems).extracting(p -> (String) p.get("message")).contains(
                "lich.yaml, line 2, field programmes[0].name: The value is 201 characters long; at most 200.",
                "lich.yaml, line 12, field programmes[1].villages: The list has 201 entries; at most 200.")
                .anySatisfy(m -> assertThat(m).startsWith("lich.yaml, line 6, field programmes[0].valid_to: Date \"31/12/"
                        + farYear + "\" is out of range: from "));
    }

    // --- body size --------------------------------------------------------------------------------

    @Test
    void a_json_body_over_256_kb_is_refused_with_413_declared_or_chunked() throws Exception {
        var big = "{\"startsAt\": \"" + clock.instant().plus(Duration.ofDays(1)) + "\", \"assetIds\": ["
                + IntStream.range(0, 600_000).mapToObj(i -> "7").collect(Collectors.joining(","))
                + "], \"villageIds\": [1]}";
        var declared = api.postJson("/api/broadcasts", "strict-op", "operator-pass", big, "en");
        assertThat(error(declared, 413, "TOO_LARGE").get("error")).isEqualTo(
                "The request body is too large: at most 256 KB.");

        var chunked = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/broadcasts"))
                .header("Content-Type", "application/json").header("Authorization", basic("strict-op", "operator-pass"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build());
        error(chunked, 413, "TOO_LARGE");

        // Without an account too: refused before the password is even checked.
        var anonymous = api.postJson("/api/broadcasts", null, null, big, null);
        error(anonymous, 413, "TOO_LARGE");
    }

    // --- errors -----------------------------------------------------------------------------------

    @Test
    void unknown_api_paths_are_json_404_not_the_ui() throws Exception {
        for (var path : new String[] {"/api/nothing", "/api/broadcast", "/api/villages/1/relay", "/api/"}) {
            var response = api.get(path, "strict-reader", "reporter-pass");
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/json"));
            error(response, 404, "NOT_FOUND");
        }
        var post = api.postJson("/api/nothing", "strict-op", "operator-pass", "{}", "en");
        assertThat(error(post, 404, "NOT_FOUND").get("error")).startsWith("There is no such API address.");
        // An unknown address asks for an account like a known one: no probing of what exists.
        assertThat(api.get("/api/nothing", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_wrong_method_is_405_and_a_wrong_media_type_415() throws Exception {
        var get = api.get("/api/broadcasts", "strict-reader", "reporter-pass");
        error(get, 405, "METHOD_NOT_ALLOWED");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        var delete = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/villages/1"))
                .header("Authorization", basic("admin", ADMIN_PASSWORD)).DELETE().build());
        error(delete, 405, "METHOD_NOT_ALLOWED");

        var text = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/emergency"))
                .header("Authorization", basic("strict-op", "operator-pass")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("Cảnh báo bão")).build());
        error(text, 415, "UNSUPPORTED_MEDIA_TYPE");
        var form = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/library"))
                .header("Authorization", basic("strict-op", "operator-pass"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        error(form, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void a_missing_parameter_is_named() throws Exception {
        var noFile = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/library"))
                .header("Authorization", basic("strict-op", "operator-pass"))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
                        + "x\r\n--b--\r\n")).build());
        assertThat(error(noFile, 400, "MISSING").get("error")).isEqualTo("Thiếu trường \"file\".");
    }

    @Test
    void the_401_and_403_bodies_have_codes() throws Exception {
        var anonymous = api.get("/api/status", null, null);
        var unauthorized = error(anonymous, 401, "UNAUTHORIZED");
        assertThat(unauthorized.get("error")).isEqualTo("Cần đăng nhập (HTTP Basic) để dùng API này.");
        error(api.get("/api/status", "strict-op", "wrong-password"), 401, "UNAUTHORIZED");
        error(api.get("/api/reports", "strict-op", "operator-pass"), 403, "FORBIDDEN");
    }

    @Test
    void a_url_the_firewall_refuses_still_answers_in_the_api_shape() throws Exception {
        for (var path : new String[] {"/api/villages/1;x=1", "/api/%2e%2e/villages", "/api/villages%00"}) {
            var response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", basic("strict-reader", "reporter-pass")).GET().build());
            assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(400, 404);
            assertClean(response.body());
            if (response.body().startsWith("{")) {
                assertThat(JSON.readValue(response.body(), Map.class)).as(path).containsKeys("error", "code", "detail");
            }
        }
    }

    @Test
    void a_form_body_whose_parameter_name_the_firewall_refuses_is_a_400_not_a_500() throws Exception {
        // A JSON call sent a form body: its parameter names are parsed (and checked by the firewall)
        // inside Spring MVC, where a refusal once became an internal error.
        var response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/emergency"))
                .header("Authorization", basic("strict-op", "operator-pass"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"\uffff\"}")).build());
        error(response, 400, "BAD_REQUEST");
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** Asserts status, the one error shape, the code, and that nothing internal shows. */
    @SuppressWarnings("unchecked")
    static Map<String, String> error(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertClean(response.body());
        Map<String, String> body = JSON.readValue(response.body(), Map.class);
        assertThat(body).as(response.body()).containsOnlyKeys("error", "code", "detail");
        assertThat(body.get("code")).as(response.body()).isEqualTo(code);
        assertThat(body.get("error")).as(response.body()).isNotBlank().doesNotStartWith("!");
        return body;
    }

    static void assertClean(String body) {
        assertThat(body).doesNotContain("java.", "javax.", "jakarta.", "vn.loaxa", "org.springframework",
                "tools.jackson", "com.fasterxml", "Exception", "Error:", "\tat ", "(class ", "$");
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
