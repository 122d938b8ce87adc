package vn.loaxa.audio.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineClockTest {

    private static final long ZERO = 5_000_000_000L;

    @Test
    void takes_the_centre_of_a_position_that_moves_in_steps() {
        LineClock clock = new LineClock(44_100);
        // Position quantised to 882-frame (20 ms) steps, rounded to the nearest step, observed every 7 ms.
        for (int i = 0; i < 140; i++) {
            long time = ZERO + i * 7_000_000L;
            double trueFrame = (time - ZERO) * 44_100 / 1e9;
            long reported = Math.round(trueFrame / 882) * 882;
            clock.observe(time, reported);
        }

        assertThat(Math.abs(clock.zeroNanos() - ZERO)).isLessThan(1_000_000L);
        assertThat(clock.frameAt(ZERO + 1_000_000_000L)).isBetween(44_100L - 44, 44_100L + 44);
        assertThat(clock.nanosAt(44_100)).isBetween(ZERO + 999_000_000L, ZERO + 1_001_000_000L);
    }

    @Test
    void is_not_moved_by_a_few_outliers() {
        LineClock clock = new LineClock(1_000);
        for (int i = 0; i < 100; i++) {
            long time = ZERO + i * 10_000_000L;
            long position = i * 10L;
            // Two observations taken 30 ms late, as if the thread had been descheduled.
            clock.observe(i % 50 == 7 ? time + 30_000_000L : time, position);
        }

        assertThat(clock.zeroNanos()).isEqualTo(ZERO);
    }

    @Test
    void forgets_observations_older_than_its_window() {
        LineClock clock = new LineClock(1_000);
        clock.observe(0, 0);
        clock.observe(2_000_000_000L, 1_990);

        assertThat(clock.zeroNanos()).isEqualTo(10_000_000L);
    }
}
