package vn.loaxa.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.audio.AudioDecodeException;
import vn.loaxa.audio.AudioDecoders;
import vn.loaxa.audio.PcmStream;
import vn.loaxa.library.ImportRejectedException.Code;
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

@WithMockUser(username = "can.bo.dai", roles = "OPERATOR")
class LibraryServiceTest extends SpringTest {

    @Autowired
    LibraryService library;

    @Autowired
    AudioLimits limits;

    @Autowired
    StationSettings settings;

    @TempDir
    Path tmp;

    @Test
    void imports_a_wav_with_exact_duration_format_and_checksum_under_a_safe_name() throws Exception {
        var samples = Wavs.sine(44_100, 2, 1.5, 523.25, 0.4);
        var wav = Wavs.write16(tmp.resolve("x.wav"), 44_100, 2, samples);

        var imported = importAs(wav, "Thông báo lịch tiêm chủng đợt 2.wav", "  Tiêm chủng  ");

        var a = imported.asset();
        assertThat(imported.duplicate()).isFalse();
        assertThat(a.title()).isEqualTo("Tiêm chủng");
        assertThat(a.originalFilename()).isEqualTo("Thông báo lịch tiêm chủng đợt 2.wav");
        assertThat(a.storedName()).matches("thong-bao-lich-tiem-chung-dot-2-[0-9a-f]{12}\\.wav");
        assertThat(a.frames()).isEqualTo(66_150);
        assertThat(a.durationMs()).isEqualTo(1_500);
        assertThat(a.sampleRate()).isEqualTo(44_100);
        assertThat(a.channels()).isEqualTo(2);
        assertThat(a.sha256()).isEqualTo(sha256(wav));
        assertThat(a.peakDbfs()).isCloseTo(20 * Math.log10(0.4), org.assertj.core.data.Offset.offset(0.1));
        var stored = library.fileOf(a);
        assertThat(stored).exists().hasSameBinaryContentAs(wav);
        // What is stored plays back sample for sample.
        assertThat(decodeAll(stored)).containsExactly(samples);
    }

    @Test
    void the_same_content_imported_twice_is_the_same_asset() throws Exception {
        var wav = Wavs.write16(tmp.resolve("a.wav"), 22_050, 1, Wavs.sine(22_050, 1, 0.5, 300, 0.3));
        var first = importAs(wav, "ban-tin.wav", null);
        var second = importAs(wav, "bản tin (bản sao).wav", "Khác");

        assertThat(second.duplicate()).isTrue();
        assertThat(second.asset().id()).isEqualTo(first.asset().id());
        assertThat(second.asset().title()).isEqualTo(first.asset().title());
        assertThat(library.findAll().stream().filter(x -> x.sha256().equals(first.asset().sha256()))).hasSize(1);
    }

