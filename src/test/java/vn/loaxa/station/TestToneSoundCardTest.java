package vn.loaxa.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.RequiresSoundCard;
import vn.loaxa.audio.testsupport.Signals;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.SpringTest;

/** The operator's check of the amplifier chain: the tone must really come out, and status must show it. */
@RequiresSoundCard
class TestToneSoundCardTest extends SpringTest {

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void the_test_tone_comes_out_of_the_card_at_1_khz_and_status_shows_it_on_air() throws Exception {
        var api = new Api(port);
        try (var recorder = FifoRecorder.startFromEnvironment()) {
            var asked = Instant.now();
            var response = api.postJson("/api/output/test-tone", "admin", ADMIN_PASSWORD, "{}", null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

            Map<?, ?> nowPlaying = null;
            for (int i = 0; i < 50 && nowPlaying == null; i++) {
                Map<?, ?> status = json.readValue(api.get("/api/status", "admin", ADMIN_PASSWORD).body(), Map.class);
                nowPlaying = (Map<?, ?>) status.get("nowPlaying");
                Thread.sleep(100);
            }
            assertThat(nowPlaying).as("status while the tone plays").isNotNull();
            assertThat(nowPlaying.get("item")).isEqualTo("Test tone 1 kHz");

            var busy = api.postJson("/api/output/test-tone", "admin", ADMIN_PASSWORD, "{}", null);
            assertThat(busy.statusCode()).isEqualTo(409);

            recorder.awaitTime(Instant.now().plusSeconds(4), Duration.ofSeconds(10));
            long first = recorder.firstNonSilentFrameAfter(asked).orElseThrow();
            var tone = Signals.channel(recorder.samples(first + 4_410, 44_100), 2, 0);
            var fit = Signals.fitSine(tone, 0, tone.length, 1_000, 44_100);
            // fitSine returns {amplitude, residual rms}: a clean 1 kHz sine at -12 dBFS.
            assertThat(fit[0]).isBetween(7_500.0, 8_900.0);
            assertThat(fit[1]).isLessThan(fit[0] * 0.01);
        }
        Map<?, ?> after = json.readValue(api.get("/api/status", "admin", ADMIN_PASSWORD).body(), Map.class);
        assertThat(after.get("onAir")).isEqualTo(false);
    }
}
