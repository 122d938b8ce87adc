package vn.loaxa.audio.mp3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loaxa.audio.AudioDecodeException;
import vn.loaxa.audio.AudioDecodeException.Reason;
import vn.loaxa.audio.PcmStream;

class Mp3DecoderTest {

    private static final Path AUDIO = Path.of("src", "test", "resources", "audio");

    /**
     * Expected lengths are what mpg123 1.31.2 outputs for each fixture: {@code mpg123 -q -s FILE |
     * wc -c}, divided by 2 bytes and the channel count. With a LAME tag that is the encoder's input
     * length (2.5 s); mono-44k-notag has no tag, so all of its 97 frames are played.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mono-44k-cbr.mp3,      44100, 1, 110250",
        "stereo-44k-cbr.mp3,    44100, 2, 110250",
        "stereo-44k-vbr.mp3,    44100, 2, 110250",
        "stereo-48k-cbr.mp3,    48000, 2, 120000",
        "mono-22k-vbr.mp3,      22050, 1, 55125",
        "stereo-16k-cbr.mp3,    16000, 2, 40000",
        "mono-8k-cbr.mp3,        8000, 1, 20000",
        "mono-44k-notag.mp3,    44100, 1, 111744",
        "id3v2-picture.mp3,     44100, 1, 110250",
        "id3v1.mp3,             44100, 1, 110250",
        "apev2.mp3,             44100, 1, 110250"})
    void trims_lame_delay_and_padding_like_mpg123(String name, int rate, int channels,
            int samples) throws IOException, InterruptedException {
        Path file = AUDIO.resolve(name);
        short[] pcm;
        try (PcmStream s = Mp3Decoder.open(file)) {
            assertThat(s.format().sampleRate()).isEqualTo(rate);
            assertThat(s.format().channels()).isEqualTo(channels);
            pcm = Mp3Conformance.readAll(s);
        }
        assertThat(pcm.length / channels).isEqualTo(samples);
        short[] reference = mpg123(file);
        if (reference != null) {
            assertThat(reference).hasSameSizeAs(pcm);
            int max = 0;
            for (int i = 0; i < pcm.length; i++) {
                max = Math.max(max, Math.abs(pcm[i] - reference[i]));
            }
            assertThat(max).as("max |diff| against mpg123 in LSB").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void skips_an_id3v2_tag_with_an_embedded_picture() throws IOException {
        assertThat(Files.size(AUDIO.resolve("id3v2-picture.mp3")))
                .isGreaterThan(Files.size(AUDIO.resolve("mono-44k-cbr.mp3")) + 3000);
        assertThat(decode("id3v2-picture.mp3")).isEqualTo(decode("mono-44k-cbr.mp3"));
    }

    @Test
    void skips_id3v1_and_apev2_tags_at_the_end() throws IOException {
        short[] plain = decode("mono-44k-cbr.mp3");
        assertThat(decode("id3v1.mp3")).isEqualTo(plain);
        assertThat(decode("apev2.mp3")).isEqualTo(plain);
    }

    @Test
    void rejects_a_file_cut_in_the_middle_of_its_last_frame() {
        assertReason("truncated.mp3", Reason.TRUNCATED);
    }

    @Test
    void rejects_a_file_with_bytes_overwritten_in_the_middle() {
        assertReason("corrupt.mp3", Reason.CORRUPT);
    }

    @Test
    void rejects_an_empty_file() {
        assertReason("empty.mp3", Reason.EMPTY_FILE);
    }

    @Test
    void rejects_a_renamed_text_file() {
        assertReason("text.mp3", Reason.NOT_AUDIO);
    }

    @Test
    void rejects_a_renamed_image() {
        assertReason("image.mp3", Reason.NOT_AUDIO);
    }

    @Test
    void rejects_a_layer_ii_file_as_unsupported() {
        assertThatThrownBy(() -> Mp3Decoder.open(AUDIO.resolve("layer2.mp3")))
                .isInstanceOfSatisfying(AudioDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT))
                .hasMessageContaining("Layer II");
    }

    @Test
    void rejects_random_bytes_as_not_audio(@TempDir Path dir) throws IOException {
        byte[] noise = new byte[50_000];
        new java.util.Random(7).nextBytes(noise);
        Path file = dir.resolve("noise.mp3");
        Files.write(file, noise);
        assertThatThrownBy(() -> Mp3Decoder.open(file)).isInstanceOfSatisfying(
                AudioDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_AUDIO));
    }

    @Test
    void declares_stereo_for_a_stream_that_switches_from_mono_to_stereo(@TempDir Path dir)
            throws IOException {
        // A tagless mono stream followed by the audio frames of a stereo one (its Info frame
        // left out): the same MPEG version and rate, so it is one stream to a decoder.
        byte[] mono = Files.readAllBytes(AUDIO.resolve("mono-44k-notag.mp3"));
        byte[] stereo = Files.readAllBytes(AUDIO.resolve("stereo-44k-cbr.mp3"));
        int stereoInfoFrame = FrameHeader.parse(FrameHeader.wordAt(stereo, 0)).frameLength();
        Path file = dir.resolve("switch.mp3");
        try (var out = Files.newOutputStream(file)) {
            out.write(mono);
            out.write(stereo, stereoInfoFrame, stereo.length - stereoInfoFrame);
        }
        int monoFrames = Mp3Conformance.frameChannels(AUDIO.resolve("mono-44k-notag.mp3")).length;
        int[] channels = Mp3Conformance.frameChannels(file);
        assertThat(channels[0]).isEqualTo(1);
        assertThat(channels[channels.length - 1]).isEqualTo(2);

        short[] pcm;
        try (PcmStream s = Mp3Decoder.open(file)) {
            assertThat(s.format().channels()).isEqualTo(2);
            pcm = Mp3Conformance.readAll(s);
        }
        assertThat(pcm.length / 2).isEqualTo(channels.length * 1152);
        // Mono frames are played on both channels, exactly as the mono file alone decodes.
        short[] alone = decode("mono-44k-notag.mp3");
        for (int i = 0; i < monoFrames * 1152; i++) {
            assertThat(pcm[2 * i]).isEqualTo(alone[i]);
            assertThat(pcm[2 * i + 1]).isEqualTo(alone[i]);
        }
    }

    @Test
    void repacking_a_lame_file_changes_no_sample() throws IOException {
        for (String name : new String[] {"stereo-44k-vbr.mp3", "mono-22k-vbr.mp3",
            "stereo-16k-cbr.mp3", "mono-8k-cbr.mp3"}) {
            try (PcmStream plain = Mp3Decoder.open(AUDIO.resolve(name));
                    PcmStream repacked = Mp3Decoder.open(AUDIO.resolve(name),
                            new Mp3Decoder.Options(true, false))) {
                assertThat(Mp3Conformance.readAll(repacked)).as(name)
                        .isEqualTo(Mp3Conformance.readAll(plain));
            }
        }
    }

    private static short[] decode(String name) throws IOException {
        try (PcmStream s = Mp3Decoder.open(AUDIO.resolve(name))) {
            return Mp3Conformance.readAll(s);
        }
    }

    private static void assertReason(String name, Reason reason) {
        assertThatThrownBy(() -> Mp3Decoder.open(AUDIO.resolve(name)))
                .isInstanceOfSatisfying(AudioDecodeException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    /** mpg123's gapless output, or null when mpg123 is not installed (then only lengths count). */
    private static short[] mpg123(Path file) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("mpg123", "-q", "-s", file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return null;
        }
        var sb = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        short[] pcm = new short[sb.remaining()];
        sb.get(pcm);
        return pcm;
    }
}