    @Test
    void wav_variants_8_24_32_bit_float_and_extensible_import_with_rounded_16_bit_samples() throws Exception {
        // 24-bit: 0x123456 -> 0x1234 + round(0x56/0x100) = 0x1234; 0x1280 rounds up to 0x13.
        var pcm24 = ByteBuffer.allocate(4410 * 3).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4410; i++) {
            int v = (i % 2 == 0) ? 0x123456 : 0x001280;
            pcm24.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
        }
        var w24 = Wavs.write(tmp.resolve("24.wav"), 1, 44_100, 1, 24, pcm24.array(), true);
        try (var s = AudioDecoders.open(w24)) {
            var buf = new short[4];
            assertThat(s.read(buf, 0, 2)).isEqualTo(2);
            assertThat(buf[0]).isEqualTo((short) 0x1234);
            assertThat(buf[1]).isEqualTo((short) 0x0013);
        }
        var u8 = new byte[8000];
        java.util.Arrays.fill(u8, (byte) 0xC0); // +64 above the unsigned midpoint
        var w8 = Wavs.write(tmp.resolve("8.wav"), 1, 8_000, 1, 8, u8, false);
        try (var s = AudioDecoders.open(w8)) {
            var buf = new short[1];
            s.read(buf, 0, 1);
            assertThat(buf[0]).isEqualTo((short) (64 << 8));
        }
        var f32 = ByteBuffer.allocate(48_000 * 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 48_000 * 2; i++) {
            f32.putFloat(0.5f);
        }
        var wf = Wavs.write(tmp.resolve("f.wav"), 3, 48_000, 2, 32, f32.array(), true);
        try (var s = AudioDecoders.open(wf)) {
            var buf = new short[2];
            s.read(buf, 0, 1);
            assertThat(buf).containsExactly((short) 16384, (short) 16384);
        }
        assertThat(importAs(w24, "24bit.wav", null).asset().sampleRate()).isEqualTo(44_100);
        assertThat(importAs(wf, "float.wav", null).asset().durationMs()).isEqualTo(1_000);
    }

    @Test
    void refuses_bad_input_with_a_reason_and_leaves_nothing_behind() throws Exception {
        var before = library.findAll().size();
        var filesBefore = listAudioDir();

        assertRejected(Files.write(tmp.resolve("empty.wav"), new byte[0]), "empty.wav", Code.EMPTY_FILE);
        assertRejected(Files.writeString(tmp.resolve("note.mp3"), "Đây là văn bản, không phải âm thanh.\n".repeat(50)),
                "note.mp3", Code.NOT_AUDIO);
        var png = new byte[2048];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
        assertRejected(Files.write(tmp.resolve("anh.wav"), png), "anh.wav", Code.NOT_AUDIO);
        // A big-endian WAV: audio, but of a kind neither decoded nor converted.
        assertRejected(Files.write(tmp.resolve("x.wav"), "RIFX\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)),
                "x.wav", Code.UNSUPPORTED_FORMAT);

        var whole = Files.readAllBytes(Wavs.write16(tmp.resolve("w.wav"), 44_100, 2, Wavs.sine(44_100, 2, 1, 440, 0.5)));
        var cut = Files.write(tmp.resolve("cut.wav"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertRejected(cut, "cut.wav", Code.TRUNCATED);

        var tiny = Wavs.write16(tmp.resolve("tiny.wav"), 44_100, 1, Wavs.sine(44_100, 1, 0.01, 440, 0.5));
        assertRejected(tiny, "tiny.wav", Code.TOO_SHORT);

        var big = Files.write(tmp.resolve("big.wav"), new byte[(int) library.maxFileSizeBytes() + 1]);
        assertRejected(big, "big.wav", Code.TOO_LARGE);

        assertThat(library.findAll()).hasSize(before);
        assertThat(listAudioDir()).isEqualTo(filesBefore);
    }

    @Test
    void a_failing_upload_stream_leaves_no_partial_file() throws Exception {
        var filesBefore = listAudioDir();
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (++n > 100_000) {
                    throw new IOException("No space left on device");
                }
                return 0;
            }
        };
        assertThatThrownBy(() -> library.importFile(failing, "x.wav", null, "test"))
                .isInstanceOfSatisfying(ImportRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(Code.STORAGE_FAILED));
        assertThat(listAudioDir()).isEqualTo(filesBefore);
    }

    @Test
    void a_checked_file_imports_without_a_second_decode_only_while_its_bytes_and_the_limit_are_the_same()
            throws Exception {
        // 70 s: over the smallest limit an admin can set (1 min).
        var wav = Wavs.write16(tmp.resolve("check.wav"), 8_000, 1, Wavs.sine(8_000, 1, 70, 611, 0.3));
        var checked = library.check(wav);
        assertThat(checked.durationMs()).isEqualTo(70_000);

        // The limit is part of what was proved: lowered after the check, the import refuses the file.
        try {
            RunAs.run("admin", "ADMIN", () -> {
                limits.setMaxAudioMinutes(1);
                return null;
            });
            assertRejected(wav, "check.wav", Code.TOO_LONG);
        } finally {
            RunAs.run("admin", "ADMIN", () -> {
                settings.resetToDefault(AudioLimits.MAX_AUDIO_MINUTES);
                return null;
            });
        }

        // Other bytes under the checked file's name are decoded and refused: nothing is vouched for by name.
        var bytes = Files.readAllBytes(wav);
        var broken = java.util.Arrays.copyOf(bytes, bytes.length);
        broken[0] = 'X';
        Files.write(wav, broken);
        assertThatThrownBy(() -> library.check(wav)).isInstanceOf(AudioDecodeException.class);
        assertRejected(wav, "check.wav", Code.NOT_AUDIO);

        // The checked bytes themselves import with what the check measured.
        Files.write(wav, bytes);
        var imported = importAs(wav, "check.wav", null).asset();
        assertThat(imported.sha256()).isEqualTo(sha256(wav));
        assertThat(imported.durationMs()).isEqualTo(checked.durationMs());
        assertThat(imported.frames()).isEqualTo(checked.frames());
    }

    private void assertRejected(Path file, String name, Code code) {
        assertThatThrownBy(() -> importAs(file, name, null))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private LibraryService.Imported importAs(Path file, String name, String title) throws Exception {
        try (var in = new ByteArrayInputStream(Files.readAllBytes(file))) {
            return library.importFile(in, name, title, "test");
        }
    }

    private java.util.List<String> listAudioDir() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve("audio"))) {
            return s.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
        }
    }

    static short[] decodeAll(Path file) throws IOException {
        try (PcmStream s = AudioDecoders.open(file)) {
            var out = new java.util.ArrayList<Short>();
            var buf = new short[4096];
            int n;
            while ((n = s.read(buf, 0, 4096 / s.format().channels())) >= 0) {
                for (int i = 0; i < n * s.format().channels(); i++) {
                    out.add(buf[i]);
                }
            }
            var arr = new short[out.size()];
            for (int i = 0; i < arr.length; i++) {
                arr[i] = out.get(i);
            }
            return arr;
        }
    }

    static String sha256(Path p) throws Exception {
        var md = java.security.MessageDigest.getInstance("SHA-256");
        return java.util.HexFormat.of().formatHex(md.digest(Files.readAllBytes(p)));
    }
}
