package vn.loaxa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.loaxa.security.Role;

class SnapshotsTest {

    record Mqtt(String broker, String password, Duration timeout) {
    }

    record Switching(String driver, Mqtt mqtt, Set<Role> roles, LocalDate since) {
    }

    @Test
    void a_change_lists_each_field_from_and_to_and_never_a_secrets_value() {
        var before = new Switching("NONE", new Mqtt("tcp://a:1883", "", Duration.ofSeconds(2)),
                EnumSet.of(Role.OPERATOR), LocalDate.of(2026, 1, 1));
        var after = new Switching("MQTT", new Mqtt("tcp://b:1883", "bi-mat-123", Duration.ofSeconds(2)),
                Set.of(Role.APPROVER, Role.OPERATOR), LocalDate.of(2026, 1, 1));

        var json = Snapshots.details(before, after, true, null, List.of());

        assertThat(json).contains("\"driver\":{\"from\":\"NONE\",\"to\":\"MQTT\"}",
                "\"mqtt.broker\":{\"from\":\"tcp://a:1883\",\"to\":\"tcp://b:1883\"}",
                "\"mqtt.password\":{\"from\":\"\",\"to\":\"***\"}", "\"roles\":{\"from\":\"[OPERATOR]\"")
                .doesNotContain("bi-mat-123", "timeout", "since");
        assertThat(Snapshots.describe(json)).contains("driver: NONE → MQTT", "mqtt.password:  → ***",
                "roles: [OPERATOR] → [APPROVER, OPERATOR]");
    }

    @Test
    void a_set_in_another_order_is_no_change_and_nothing_changed_is_no_details() {
        var a = new Switching("NONE", new Mqtt("", "", Duration.ZERO), EnumSet.of(Role.ADMIN, Role.OPERATOR),
                LocalDate.of(2026, 1, 1));
        var b = new Switching("NONE", new Mqtt("", "", Duration.ZERO), Set.of(Role.OPERATOR, Role.ADMIN),
                LocalDate.of(2026, 1, 1));
        assertThat(Snapshots.details(a, b, true, null, List.of())).isNull();
    }

    @Test
    void created_and_removed_list_what_there_is_and_extra_details_and_included_calls_follow() {
        var thing = new Mqtt("tcp://a:1883", "secret-value", Duration.ofSeconds(1));
        var created = Snapshots.details(null, thing, true, java.util.Map.of("file", "a.mp3"),
                List.of("AUDIO_IMPORTED ASSET #4 Bản tin"));
        assertThat(created).contains("\"created\":{\"broker\":\"tcp://a:1883\",\"password\":\"***\"",
                "\"details\":{\"file\":\"a.mp3\"}", "\"included\":[\"AUDIO_IMPORTED ASSET #4 Bản tin\"]")
                .doesNotContain("secret-value");
        assertThat(Snapshots.details(thing, null, true, null, List.of())).startsWith("{\"removed\":{");
        assertThat(Snapshots.describe(created)).contains("broker: tcp://a:1883", "file: a.mp3",
                "+ AUDIO_IMPORTED ASSET #4 Bản tin");
    }

    @Test
    void a_huge_change_is_cut_to_a_summary_that_is_still_json() {
        var many = java.util.stream.IntStream.range(0, 400).mapToObj(i -> "PROGRAMME ADDED: " + "x".repeat(80) + i)
                .toList();
        var json = Snapshots.details(null, null, false, java.util.Map.of("changes", many), List.of());
        assertThat(json.length()).isLessThan(21_000);
        assertThat(json).startsWith("{\"truncated\":true");
        assertThat(Snapshots.describe(json)).startsWith("changes[0]: PROGRAMME ADDED: xxx");
    }

    @Test
    void a_short_list_is_one_field_and_a_long_one_a_field_per_item() {
        assertThat(Snapshots.flatten(java.util.Map.of("villages", List.of("Thôn 1: ACKNOWLEDGED", "Thôn 2: FAILED"))))
                .containsEntry("villages", "[Thôn 1: ACKNOWLEDGED, Thôn 2: FAILED]");
        var long_ = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "BULLETIN ADDED: Bản tin số " + i).toList();
        assertThat(Snapshots.flatten(java.util.Map.of("changes", long_))).hasSize(30)
                .containsEntry("changes[29]", "BULLETIN ADDED: Bản tin số 29");
    }
}
