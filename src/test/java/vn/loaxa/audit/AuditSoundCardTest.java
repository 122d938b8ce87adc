package vn.loaxa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.RequiresSoundCard;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.zone.SwitchingForTests;

/**
 * The mutating endpoints that need the sound card ({@link AuditCoverageTest#ELSEWHERE}) leave their
 * rows too; stop and skip, which need a broadcast on air, are checked by {@code OnAirApiTest}.
 */
@RequiresSoundCard
class AuditSoundCardTest extends SpringTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserService users;
    @TempDir
    Path tmp;

    @Test
    void the_test_tone_and_the_village_test_leave_a_row_by_their_caller_via_the_api() throws Exception {
        assertThat(AuditCoverageTest.ELSEWHERE.keySet()).isEqualTo(Set.of("POST /api/output/test-tone",
                "POST /api/villages/test", "POST /api/onair/stop", "POST /api/onair/skip", "POST /api/live",
                "POST /api/live/end"));
        var api = new Api(port);
        var user = AuditCoverageTest.USER;
        var password = AuditCoverageTest.PASSWORD;
        AuditCoverageTest.ensureUser(users, user, password, Role.ADMIN);
        long before = jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_log").query(Long.class).single();
        try (var recorder = FifoRecorder.startFromEnvironment()) {
            var tone = api.postJson("/api/output/test-tone", user, password, "{}", null);
            assertThat(tone.statusCode()).as(tone.body()).isEqualTo(202);
            var deadline = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(deadline) && JsonMapper.shared()
                    .readTree(api.get("/api/status", user, password).body()).get("onAir").asBoolean()) {
                Thread.sleep(100);
            }
            recorder.awaitTime(Instant.now(), Duration.ofSeconds(5));

            var program = SwitchingForTests.recordingProgram(tmp);
            var configured = api.putJson("/api/settings/switching", user, password,
                    SwitchingForTests.settings("COMMAND", 2_000, "", program.toString(), ""));
            assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
            try {
                var test = api.postJson("/api/villages/test", user, password, "{}", null);
                assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
            } finally {
                // Other tests share this application: leave it switching nothing, as it started.
                api.putJson("/api/settings/switching", user, password,
                        SwitchingForTests.settings("NONE", 2_000, "", "", ""));
            }
        }
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq")
                .param(before).query().listOfRows();
        var tone = rows.stream().filter(r -> "TEST_TONE_PLAYED".equals(r.get("action"))).toList();
        assertThat(tone).hasSize(1).allSatisfy(r -> assertThat(r).containsEntry("actor", user)
                .containsEntry("via", "API").containsEntry("target_kind", "OUTPUT"));
        var villages = rows.stream().filter(r -> "VILLAGE_TEST_RUN".equals(r.get("action"))).toList();
        assertThat(villages).hasSize(1).allSatisfy(r -> {
            assertThat(r).containsEntry("actor", user).containsEntry("via", "API");
            assertThat((String) r.get("details")).contains("Thôn 1: ACKNOWLEDGED", "Thôn 7: ACKNOWLEDGED");
        });
    }
}
