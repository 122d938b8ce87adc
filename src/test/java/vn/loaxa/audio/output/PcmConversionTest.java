package vn.loaxa.audio.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;
import vn.loaxa.audio.testsupport.ArrayPcmStream;
import vn.loaxa.audio.testsupport.Signals;

class PcmConversionTest {

    private static final PcmFormat CD = PcmFormat.CD_STEREO;

    @Test
    void passes_samples_through_bit_exact_when_the_format_already_matches() throws IOException {
        short[] noise = Signals.noise(CD, 10_000, 1, 32_767);
        ArrayPcmStream source = new ArrayPcmStream(CD, noise);

        PcmStream converted = PcmConversion.toFormat(source, CD);

        assertThat(Signals.readAll(converted)).isEqualTo(noise);
    }

    @Test
    void duplicates_mono_into_both_stereo_channels() throws IOException {
        PcmFormat mono = new PcmFormat(44_100, 1);
        short[] in = {1, -2, 32_767, -32_768};

        short[] out = Signals.readAll(PcmConversion.toFormat(new ArrayPcmStream(mono, in), CD));

        assertThat(out).containsExactly(1, 1, -2, -2, 32_767, 32_767, -32_768, -32_768);
    }

    @Test
    void averages_stereo_into_mono_rounding_halves_up() throws IOException {
        short[] in = {10, 20, 1, 2, -1, -2, 32_767, 32_767, -32_768, -32_768, 32_767, -32_768};

        short[] out = Signals.readAll(PcmConversion.toFormat(new ArrayPcmStream(CD, in), new PcmFormat(44_100, 1)));

        assertThat(out).containsExactly(15, 2, -1, 32_767, -32_768, 0);
    }

    @ParameterizedTest
    @CsvSource({"8000,44100,1", "8000,44100,12345", "11025,44100,1001", "16000,48000,999", "22050,44100,7",
            "32000,44100,33333", "48000,44100,48001", "44100,48000,44101", "48000,8000,5", "24000,44100,0"})
    void produces_round_of_input_frames_times_rate_ratio(int inRate, int outRate, int frames) throws IOException {
        PcmFormat in = new PcmFormat(inRate, 2);
        short[] source = Signals.noise(in, frames, 2, 1000);

        short[] out = Signals.readAll(PcmConversion.toFormat(new ArrayPcmStream(in, source, 333), new PcmFormat(outRate, 2)));

        long expected = Math.round((double) frames * outRate / inRate);
        assertThat(out.length / 2).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"8000,44100,1000", "16000,44100,3000", "22050,44100,5000", "32000,44100,10000",
            "44100,48000,15000", "48000,44100,15000", "48000,44100,1000", "44100,16000,3000"})
    void keeps_frequency_and_amplitude_of_a_resampled_sine(int inRate, int outRate, double frequency) throws IOException {
        PcmFormat in = new PcmFormat(inRate, 1);
        short[] sine = Signals.sine(in, frequency, 20_000, inRate);

        short[] out = Signals.readAll(PcmConversion.toFormat(new ArrayPcmStream(in, sine, 1000), new PcmFormat(outRate, 1)));

        double[] x = Signals.channel(out, 1, 0);
        // Skip the edges, where the filter sees the silence before the start and after the end.
        double[] fit = Signals.fitSine(x, outRate / 10, outRate * 9 / 10, frequency, outRate);
        assertThat(fit[0]).as("amplitude").isCloseTo(20_000, org.assertj.core.data.Offset.offset(20.0));
        // Residual below -66 dB of the sine's RMS: wrong frequency, images or aliases would show here.
        assertThat(fit[1]).as("residual rms").isLessThan(20_000 / Math.sqrt(2) * 0.0005);
    }

    @ParameterizedTest
    @CsvSource({"48000,44100,22600", "48000,44100,23500", "44100,32000,17000", "32000,16000,8500"})
    void removes_tones_above_the_output_nyquist_frequency_instead_of_aliasing_them(int inRate, int outRate, double frequency)
            throws IOException {
        PcmFormat in = new PcmFormat(inRate, 1);
        short[] sine = Signals.sine(in, frequency, 20_000, inRate);

        short[] out = Signals.readAll(PcmConversion.toFormat(new ArrayPcmStream(in, sine), new PcmFormat(outRate, 1)));

        double[] x = Signals.channel(out, 1, 0);
        double rms = Signals.rms(x, outRate / 10, outRate * 9 / 10);
        // At least 60 dB below the input tone's RMS.
        assertThat(rms).isLessThan(20_000 / Math.sqrt(2) * 0.001);
    }

    @ParameterizedTest
    @CsvSource({"22050,44100,100", "48000,44100,4800", "8000,48000,800", "44100,48000,441"})
    void adds_no_delay_at_the_start(int inRate, int outRate, int impulseFrame) throws IOException {
        PcmFormat in = new PcmFormat(inRate, 1);
        short[] impulse = new short[inRate / 2];
        impulse[impulseFrame] = 30_000;

        short[] out = Signals.readAll(PcmConversion.toFormat(new ArrayPcmStream(in, impulse), new PcmFormat(outRate, 1)));

        int peak = 0;
        for (int i = 1; i < out.length; i++) {
            if (Math.abs(out[i]) > Math.abs(out[peak])) {
                peak = i;
            }
        }
        assertThat(peak).isEqualTo((int) ((long) impulseFrame * outRate / inRate));
    }

    @Test
    void gives_the_same_samples_whatever_the_read_sizes() throws IOException {
        PcmFormat in = new PcmFormat(22_050, 2);
        short[] noise = Signals.noise(in, 20_000, 3, 20_000);

        short[] small = Signals.readAll(PcmConversion.toFormat(new ArrayPcmStream(in, noise, 7), new PcmFormat(48_000, 1)), 3);
        short[] large = Signals.readAll(PcmConversion.toFormat(new ArrayPcmStream(in, noise), new PcmFormat(48_000, 1)), 100_000);

        assertThat(small).isEqualTo(large);
    }

    @Test
    void closes_the_source_when_closed() throws IOException {
        ArrayPcmStream source = new ArrayPcmStream(new PcmFormat(8000, 1), new short[100]);

        PcmConversion.toFormat(source, CD).close();

        assertThat(source.isClosed()).isTrue();
    }
}
