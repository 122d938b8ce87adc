package vn.loaxa.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.testsupport.Signals;

class DtmfTonesTest {

    private static final List<String> ALL_SYMBOLS = List.of("123A", "456B", "789C", "*0#D");
    private static final PcmFormat MONO_48K = new PcmFormat(48_000, 1);
    private static final PcmFormat MONO_8K = new PcmFormat(8_000, 1);

    @ParameterizedTest
    @ValueSource(strings = {"44100/2", "48000/1", "8000/1", "8000/2", "192000/2"})
    void every_symbol_decodes_back_with_its_timing(String spec) throws IOException {
        var parts = spec.split("/");
        var format = new PcmFormat(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        var rate = format.sampleRate();
        var s = DtmfSettings.DEFAULT;

        var tones = DtmfDetector.detect(DtmfTones.stream(ALL_SYMBOLS, format, s,
                DtmfTones.frames(ALL_SYMBOLS, format, s)));

        assertThat(DtmfDetector.codes(tones, frames(rate, 150))).isEqualTo(ALL_SYMBOLS);
        // Measured where the tone carries half its energy: the full-level part plus half of each ramp.
        var expectedMs = s.toneMs() + DtmfTones.RAMP_MS;
        var symbolMs = s.toneMs() + s.pauseMs() + 2 * DtmfTones.RAMP_MS;
        for (var i = 0; i < tones.size(); i++) {
            var tone = tones.get(i);
            assertThat(tone.millis(rate)).as("length of %s", tone).isCloseTo(expectedMs, within(2.0));
            var code = i / 4;
            var expectedStartMs = i * symbolMs + code * s.pauseMs() + DtmfTones.RAMP_MS / 2.0;
            assertThat(tone.start() * 1000.0 / rate).as("start of %s", tone).isCloseTo(expectedStartMs, within(2.0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8_000, 11_025, 44_100, 48_000, 96_000})
    void the_q24_minimums_still_decode(int rate) throws IOException {
        var format = new PcmFormat(rate, 1);
        var s = new DtmfSettings(-30, 40, 40);
        var codes = List.of("*0#", "D9", "11");

        var tones = DtmfDetector.detect(DtmfTones.stream(codes, format, s, DtmfTones.frames(codes, format, s)));

        assertThat(DtmfDetector.codes(tones, frames(rate, 70))).isEqualTo(codes);
        for (var tone : tones) {
            assertThat(tone.millis(rate)).isBetween(40.0, 46.0);
        }
    }

    @Test
    void frame_counts_are_exact() {
        // 48 kHz: ramps 144, tone 4800, pause 4800 -> 9888 per symbol, plus one pause between codes.
        assertThat(DtmfTones.frames(List.of("*31#"), MONO_48K, DtmfSettings.DEFAULT)).isEqualTo(4 * 9_888);
        assertThat(DtmfTones.frames(List.of("*31#", "#31*"), PcmFormat.CD_STEREO, DtmfSettings.DEFAULT))
                // 44.1 kHz: ramps 132 (3 ms = 132.3), tone 4410, pause 4410 -> 9084.
                .isEqualTo(8 * 9_084 + 4_410);
        assertThat(DtmfTones.frames(List.of("1", "2", "3"), MONO_8K, new DtmfSettings(-20, 45, 60)))
                // 8 kHz: ramps 24, tone 360, pause 480 -> 888.
                .isEqualTo(3 * 888 + 2 * 480);
        assertThat(DtmfTones.frames(List.of(), MONO_8K, DtmfSettings.DEFAULT)).isZero();
    }

    @Test
    void the_stream_is_the_tones_then_silence_to_exactly_the_frames_asked_for() throws IOException {
        var codes = List.of("*31#", "#31*");
        var format = PcmFormat.CD_STEREO;
        var tones = DtmfTones.frames(codes, format, DtmfSettings.DEFAULT);

        var exact = Signals.readAll(DtmfTones.stream(codes, format, DtmfSettings.DEFAULT, tones));
        var padded = Signals.readAll(DtmfTones.stream(codes, format, DtmfSettings.DEFAULT, tones + 12_345), 777);

        assertThat(exact).hasSize((int) tones * 2);
        assertThat(padded).hasSize((int) (tones + 12_345) * 2);
        for (var i = 0; i < exact.length; i++) {
            assertThat(padded[i]).isEqualTo(exact[i]);
        }
        for (var i = exact.length; i < padded.length; i++) {
            assertThat(padded[i]).isZero();
        }
        // The last symbol ends in its pause: the programme that follows starts after true silence.
        var pauseSamples = 2 * 4_410;
        for (var i = exact.length - pauseSamples; i < exact.length; i++) {
            assertThat(exact[i]).isZero();
        }
        assertThat(Signals.readAll(DtmfTones.stream(List.of(), format, DtmfSettings.DEFAULT, 100))).hasSize(200);
    }

    @Test
    void the_same_codes_give_the_same_samples() throws IOException {
        var codes = List.of("*31#", "A0");
        var once = Signals.readAll(DtmfTones.stream(codes, MONO_48K, DtmfSettings.DEFAULT, 200_000));
        var again = Signals.readAll(DtmfTones.stream(codes, MONO_48K, DtmfSettings.DEFAULT, 200_000), 1);

        assertThat(again).isEqualTo(once);
        assertThat(once).isNotEqualTo(new short[once.length]);
    }

    @Test
    void a_stream_shorter_than_its_tones_is_refused() {
        var codes = List.of("*31#");
        var frames = DtmfTones.frames(codes, MONO_48K, DtmfSettings.DEFAULT);

        assertThatThrownBy(() -> DtmfTones.stream(codes, MONO_48K, DtmfSettings.DEFAULT, frames - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need " + frames + " frames");
    }

    @Test
    void codes_outside_the_keypad_are_refused_with_the_reason() {
        assertThatThrownBy(() -> DtmfTones.validateCode("")).hasMessageContaining("at least one digit");
        assertThatThrownBy(() -> DtmfTones.validateCode("12345678901234567")).hasMessageContaining("at most 16");
        assertThatThrownBy(() -> DtmfTones.validateCode("*3a#"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' at position 3");
        assertThatThrownBy(() -> DtmfTones.validateCode("*31# ")).hasMessageContaining("U+0020 at position 5");
        assertThatThrownBy(() -> DtmfTones.validateCode("E")).hasMessageContaining("only 0-9, *, # and A-D");
        assertThatThrownBy(() -> DtmfTones.frames(List.of("*31#", "x"), MONO_8K, DtmfSettings.DEFAULT))
                .hasMessageContaining("\"x\"");

        DtmfTones.validateCode("0123456789*#ABCD");
        DtmfTones.validateCode("5");
    }

    @Test
    void settings_below_q24_or_outside_the_level_range_are_refused() {
        assertThatThrownBy(() -> DtmfTones.validateSettings(new DtmfSettings(-10, 39, 100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tone length must be 40 to 1000 ms")
                .hasMessageEndingWith(": 39");
        assertThatThrownBy(() -> DtmfTones.validateSettings(new DtmfSettings(-10, 100, 39)))
                .hasMessageContaining("pause must be 40 to 1000 ms");
        assertThatThrownBy(() -> DtmfTones.validateSettings(new DtmfSettings(-31, 100, 100)))
                .hasMessageContaining("level must be -30 to -7 dBFS");
        assertThatThrownBy(() -> DtmfTones.validateSettings(new DtmfSettings(-6, 100, 100)))
                .hasMessageContaining("level must be -30 to -7 dBFS");
        assertThatThrownBy(() -> DtmfTones.validateSettings(new DtmfSettings(Double.NaN, 100, 100)))
                .hasMessageContaining("level must be");
        assertThatThrownBy(() -> DtmfTones.stream(List.of("1"), MONO_8K, new DtmfSettings(-10, 30, 100), 100_000))
                .hasMessageContaining("tone length");

        DtmfTones.validateSettings(DtmfSettings.DEFAULT);
        DtmfTones.validateSettings(new DtmfSettings(-30, 40, 40));
        DtmfTones.validateSettings(new DtmfSettings(-7, 1_000, 1_000));
    }

    @Test
    void each_frequency_has_the_set_level_and_the_pair_peaks_6_db_higher() throws IOException {
        var rate = 48_000;
        var x = Signals.channel(Signals.readAll(
                DtmfTones.stream(List.of("1"), MONO_48K, DtmfSettings.DEFAULT, 10_000)), 1, 0);
        var fullFrom = 144;
        var fullTo = 144 + 4_800;
        var expected = 32_767 * Math.pow(10, -10 / 20.0);

        assertThat(Signals.fitSine(x, fullFrom, fullTo, 697, rate)[0]).isCloseTo(expected, within(expected * 0.01));
        assertThat(Signals.fitSine(x, fullFrom, fullTo, 1209, rate)[0]).isCloseTo(expected, within(expected * 0.01));
        var peakDbfs = 20 * Math.log10(peak(x, 0, x.length) / 32_767);
        assertThat(peakDbfs).isBetween(-4.3, -3.97);

        var loudest = Signals.channel(Signals.readAll(
                DtmfTones.stream(List.of("D"), MONO_48K, new DtmfSettings(-7, 1_000, 40), 60_000)), 1, 0);
        assertThat(peak(loudest, 0, loudest.length)).isLessThan(32_767 * Math.pow(10, -0.9 / 20));
    }

    @Test
    void tones_start_and_end_at_zero_without_clicks() throws IOException {
        var s = DtmfSettings.DEFAULT;
        var codes = List.of("*31#", "D");
        var x = Signals.channel(Signals.readAll(
                DtmfTones.stream(codes, MONO_48K, s, DtmfTones.frames(codes, MONO_48K, s))), 1, 0);
        var ramp = 144;
        var sounding = 2 * ramp + 4_800;
        var full = 32_767 * Math.pow(10, -10 / 20.0);

        for (var i = 0; i < 5; i++) {
            var start = i * 9_888 + (i == 4 ? 4_800 : 0);
            assertThat(Math.abs(x[start])).as("first sample of tone %d", i).isLessThan(1.0);
            assertThat(Math.abs(x[start + 1])).isLessThan(full * 0.01);
            assertThat(Math.abs(x[start + sounding - 1])).as("last sample of tone %d", i).isLessThan(full * 0.01);
            if (start > 0) {
                assertThat(x[start - 1]).isZero();
            }
            assertThat(x[start + sounding]).isZero();
            // The envelope rises over the ramp instead of stepping: the first millisecond stays low.
            assertThat(peak(x, start, start + 48)).isLessThan(full * 2 * 0.3);
            assertThat(peak(x, start + sounding - 48, start + sounding)).isLessThan(full * 2 * 0.3);
            // And no step between neighbours is larger than the full-level tone's own steepest one.
            var steepest = 2 * full * 2 * Math.PI * 1_633 / 48_000;
            for (var n = start; n < start + sounding; n++) {
                assertThat(Math.abs(x[n + 1] - x[n])).isLessThan(steepest * 1.02);
            }
        }
    }

    @Test
    void codes_of_two_villages_are_separated_by_a_double_pause() throws IOException {
        var rate = 48_000;
        var s = new DtmfSettings(-12, 80, 60);
        var codes = List.of("*31#", "*32#");

        var tones = DtmfDetector.detect(DtmfTones.stream(codes, MONO_48K, s, DtmfTones.frames(codes, MONO_48K, s)));

        assertThat(DtmfDetector.symbols(tones)).isEqualTo("*31#*32#");
        for (var i = 1; i < tones.size(); i++) {
            var gapMs = (tones.get(i).start() - tones.get(i - 1).end()) * 1000.0 / rate;
            var expected = (i == 4 ? 2 * s.pauseMs() : s.pauseMs()) + DtmfTones.RAMP_MS;
            assertThat(gapMs).as("gap before tone %d", i).isCloseTo(expected, within(2.0));
        }
    }

    @Test
    void tones_over_noise_or_music_still_decode_and_end_before_the_programme() throws IOException {
        var format = PcmFormat.CD_STEREO;
        var rate = format.sampleRate();
        var s = DtmfSettings.DEFAULT;
        var codes = List.of("*31#", "#31*", "0A");
        var toneFrames = DtmfTones.frames(codes, format, s);
        var total = toneFrames + rate / 4;
        var programmeStart = (int) total;
        var length = programmeStart + 2 * rate;
        var tones = Signals.readAll(DtmfTones.stream(codes, format, s, total));

        // Either bed runs under the tones and on as the programme: noise at -25 dBFS RMS, or a music-like
        // note (440 Hz and harmonics, -18 dBFS RMS, 8 dB below the tone pair).
        var noise = Signals.noise(format, length, 11, 3_000);
        var music = musicLike(format, length);
        for (var bed : List.of(noise, music)) {
            var mix = new short[length * 2];
            for (var i = 0; i < mix.length; i++) {
                var tone = i < tones.length ? tones[i] : 0;
                mix[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, tone + bed[i]));
            }

            var detected = DtmfDetector.detect(format, mix);

            assertThat(DtmfDetector.symbols(detected)).isEqualTo("*31##31*0A");
            assertThat(detected).allSatisfy(t -> assertThat(t.end()).isLessThanOrEqualTo(toneFrames));
            assertThat(detected).allSatisfy(t -> assertThat(t.millis(rate)).isBetween(80.0, 115.0));
        }
    }

    @Test
    void speech_and_music_like_programmes_give_no_symbols() {
        var format = new PcmFormat(48_000, 2);
        var frames = 4 * 48_000;

        assertThat(DtmfDetector.detect(format, sweep(format, frames, 150, 4_000))).isEmpty();
        assertThat(DtmfDetector.detect(format, voiceLike(format, frames))).isEmpty();
        assertThat(DtmfDetector.detect(format, musicLike(format, frames))).isEmpty();
        assertThat(DtmfDetector.detect(format, Signals.noise(format, frames, 5, 20_000))).isEmpty();
        assertThat(DtmfDetector.detect(format, new short[frames * 2])).isEmpty();
        // Two single notes at DTMF frequencies, one after the other, are not a pair.
        var lowThenHigh = new short[2 * 48_000 * 2];
        System.arraycopy(Signals.sine(format, 770, 8_000, 48_000), 0, lowThenHigh, 0, 96_000);
        System.arraycopy(Signals.sine(format, 1_336, 8_000, 48_000), 0, lowThenHigh, 96_000, 96_000);
        assertThat(DtmfDetector.detect(format, lowThenHigh)).isEmpty();
    }

    @Test
    void a_tone_shorter_than_40_ms_is_not_a_symbol() {
        var format = MONO_48K;
        var pair = new short[48_000];
        for (var n = 0; n < 30 * 48; n++) {
            pair[10_000 + n] = (short) (8_000 * (Math.sin(2 * Math.PI * 852 * n / 48_000.0)
                    + Math.sin(2 * Math.PI * 1_477 * n / 48_000.0)));
        }
        for (var n = 0; n < 60 * 48; n++) {
            pair[30_000 + n] = (short) (8_000 * (Math.sin(2 * Math.PI * 852 * n / 48_000.0)
                    + Math.sin(2 * Math.PI * 1_477 * n / 48_000.0)));
        }

        var tones = DtmfDetector.detect(format, pair);

        assertThat(tones).hasSize(1);
        assertThat(tones.getFirst().symbol()).isEqualTo('9');
        assertThat(tones.getFirst().start()).isCloseTo(30_000, within(48L));
        assertThat(tones.getFirst().end()).isCloseTo(30_000 + 60 * 48, within(48L));
    }

    /** A linear sweep, like a voice gliding across the DTMF band. */
    private static short[] sweep(PcmFormat format, int frames, double fromHz, double toHz) {
        var out = new short[frames * format.channels()];
        var rate = format.sampleRate();
        var phase = 0.0;
        for (var i = 0; i < frames; i++) {
            phase += 2 * Math.PI * (fromHz + (toHz - fromHz) * i / frames) / rate;
            var v = (short) Math.round(10_000 * Math.sin(phase));
            for (var c = 0; c < format.channels(); c++) {
                out[i * format.channels() + c] = v;
            }
        }
        return out;
    }

    /**
     * A vowel-like signal: a 110..180 Hz fundamental with vibrato and 30 harmonics shaped by two formants
     * near 750 and 1250 Hz, so that harmonics regularly sit on DTMF frequencies in both groups.
     */
    private static short[] voiceLike(PcmFormat format, int frames) {
        var out = new short[frames * format.channels()];
        var rate = format.sampleRate();
        var phase = 0.0;
        var random = new SplittableRandom(3);
        for (var i = 0; i < frames; i++) {
            var f0 = 145 + 35 * Math.sin(2 * Math.PI * 0.7 * i / rate) + 5 * Math.sin(2 * Math.PI * 5.5 * i / rate);
            phase += 2 * Math.PI * f0 / rate;
            var v = 0.0;
            for (var h = 1; h <= 30; h++) {
                var f = h * f0;
                var gain = 1 / (1 + Math.pow((f - 750) / 120, 2)) + 0.8 / (1 + Math.pow((f - 1_250) / 150, 2))
                        + 0.05 / h;
                v += gain * Math.sin(h * phase);
            }
            var s = (short) Math.round(5_000 * v + random.nextInt(-200, 200));
            for (var c = 0; c < format.channels(); c++) {
                out[i * format.channels() + c] = s;
            }
        }
        return out;
    }

    /** A 440 Hz note with falling harmonics (880 and 1320 Hz lie near 852 and 1336 Hz), -18 dBFS RMS. */
    private static short[] musicLike(PcmFormat format, int frames) {
        var out = new short[frames * format.channels()];
        var rate = format.sampleRate();
        for (var i = 0; i < frames; i++) {
            var t = 2 * Math.PI * 440 * i / rate;
            var v = Math.sin(t) + 0.5 * Math.sin(2 * t + 0.3) + 0.35 * Math.sin(3 * t + 1.1) + 0.2 * Math.sin(4 * t);
            var s = (short) Math.round(4_700 * v);
            for (var c = 0; c < format.channels(); c++) {
                out[i * format.channels() + c] = s;
            }
        }
        return out;
    }

    private static double peak(double[] x, int from, int to) {
        var peak = 0.0;
        for (var i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(x[i]));
        }
        return peak;
    }

    private static long frames(int rate, int ms) {
        return (long) rate * ms / 1000;
    }
}
