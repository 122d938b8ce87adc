package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import vn.loaxa.watch.WatchAlerts;
import vn.loaxa.watch.WatchProperties;

/** A jump the clock watch sees becomes an alert with its size and when, shown for a while, then gone. */
class ClockJumpAlertsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void a_jump_is_an_alert_with_its_size_and_times_until_its_time_is_up() {
        var now = new AtomicReference<>(Instant.parse("2026-12-03T00:00:00Z"));
        var nanos = new AtomicLong();
        var clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZONE;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        var watch = new ClockWatch(clock, nanos::get);
        var alerts = new WatchAlerts(clock);
        new ClockJumpAlerts(watch, alerts, properties(), clock);

        watch.sample();
        // One second later by the monotonic clock, 91 s later by the wall clock: a 90 s step forward.
        nanos.addAndGet(1_000_000_000L);
        now.set(now.get().plusSeconds(91));
        assertThat(watch.sample()).isNotNull();

        assertThat(alerts.current()).singleElement().satisfies(c -> {
            assertThat(c.code()).isEqualTo("CLOCK_JUMPED");
            assertThat(c.args()).containsExactly("+90.0", "03/12/2026 07:00:00", "03/12/2026 07:01:31");
        });

        now.set(now.get().plus(Duration.ofMinutes(59)));
        assertThat(alerts.current()).hasSize(1);
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(alerts.current()).isEmpty();
    }

    private static WatchProperties properties() {
        return new WatchProperties(true, Duration.ofMinutes(5), org.springframework.util.unit.DataSize.ofGigabytes(1),
                5, Duration.ofMinutes(10), Duration.ofSeconds(10), "timedatectl", "w32tm", Duration.ofDays(7),
                Duration.ofMinutes(10), org.springframework.util.unit.DataSize.ofMegabytes(20), Duration.ofHours(1));
    }
}
