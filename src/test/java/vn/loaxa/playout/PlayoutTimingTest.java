package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import vn.loaxa.playout.PlayoutTiming.InvalidTimingException;

/** Each relation between the margins, at its edge: the value that just holds and the one that breaks it. */
class PlayoutTimingTest {

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static PlayoutTiming timing(long fireAhead, long decideAhead, long lead, long lineBuffer, long fadeOut,
                                        long outputLatency, long lateStart, long graceMs) {
        return new PlayoutTiming(ms(fireAhead), ms(decideAhead), ms(lead), ms(lineBuffer), ms(fadeOut),
                ms(outputLatency), ms(lateStart), ms(graceMs));
    }

    private static String reasonOf(Runnable building) {
        try {
            building.run();
        } catch (InvalidTimingException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void the_shipped_defaults_hold() {
        var t = timing(2_000, 1_200, 1_500, 200, 300, 0, 500, 600_000);
        assertThat(t.cutTakes()).isEqualTo(ms(550));
        var bound = PlayoutTiming.of(EngineProperties.defaults(),
                new AudioOutputProperties("", 44_100, 2, ms(1_500), Duration.ZERO, ms(300), 1.0, ms(200)),
                new vn.loaxa.schedule.PlayoutProperties(Duration.ofMinutes(10)));
        assertThat(bound).isEqualTo(t);
    }

    @Test
    void the_lead_covers_the_line_buffer_and_opening_the_first_item() {
        timing(2_000, 1_200, 700, 200, 300, 0, 500, 0);
        assertThat(reasonOf(() -> timing(2_000, 1_200, 699, 200, 300, 0, 500, 0)))
                .contains("loaxa.audio.lead (699 ms) must be at least loaxa.audio.line-buffer (200 ms) + 500 ms");
    }

    @Test
    void the_trigger_fires_in_time_to_prepare_before_the_lead() {
        timing(1_750, 1_200, 1_500, 200, 300, 0, 500, 0);
        assertThat(reasonOf(() -> timing(1_749, 1_200, 1_500, 200, 300, 0, 500, 0)))
                .contains("loaxa.playout.fire-ahead (1749 ms) must be at least loaxa.audio.lead (1500 ms) + 250 ms");
    }

    @Test
    void the_decision_is_not_due_before_the_trigger_fires() {
        timing(2_000, 2_000, 1_500, 200, 300, 0, 500, 0);
        assertThat(reasonOf(() -> timing(2_000, 2_001, 1_500, 200, 300, 0, 500, 0)))
                .contains("loaxa.playout.decide-ahead (2001 ms) must not exceed loaxa.playout.fire-ahead (2000 ms)");
    }

    @Test
    void a_cut_leaves_time_for_the_fade_and_a_new_start() {
        timing(2_000, 1_050, 1_500, 200, 300, 0, 500, 0);
        assertThat(reasonOf(() -> timing(2_000, 1_049, 1_500, 200, 300, 0, 500, 0)))
                .contains("loaxa.playout.decide-ahead (1049 ms) must be at least", "= 1050 ms");
        // A positive output latency is audio still to leave the card; a negative one buys nothing.
        assertThat(reasonOf(() -> timing(2_000, 1_100, 1_500, 200, 300, 51, 500, 0))).contains("= 1101 ms");
        timing(2_000, 1_050, 1_500, 200, 300, -100, 500, 0);
    }

    @Test
    void a_late_start_leaves_time_to_prime_the_line() {
        timing(2_000, 1_200, 1_500, 200, 300, 0, 200, 0);
        assertThat(reasonOf(() -> timing(2_000, 1_200, 1_500, 200, 300, 0, 199, 0)))
                .contains("loaxa.playout.late-start (199 ms) must be at least loaxa.audio.line-buffer (200 ms)");
    }

    @Test
    void nothing_is_negative_and_the_buffer_and_latency_are_in_range() {
        assertThat(reasonOf(() -> timing(2_000, 1_200, 1_500, 200, 300, 0, 500, -1)))
                .contains("loaxa.playout.grace (-1 ms) must not be negative");
        assertThat(reasonOf(() -> timing(2_000, 1_200, 1_500, 200, -1, 0, 500, 0)))
                .contains("loaxa.audio.fade-out (-1 ms) must not be negative");
        assertThat(reasonOf(() -> timing(2_000, 1_200, 1_500, 19, 300, 0, 500, 0)))
                .contains("loaxa.audio.line-buffer (19 ms) must be 20..2000 ms");
        assertThat(reasonOf(() -> timing(2_000, 1_200, 1_500, 200, 300, 1_001, 500, 0)))
                .contains("loaxa.audio.output-latency (1001 ms) must be within 1000 ms either way");
    }

    @Test
    void every_broken_relation_is_named_at_once() {
        assertThatThrownBy(() -> timing(600, 300, 400, 200, 300, 0, 100, 0))
                .isInstanceOfSatisfying(InvalidTimingException.class, e -> assertThat(e.problems()).hasSize(4))
                .hasMessageStartingWith("The playout timing would make the first sample late, so the station does not start");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({EngineProperties.class, AudioOutputProperties.class,
            vn.loaxa.schedule.PlayoutProperties.class})
    static class Bound {
    }

    private final ApplicationContextRunner station = new ApplicationContextRunner()
            .withUserConfiguration(Bound.class, PlayoutWiring.class);

    @Test
    void a_station_configured_to_start_late_does_not_start_and_says_why() {
        station.withPropertyValues("loaxa.audio.lead=600ms").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidTimingException.class)
                    .hasMessageContaining("loaxa.audio.lead (600 ms) must be at least loaxa.audio.line-buffer (200 ms)");
        });
        station.run(context -> assertThat(context).hasNotFailed().getBean(PlayoutTiming.class)
                .extracting(PlayoutTiming::decideAhead).isEqualTo(ms(1_200)));
        station.withPropertyValues("loaxa.playout.fire-ahead=3s", "loaxa.audio.line-buffer=300ms").run(context ->
                assertThat(context.getBean(PlayoutTiming.class)).extracting(PlayoutTiming::fireAhead,
                        PlayoutTiming::lineBuffer).containsExactly(ms(3_000), ms(300)));
    }
}
