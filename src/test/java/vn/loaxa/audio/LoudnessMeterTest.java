package vn.loaxa.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

import vn.loaxa.testing.Wavs;

class LoudnessMeterTest {

    @Test
    void a_1khz_sine_at_minus_20_dbfs_on_one_channel_reads_minus_23_lufs() {
        // BS.1770: a 997 Hz full-scale sine on one channel reads -3.01 LUFS; -20 dB lower gives -23.01.
        var meter = new LoudnessMeter(48_000, 1);
        var s = Wavs.sine(48_000, 1, 5, 997, 0.1);
        meter.accept(s, 0, s.length);
        assertThat(meter.integratedLufs()).isCloseTo(-23.0, offset(0.1));
    }

    @Test
    void stereo_counts_both_channels_and_other_rates_give_the_same_reading() {
        var meter = new LoudnessMeter(44_100, 2);
        var s = Wavs.sine(44_100, 2, 5, 997, 0.1);
        meter.accept(s, 0, s.length / 2);
        assertThat(meter.integratedLufs()).isCloseTo(-20.0, offset(0.1));
    }

    @Test
    void silence_and_audio_shorter_than_a_block_have_no_loudness() {
        var meter = new LoudnessMeter(44_100, 1);
        meter.accept(new short[44_100], 0, 44_100);
        assertThat(meter.integratedLufs()).isNaN();
        var shortOne = new LoudnessMeter(44_100, 1);
        var s = Wavs.sine(44_100, 1, 0.3, 997, 0.5);
        shortOne.accept(s, 0, s.length);
        assertThat(shortOne.integratedLufs()).isNaN();
    }
}
