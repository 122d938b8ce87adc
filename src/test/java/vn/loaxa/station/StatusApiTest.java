package vn.loaxa.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.audio.output.OutputDevices;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.SpringTest;

class StatusApiTest extends SpringTest {

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void status_tells_the_station_time_the_output_device_and_raises_an_alert_exactly_when_it_is_missing()
            throws Exception {
        var response = new Api(port).get("/api/status", "admin", ADMIN_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<?, ?> status = json.readValue(response.body(), Map.class);
        assertThat(status.get("timeZone")).isEqualTo("Asia/Ho_Chi_Minh");
        assertThat((String) status.get("localTime")).matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}");
        Map<?, ?> output = (Map<?, ?>) status.get("output");
        boolean deviceSeen = !OutputDevices.list().isEmpty();
        assertThat(output.get("ok")).isEqualTo(deviceSeen);
        List<?> alerts = (List<?>) status.get("alerts");
        if (deviceSeen) {
            assertThat(alerts).noneMatch(a -> String.valueOf(((Map<?, ?>) a).get("code")).startsWith("OUTPUT_"));
        } else {
            assertThat(output.get("problem")).isEqualTo("NO_DEVICE");
            assertThat(alerts).anyMatch(a -> ((Map<?, ?>) a).get("code").equals("OUTPUT_NO_DEVICE")
                    && ((String) ((Map<?, ?>) a).get("message")).contains("thiết bị phát"));
        }
    }

    @Test
    void status_carries_the_readiness_health_with_the_status_of_each_check() throws Exception {
        var response = new Api(port).get("/api/status", "admin", ADMIN_PASSWORD);

        Map<?, ?> health = (Map<?, ?>) json.readValue(response.body(), Map.class).get("health");
        assertThat(health.get("status")).isEqualTo("UP");
        assertThat(health.get("components")).isEqualTo(
                Map.of("airLog", "UP", "database", "UP", "engine", "UP", "readinessState", "UP"));
    }

    @Test
    void status_needs_a_login() throws Exception {
        assertThat(new Api(port).get("/api/status", null, null).statusCode()).isEqualTo(401);
    }
}
