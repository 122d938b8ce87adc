package vn.loaxa.schedulefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;

class ScheduleFileApiTest extends FreshStationTest {

    @LocalServerPort
    int port;
    @Autowired
    UserService users;

    Api api;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        api = new Api(port);
        if (users.find("can.bo.dai").isEmpty()) {
            RunAs.run("admin", "ADMIN",
                    () -> users.create("can.bo.dai", "Cán bộ đài", "operator-pass", EnumSet.of(Role.OPERATOR), false));
        }
    }

    private static final String LATE_NIGHT = """
            programmes:
              - name: Chương trình đêm
                days: daily
                time: "25:00"
                max_length: 30m
            """;

    @Test
    void a_bad_file_gets_400_naming_file_line_and_field_in_vietnamese_or_english() throws Exception {
        var vi = api.upload("/api/schedules/import?dryRun=true", "admin", ADMIN_PASSWORD, "dem.yaml",
                LATE_NIGHT.getBytes(StandardCharsets.UTF_8), null, null);
        assertThat(vi.statusCode()).as(vi.body()).isEqualTo(400);
        Map<?, ?> body = json.readValue(vi.body(), Map.class);
        assertThat(body.get("code")).isEqualTo("BAD_SCHEDULE_FILE");
        assertThat((String) body.get("error")).isEqualTo("dem.yaml, dòng 4, trường programmes[0].time: "
                + "Giờ \"25:00\" không hợp lệ; hãy viết HH:mm theo 24 giờ, từ 00:00 đến 23:59.");
        assertThat((List<?>) body.get("problems")).singleElement().satisfies(p -> {
            assertThat(((Map<?, ?>) p).get("line")).isEqualTo(4);
            assertThat(((Map<?, ?>) p).get("field")).isEqualTo("programmes[0].time");
        });

        var en = api.upload("/api/schedules/import", "admin", ADMIN_PASSWORD, "dem.yaml",
                LATE_NIGHT.getBytes(StandardCharsets.UTF_8), null, "en");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat((String) json.readValue(en.body(), Map.class).get("error")).startsWith("dem.yaml, line 4, field");
    }

    @Test
    void a_dry_run_lists_the_changes_and_an_export_imports_back_as_no_change() throws Exception {
        var programmesBefore = api.get("/api/programmes", "admin", ADMIN_PASSWORD).body();
        var preview = api.upload("/api/schedules/import?dryRun=true", "admin", ADMIN_PASSWORD, "trua.yaml", """
                programmes:
                  - name: Bản tin trưa
                    days: [T2, T3, T4, T5, T6]
                    time: "11:30"
                    max_length: 15m
                """.getBytes(StandardCharsets.UTF_8), null, null);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        Map<?, ?> result = json.readValue(preview.body(), Map.class);
        assertThat(result.get("applied")).isEqualTo(false);
        assertThat((List<?>) result.get("changes")).extracting(c -> ((Map<?, ?>) c).get("action") + " "
                + ((Map<?, ?>) c).get("name")).contains("ADDED Bản tin trưa", "REMOVED Chương trình buổi sáng");
        assertThat(api.get("/api/programmes", "admin", ADMIN_PASSWORD).body()).isEqualTo(programmesBefore);

        var export = api.getBytes("/api/schedules/export", "can.bo.dai", "operator-pass");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/yaml"));
        assertThat(new String(export.body(), StandardCharsets.UTF_8)).contains("Đài truyền thanh xã Gio Sơn");

        var applied = api.upload("/api/schedules/import", "admin", ADMIN_PASSWORD, "schedule.yaml", export.body(),
                null, null);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(json.readValue(applied.body(), Map.class)).containsEntry("applied", true)
                .containsEntry("changes", List.of());
    }

    @Test
    void only_an_admin_imports() throws Exception {
        var denied = api.upload("/api/schedules/import?dryRun=true", "can.bo.dai", "operator-pass", "x.yaml",
                LATE_NIGHT.getBytes(StandardCharsets.UTF_8), null, null);
        assertThat(denied.statusCode()).isEqualTo(403);
    }
}
