package vn.loaxa.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.testing.TinyFrameMp3;
import vn.loaxa.testing.Wavs;

/**
 * The length limit stops decoding as soon as the length is known to be too much: an MP3 of 5.5 hours
 * of the tiniest frames (20 MB; decoding it whole takes seconds of CPU) is refused from its frame
 * count before the first frame is decoded, and a WAV that does not say how long it is stops decoding
 * at the limit.
 */
class AudioLengthLimitTest {

    private static final Duration THREE_HOURS = Duration.ofHours(3);

    @TempDir
    Path tmp;

    @Test
    void five_and_a_half_hours_of_tiny_mp3_frames_are_refused_from_the_frame_count_without_decoding() throws Exception {
        var mp3 = TinyFrameMp3.write(tmp.resolve("tin-dai.mp3"), Duration.ofMinutes(330), 1);
        assertThat(Files.size(mp3)).isBetween(19_000_000L, 20_000_000L);

        long began = System.nanoTime();
        assertThatThrownBy(() -> AudioProbe.probe(mp3, THREE_HOURS))
                .isInstanceOfSatisfying(AudioTooLongException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AudioDecodeException.Reason.TOO_LONG);
                    // Known from the survey of frame headers: the whole length, before any decoding.
                    assertThat(e.wholeLength()).isTrue();
                    assertThat(e.durationMs()).isEqualTo(TinyFrameMp3.lengthOf(TinyFrameMp3.frames(
                            Duration.ofMinutes(330))).toMillis());
                    assertThat(e.limitMs()).isEqualTo(THREE_HOURS.toMillis());
                });
        long refusedMs = (System.nanoTime() - began) / 1_000_000;
        // The frame survey reads headers only (about 0.3 s here); a full decode takes 7 s and more.
        assertThat(refusedMs).as("refused in %d ms", refusedMs).isLessThan(3_000);
    }

    @Test
    void the_same_kind_of_file_within_the_limit_is_decoded_whole() throws Exception {
        var mp3 = TinyFrameMp3.write(tmp.resolve("tin-ngan.mp3"), Duration.ofMinutes(2), 2);

        var result = AudioProbe.probe(mp3, Duration.ofMinutes(2).plusSeconds(1));

        assertThat(result.durationMs()).isEqualTo(TinyFrameMp3.lengthOf(TinyFrameMp3.frames(Duration.ofMinutes(2)))
                .toMillis());
        assertThat(result.format().sampleRate()).isEqualTo(8_000);
        assertThat(AudioProbe.probe(mp3).durationMs()).as("no limit").isEqualTo(result.durationMs());
    }

    @Test
    void a_wav_header_that_declares_too_much_is_refused_before_decoding() throws Exception {
        var wav = Wavs.write16(tmp.resolve("dai.wav"), 8_000, 1, new short[8_000 * 90]);

        assertThatThrownBy(() -> AudioProbe.probe(wav, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(AudioTooLongException.class, e -> {
                    assertThat(e.wholeLength()).isTrue();
                    assertThat(e.durationMs()).isEqualTo(90_000);
                    assertThat(e.limitMs()).isEqualTo(60_000);
                });
        assertThat(AudioProbe.probe(wav, Duration.ofSeconds(90)).durationMs()).as("exactly the limit is accepted")
                .isEqualTo(90_000);
    }

    @Test
    void a_wav_that_does_not_say_its_length_stops_decoding_at_the_limit() throws Exception {
        // A streaming writer's header: RIFF and data sizes left at 0xFFFFFFFF, 90 s of samples after it.
        var samples = 8_000 * 90;
        var header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(-1).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8_000).putInt(16_000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(-1);
        var wav = tmp.resolve("luong.wav");
        var bytes = new byte[44 + samples * 2];
        System.arraycopy(header.array(), 0, bytes, 0, 44);
        Files.write(wav, bytes);

        assertThatThrownBy(() -> AudioProbe.probe(wav, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(AudioTooLongException.class, e -> {
                    assertThat(e.wholeLength()).as("the length is not known, only that it is more").isFalse();
                    // Stopped within one read (4096 frames, half a second) of the limit, not at 90 s.
                    assertThat(e.durationMs()).isBetween(60_000L, 60_600L);
                });
        assertThat(AudioProbe.probe(wav, Duration.ofMinutes(2)).durationMs()).isEqualTo(90_000);
    }
}
