package vn.loaxa.audio.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineClockTest {

    @Test
    void takes_the_tightest_bound_from_positions_that_lag_behind() {
        LineClock clock = new LineClock(44_100);
        long zero = 5_000_000_000L;
        // Positions that lag the true one by up to 18 ms, read up to 2 ms late; a few are exact.
        for (int i = 1; i <= 40; i++) {
            long trueFrame = i * 1_000L;
            long reported = trueFrame - (i % 5) * 200L;
            long time = zero + Math.round(trueFrame * 1e9 / 44_100) + (i % 3) * 1_000_000L;
            clock.observe(time, reported);
        }

        assertThat(Math.abs(clock.zeroNanos() - zero)).isLessThan(1_000_000L);
        assertThat(clock.frameAt(zero + 1_000_000_000L)).isBetween(44_100L - 44, 44_100L + 44);
        assertThat(clock.nanosAt(44_100)).isBetween(zero + 999_000_000L, zero + 1_001_000_000L);
    }

    @Test
    void forgets_observations_older_than_its_window() {
        LineClock clock = new LineClock(1_000);
        clock.observe(0, 0); // an early, too optimistic bound
        clock.observe(2_000_000_000L, 1_990);

        assertThat(clock.zeroNanos()).isEqualTo(10_000_000L);
    }
}
