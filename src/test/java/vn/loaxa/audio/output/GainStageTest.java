package vn.loaxa.audio.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.testsupport.Signals;

class GainStageTest {

    @Test
    void leaves_samples_bit_exact_at_unity_gain() {
        short[] noise = Signals.noise(PcmFormat.CD_STEREO, 1_000, 7, 32_767);
        short[] copy = noise.clone();

        new GainStage(1.0).apply(copy, 0, 1_000, 2);

        assertThat(copy).isEqualTo(noise);
    }

    @Test
    void scales_with_rounding_and_clips_instead_of_wrapping() {
        short[] samples = {3, -3, 5, -5, 20_000, -20_000};

        new GainStage(0.5).apply(samples, 0, 3, 2);
        assertThat(samples).containsExactly(2, -1, 3, -2, 10_000, -10_000);

        short[] loud = {20_000, -20_000};
        new GainStage(2.0).apply(loud, 0, 1, 2);
        assertThat(loud).containsExactly(32_767, -32_768);
    }

    @Test
    void fades_linearly_to_true_silence_over_the_given_frames() {
        short[] ones = new short[2 * 200];
        java.util.Arrays.fill(ones, (short) 10_000);
        GainStage gain = new GainStage(1.0);

        gain.rampTo(0, 100);
        gain.apply(ones, 0, 200, 2);

        assertThat(ones[0]).isEqualTo((short) 10_000);
        assertThat(ones[2 * 50]).isEqualTo((short) 5_000);
        assertThat(ones[2 * 99]).isEqualTo((short) 100);
        for (int frame = 1; frame < 100; frame++) {
            assertThat(ones[2 * frame]).isLessThan(ones[2 * (frame - 1)]);
            assertThat(ones[2 * frame + 1]).isEqualTo(ones[2 * frame]);
        }
        for (int i = 2 * 100; i < ones.length; i++) {
            assertThat(ones[i]).isZero();
        }
        assertThat(gain.isSilenced()).isTrue();
    }

    @Test
    void returns_to_bit_exact_once_a_ramp_back_to_unity_ends() {
        GainStage gain = new GainStage(0.5);
        gain.rampTo(1.0, 10);
        gain.apply(new short[20], 0, 10, 2);
        short[] noise = Signals.noise(PcmFormat.CD_STEREO, 100, 8, 32_767);
        short[] copy = noise.clone();

        gain.apply(copy, 0, 100, 2);

        assertThat(gain.isRamping()).isFalse();
        assertThat(copy).isEqualTo(noise);
    }

    @Test
    void rejects_negative_or_excessive_gain() {
        assertThatThrownBy(() -> new GainStage(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GainStage(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GainStage(1.0).rampTo(5.0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
