package vn.loaxa.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

/** The villages' addresses and the switching settings over the API: who may, what is refused, what is kept. */
class VillagesApiTest extends SpringTest {

    private static final String SEVEN = """
            {"code": "thon-7", "relay": 7, "dtmfOn": "*37#", "dtmfOff": "#37*", "mqttTopic": "gioson/thon7"}""";

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    ZoneSettings settings;
    @Autowired
    ZoneSwitchboard switchboard;

    Api api;
    JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        api = new Api(port);
        RunAs.run("admin", "ADMIN", () -> {
            if (users.find("zone-op").isEmpty()) {
                users.create("zone-op", "Cán bộ đài", "operator-pass", EnumSet.of(Role.OPERATOR), false);
            }
            return null;
        });
    }

    @AfterEach
    void restore() throws Exception {
        assertThat(api.putJson("/api/villages/7", "admin", ADMIN_PASSWORD, SEVEN).statusCode()).isEqualTo(200);
        RunAs.run("admin", "ADMIN", () -> settings.save(SwitchingConfig.DEFAULT));
        switchboard.reload();
    }

    @Test
    void every_user_reads_the_villages_with_their_addresses_and_state() throws Exception {
        var response = api.get("/api/villages", "zone-op", "operator-pass");
        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> villages = json.readValue(response.body(), List.class);
        var two = villages.stream().filter(v -> ((Number) v.get("id")).longValue() == 2).findFirst().orElseThrow();
        assertThat(two).containsEntry("name", "Thôn 2").containsEntry("code", "thon-2").containsEntry("relay", 2)
                .containsEntry("dtmfOn", "*32#").containsEntry("dtmfOff", "#32*")
                .containsEntry("mqttTopic", "gioson/thon2").containsEntry("driver", "NONE")
                .containsKeys("online", "lastSeen", "on", "problem");
    }

    @Test
    void an_admin_sets_a_villages_addresses_and_a_used_or_bad_address_is_refused_with_the_reason() throws Exception {
        var ok = api.putJson("/api/villages/7", "admin", ADMIN_PASSWORD, """
                {"code": "xom-bai", "relay": 12, "dtmfOn": "*712#", "dtmfOff": "#712*", "mqttTopic": "gioson/xom-bai"}""");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json.readValue(ok.body(), Map.class)).containsEntry("code", "xom-bai").containsEntry("relay", 12);

        var used = api.putJson("/api/villages/7", "admin", ADMIN_PASSWORD, """
                {"code": "xom-bai", "relay": 2}""");
        assertThat(used.statusCode()).isEqualTo(400);
        assertThat(used.body()).contains("ADDRESS_IN_USE").contains("Thôn 2");

        var badDtmf = api.putJson("/api/villages/7", "admin", ADMIN_PASSWORD, """
                {"code": "xom-bai", "relay": 12, "dtmfOn": "*7x#"}""");
        assertThat(badDtmf.statusCode()).isEqualTo(400);
        assertThat(badDtmf.body()).contains("BAD_DTMF").contains("*7x#");

        var badRelay = api.putJson("/api/villages/7", "admin", ADMIN_PASSWORD, "{\"code\": \"xom-bai\", \"relay\": 0}");
        assertThat(badRelay.statusCode()).isEqualTo(400);
        assertThat(badRelay.body()).contains("BAD_RELAY");

        // Nothing a refusal touched changed.
        var now = json.readValue(api.get("/api/villages/7", "admin", ADMIN_PASSWORD).body(), Map.class);
        assertThat(now).containsEntry("relay", 12).containsEntry("dtmfOn", "*712#");
        assertThat(api.putJson("/api/villages/7", "zone-op", "operator-pass", SEVEN).statusCode()).isEqualTo(403);
    }

    @Test
    void switching_settings_are_checked_and_the_mqtt_password_is_never_sent_back() throws Exception {
        var save = api.putJson("/api/settings/switching", "admin", ADMIN_PASSWORD, """
                {"driver": "MQTT", "preRollMs": 3000, "serialPort": "", "baudRate": 9600, "modbusUnit": 1,
                 "serialTimeoutMs": 500, "mqttBroker": "tcp://127.0.0.1:1", "mqttUsername": "loa",
                 "mqttPassword": "mat-khau-bi-mat", "mqttClientId": "gioson", "mqttTimeoutMs": 1000,
                 "commandProgram": "", "commandTimeoutMs": 5000, "dtmfLevelDbfs": -10, "dtmfToneMs": 100,
                 "dtmfPauseMs": 100}""");
        assertThat(save.statusCode()).as(save.body()).isEqualTo(200);
        var read = api.get("/api/settings/switching", "admin", ADMIN_PASSWORD);
        assertThat(read.body()).doesNotContain("mat-khau-bi-mat").contains("\"mqttPasswordSet\":true")
                .contains("\"preRollMs\":3000");
        assertThat(switchboard.config().mqtt().password()).isEqualTo("mat-khau-bi-mat");
        assertThat(switchboard.preRoll().toMillis()).isEqualTo(3_000);

        // Left out, the password stays; a broker that is not a URL is refused and nothing changes.
        var bad = api.putJson("/api/settings/switching", "admin", ADMIN_PASSWORD, """
                {"driver": "MQTT", "preRollMs": 1000, "serialPort": "", "baudRate": 9600, "modbusUnit": 1,
                 "serialTimeoutMs": 500, "mqttBroker": "may-chu-loa", "mqttUsername": "loa", "mqttClientId": "gioson",
                 "mqttTimeoutMs": 1000, "commandProgram": "", "commandTimeoutMs": 5000, "dtmfLevelDbfs": -10,
                 "dtmfToneMs": 100, "dtmfPauseMs": 100}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("BAD_BROKER").contains("tcp://");
        assertThat(settings.config().preRoll().toMillis()).isEqualTo(3_000);
        assertThat(settings.config().mqtt().password()).isEqualTo("mat-khau-bi-mat");

        var tooLoud = api.putJson("/api/settings/switching", "admin", ADMIN_PASSWORD, """
                {"driver": "DTMF", "preRollMs": 1000, "serialPort": "", "baudRate": 9600, "modbusUnit": 1,
                 "serialTimeoutMs": 500, "mqttBroker": "", "mqttUsername": "", "mqttClientId": "gioson",
                 "mqttTimeoutMs": 1000, "commandProgram": "", "commandTimeoutMs": 5000, "dtmfLevelDbfs": -3,
                 "dtmfToneMs": 100, "dtmfPauseMs": 100}""");
        assertThat(tooLoud.statusCode()).isEqualTo(400);
        assertThat(tooLoud.body()).contains("BAD_DTMF_LEVEL");
        assertThat(api.get("/api/settings/switching", "zone-op", "operator-pass").statusCode()).isEqualTo(403);
    }
}
