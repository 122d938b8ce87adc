package vn.loaxa.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The per-item loudness gain of decision 0034: target against measurement, held under the ceiling. */
class LoudnessGainTest {

    private static final double TARGET = -16.0;
    private static final double CEILING = -1.0;

    @Test
    void a_quiet_item_is_lifted_by_the_difference_to_the_target() {
        assertThat(LoudnessGain.gainDb(-23.0, -12.0, TARGET, CEILING)).isEqualTo(7.0);
    }

    @Test
    void a_loud_item_is_lowered_by_the_difference_to_the_target() {
        assertThat(LoudnessGain.gainDb(-9.5, -0.2, TARGET, CEILING)).isEqualTo(-6.5);
    }

    @Test
    void an_item_on_the_target_is_left_alone() {
        assertThat(LoudnessGain.gainDb(-16.0, -3.0, TARGET, CEILING)).isEqualTo(0.0);
    }

    @Test
    void the_ceiling_limits_a_lift_that_would_push_the_peak_over_it() {
        // Wants +10 dB, but its peak at -4 dBFS may rise only 3 dB to reach -1.
        assertThat(LoudnessGain.gainDb(-26.0, -4.0, TARGET, CEILING)).isEqualTo(3.0);
    }

    @Test
    void an_item_already_peaking_above_the_ceiling_is_lowered_to_it() {
        assertThat(LoudnessGain.gainDb(-16.0, 0.0, TARGET, CEILING)).isEqualTo(-1.0);
    }

    @Test
    void a_missing_measurement_gives_zero_db() {
        assertThat(LoudnessGain.gainDb(null, -3.0, TARGET, CEILING)).isEqualTo(0.0);
        assertThat(LoudnessGain.gainDb(Double.NaN, -3.0, TARGET, CEILING)).isEqualTo(0.0);
        assertThat(LoudnessGain.linear(0.0)).isEqualTo(1.0);
    }

    @Test
    void a_lift_is_bounded_by_what_the_player_can_apply() {
        double gain = LoudnessGain.gainDb(-60.0, -50.0, TARGET, CEILING);
        assertThat(gain).isEqualTo(12.04);
        assertThat(LoudnessGain.linear(gain)).isLessThanOrEqualTo(4.0);
    }

    @Test
    void the_target_is_a_setting_not_a_constant() {
        assertThat(LoudnessGain.gainDb(-23.0, -20.0, -20.0, CEILING)).isEqualTo(3.0);
        assertThat(LoudnessGain.gainDb(-23.0, -20.0, -14.0, -6.0)).isEqualTo(9.0);
    }

    @Test
    void gains_are_kept_to_hundredths_and_linear_is_the_db_factor() {
        assertThat(LoudnessGain.gainDb(-19.333, -12.0, TARGET, CEILING)).isEqualTo(3.33);
        assertThat(LoudnessGain.linear(6.0)).isCloseTo(1.9953, within(1e-4));
        assertThat(LoudnessGain.linear(-20.0)).isCloseTo(0.1, within(1e-12));
    }
}
