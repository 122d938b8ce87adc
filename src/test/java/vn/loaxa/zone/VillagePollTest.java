package vn.loaxa.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.testing.Api;
import vn.loaxa.testing.SpringTest;

/**
 * The minute's poll of a relay board that can be read back: a board that answers shows its villages
 * online with when it was last heard; a board that stops answering turns them offline, with an alert
 * on /api/status and the villages health component out of service, until it answers again.
 */
class VillagePollTest extends SpringTest {

    @LocalServerPort
    int port;
    @Autowired
    ZoneSwitchboard switchboard;
    @TempDir
    Path tmp;

    @AfterEach
    void backToNone() throws Exception {
        api().putJson("/api/settings/switching", "admin", ADMIN_PASSWORD,
                SwitchingForTests.settings("NONE", 2_000, "", "", ""));
    }

    @Test
    void a_polled_board_shows_its_villages_online_then_offline_when_it_stops_answering() throws Exception {
        try (var cable = VirtualSerialPair.start(tmp.resolve("serial"));
             var board = FakeRelayBoard.modbus(cable.board(), 1, 8)) {
            var saved = api().putJson("/api/settings/switching", "admin", ADMIN_PASSWORD,
                    SwitchingForTests.settings("MODBUS", 2_000, cable.stationPort(), "", ""));
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

            switchboard.pollNow();
            var three = village(3);
            assertThat(three).containsEntry("online", true).containsEntry("on", false).containsEntry("driver", "MODBUS");
            assertThat(three.get("lastSeen")).isNotNull();
            assertThat(villagesHealth()).isEqualTo("UP");

            board.answering(false);
            switchboard.pollNow();
            assertThat(village(3)).containsEntry("online", false).containsEntry("problemKind", "OFFLINE")
                    .containsEntry("lastSeen", three.get("lastSeen"));
            assertThat(api().get("/api/status", "admin", ADMIN_PASSWORD, "vi").body()).contains("VILLAGE_OFFLINE")
                    .contains("Thôn 3");
            assertThat(villagesHealth()).isEqualTo("OUT_OF_SERVICE");

            board.answering(true);
            switchboard.pollNow();
            assertThat(village(3)).containsEntry("online", true).containsEntry("problem", null);
            assertThat(api().get("/api/status", "admin", ADMIN_PASSWORD, "vi").body()).doesNotContain("VILLAGE_");
        }
    }

    private Map<String, Object> village(long id) throws Exception {
        var response = api().get("/api/villages/" + id, "admin", ADMIN_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonMapper.builder().build().readValue(response.body(), Map.class);
    }

    private String villagesHealth() throws Exception {
        var body = api().get("/actuator/health", "admin", ADMIN_PASSWORD).body();
        return JsonMapper.builder().build().readTree(body).path("components").path("villages").path("status")
                .asString();
    }

    private Api api() {
        return new Api(port);
    }
}
