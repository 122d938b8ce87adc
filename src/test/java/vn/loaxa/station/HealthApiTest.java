package vn.loaxa.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.audio.output.OutputDevices;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.SpringTest;

/** The health probes as a watchdog on the station PC sees them: real HTTP over the loopback, no account. */
class HealthApiTest extends SpringTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readiness_answers_this_machine_without_a_login_and_names_its_four_checks() throws Exception {
        var response = new Api(port).get("/actuator/health/readiness", null, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var health = map(json.readValue(response.body(), Map.class));
        assertThat(health.get("status")).isEqualTo("UP");
        var components = map(health.get("components"));
        assertThat(components.keySet()).containsExactlyInAnyOrder("readinessState", "database", "engine", "airLog");
        assertThat(status(components, "database")).isEqualTo("UP");
        assertThat(details(components, "database")).containsEntry("query", "SELECT 1");
        assertThat(status(components, "engine")).isEqualTo("UP");
        assertThat(details(components, "engine")).containsEntry("running", true).containsKey("upcomingBroadcasts");
        assertThat(status(components, "airLog")).isEqualTo("UP");
        assertThat(details(components, "airLog")).containsEntry("intact", true).containsKeys("checkedRows", "headHash");
    }

    @Test
    void liveness_answers_without_a_login_and_depends_on_nothing_a_restart_would_not_mend() throws Exception {
        var response = new Api(port).get("/actuator/health/liveness", null, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var health = map(json.readValue(response.body(), Map.class));
        assertThat(health.get("status")).isEqualTo("UP");
        assertThat(map(health.get("components")).keySet()).containsExactly("livenessState");
    }

    @Test
    void the_whole_health_adds_the_output_device_which_is_down_exactly_when_there_is_none() throws Exception {
        var response = new Api(port).get("/actuator/health", null, null);

        var health = map(json.readValue(response.body(), Map.class));
        var components = map(health.get("components"));
        assertThat(components).containsKeys("output", "database", "engine", "airLog", "diskSpace");
        assertThat(details(components, "output")).containsKey("device");
        if (OutputDevices.list().isEmpty()) {
            assertThat(status(components, "output")).isEqualTo("DOWN");
            assertThat(details(components, "output")).containsEntry("problem", "NO_DEVICE");
            assertThat(response.statusCode()).isEqualTo(503);
        } else {
            assertThat(status(components, "output")).isEqualTo("UP");
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void once_ready_a_station_that_refuses_traffic_again_says_it_is_stopping_while_its_probes_still_answer()
            throws Exception {
        var api = new Api(port);
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            var status = api.get("/api/status", "admin", ADMIN_PASSWORD);
            assertThat(status.statusCode()).isEqualTo(503);
            assertThat(status.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(map(json.readValue(status.body(), Map.class))).containsEntry("code", "STOPPING")
                    .containsEntry("error", "Đài đang dừng hoặc khởi động lại, vui lòng thử lại sau giây lát.");
            assertThat(api.get("/", null, null).body()).contains("Đài đang dừng");
            assertThat(api.get("/actuator/health/readiness", null, null).statusCode()).isEqualTo(503);
            assertThat(api.get("/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(api.get("/api/status", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    private static Object status(Map<String, Object> components, String name) {
        return map(components.get(name)).get("status");
    }

    private static Map<String, Object> details(Map<String, Object> components, String name) {
        return map(map(components.get(name)).get("details"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }
}
