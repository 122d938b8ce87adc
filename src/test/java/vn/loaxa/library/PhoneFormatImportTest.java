package vn.loaxa.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import vn.loaxa.audio.AudioDecoders;
import vn.loaxa.base.Texts;
import vn.loaxa.library.ImportRejectedException.Code;
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

/**
 * What phones and Zalo send (M4A/AAC, OGG Vorbis, Opus, FLAC), made here by ffmpeg, imported into the
 * real library on the real SQLite file: converted to WAV, checked by the full decode, stored; and
 * every way such a file goes wrong refused with its own reason, leaving nothing behind.
 */
@WithMockUser(username = "can.bo.dai", roles = "OPERATOR")
class PhoneFormatImportTest extends SpringTest {

    @Autowired LibraryService library;
    @Autowired AudioConverter converter;
    @Autowired LibraryProperties properties;
    @Autowired AssetRepository assets;
    @Autowired TransactionTemplate transactions;
    @Autowired AudioLimits limits;
    @Autowired StationSettings settings;

    @TempDir Path tmp;

    @BeforeEach
    void needsFfmpeg() {
        Ffmpeg.require(converter);
    }

    @Test
    void m4a_ogg_opus_and_flac_are_converted_to_wav_and_keep_their_length_and_signal() throws Exception {
        // A distinct length each, so no file is a duplicate of another test's.
        var files = new Object[][]{
                {Ffmpeg.tone(tmp.resolve("ghi-am.m4a"), 3.1, "-c:a", "aac", "-b:a", "64k"), 3_100L},
                {Ffmpeg.tone(tmp.resolve("zalo.ogg"), 3.2, "-c:a", "libvorbis"), 3_200L},
                {Ffmpeg.tone(tmp.resolve("tin-nhan.opus"), 3.3, "-c:a", "libopus"), 3_300L},
                {Ffmpeg.tone(tmp.resolve("thu-am.flac"), 3.4), 3_400L}};
        for (var f : files) {
            var file = (Path) f[0];
            long expectedMs = (long) f[1];
            var name = "Bản ghi " + file.getFileName();
            var imported = importAs(file, name);

            var a = imported.asset();
            assertThat(imported.duplicate()).as(name).isFalse();
            assertThat(a.container()).as(name).isEqualTo("WAV");
            assertThat(a.originalFilename()).isEqualTo(name);
            assertThat(a.storedName()).as(name).endsWith(".wav");
            // AAC's encoder delay may leave a frame more or less: loose, but a wrong length fails.
            assertThat(a.durationMs()).as(name).isBetween(expectedMs - 60, expectedMs + 60);
            // Lossy codecs overshoot a little at the start; silence or a wrong gain would be far outside.
            assertThat(a.peakDbfs()).as(name + " peak").isBetween(-21.0, -12.0);
            var stored = library.fileOf(a);
            // The integrity watch rehashes the stored file: the recorded hash is the WAV's.
            assertThat(LibraryServiceTest.sha256(stored)).isEqualTo(a.sha256());
            var samples = LibraryServiceTest.decodeAll(stored);
            double sum = 0;
            for (short s : samples) {
                sum += (double) s * s;
            }
            double rms = Math.sqrt(sum / samples.length) / 32768.0;
            // A 440 Hz sine at 1/8 full scale has an RMS of 0.088; silence would be 0.
            assertThat(rms).as(name + " RMS").isBetween(0.06, 0.11);
            try (var pcm = AudioDecoders.open(stored)) {
                assertThat(pcm.format().sampleRate()).isIn(44_100, 48_000);
            }
        }
        assertThat(staging()).isEmpty();
    }

    @Test
    void the_same_recording_sent_twice_is_found_as_the_asset_it_already_is() throws Exception {
        var m4a = Ffmpeg.tone(tmp.resolve("a.m4a"), 2.5, "-c:a", "aac");
        var first = importAs(m4a, "hop-dan.m4a");
        var again = importAs(m4a, "hop-dan (1).m4a");

        assertThat(again.duplicate()).isTrue();
        assertThat(again.asset().id()).isEqualTo(first.asset().id());
        assertThat(again.asset().title()).isEqualTo("hop-dan");
        assertThat(staging()).isEmpty();
    }

    @Test
    void content_decides_not_the_name_a_renamed_recording_imports_and_a_renamed_picture_is_not_audio()
            throws Exception {
        var m4aAsMp3 = Files.copy(Ffmpeg.tone(tmp.resolve("b.m4a"), 2.6, "-c:a", "aac"), tmp.resolve("b.mp3"));
        assertThat(importAs(m4aAsMp3, "doi-ten.mp3").asset().container()).isEqualTo("WAV");

        var png = Files.write(tmp.resolve("anh.m4a"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        assertThat(refusal(png, "anh.m4a").code()).isEqualTo(Code.NOT_AUDIO);
        var text = Files.writeString(tmp.resolve("ghi-chu.ogg"), "Thông báo họp dân thôn 3", StandardCharsets.UTF_8);
        assertThat(refusal(text, "ghi-chu.ogg").code()).isEqualTo(Code.NOT_AUDIO);
        var header = Files.write(tmp.resolve("chi-dau.ogg"), "OggS\0\2\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(refusal(header, "chi-dau.ogg").code()).isIn(Code.CORRUPT, Code.TRUNCATED);
        var empty = Files.write(tmp.resolve("rong.m4a"), new byte[0]);
        assertThat(refusal(empty, "rong.m4a").code()).isEqualTo(Code.EMPTY_FILE);
        assertThat(staging()).isEmpty();
    }

    @Test
    void a_recording_cut_short_or_damaged_is_refused_with_the_reason_and_where() throws Exception {
        // An MP4 is written with its index last: a phone stopped mid-recording leaves none.
        var m4a = Ffmpeg.tone(tmp.resolve("c.m4a"), 3, "-c:a", "aac");
        var noIndex = refusal(Ffmpeg.cut(m4a, tmp.resolve("c-cut.m4a"), (int) Files.size(m4a) / 2), "c-cut.m4a");
        assertThat(noIndex.code()).isEqualTo(Code.TRUNCATED);
        assertThat(say(noIndex)).isEqualTo("Tệp M4A/AAC bị cắt cụt (chưa ghi âm, tải về hoặc sao chép hết): "
                + "âm thanh dừng ở 0:00:00 (giờ:phút:giây). Không có gì được lưu.");

        var vorbis = Ffmpeg.tone(tmp.resolve("d.ogg"), 3, "-c:a", "libvorbis");
        var cutVorbis = refusal(Ffmpeg.cut(vorbis, tmp.resolve("d-cut.ogg"), (int) Files.size(vorbis) / 2), "d-cut.ogg");
        assertThat(cutVorbis.code()).isEqualTo(Code.TRUNCATED);
        assertThat(say(cutVorbis)).startsWith("Tệp OGG Vorbis bị cắt cụt");

        // Cut exactly where its last page begins: decodes cleanly, only the end-of-stream mark is missing.
        var opus = Ffmpeg.tone(tmp.resolve("e.opus"), 3, "-c:a", "libopus");
        var cutOpus = refusal(Ffmpeg.cut(opus, tmp.resolve("e-cut.opus"), lastOggPage(opus)), "e-cut.opus");
        assertThat(cutOpus.code()).isEqualTo(Code.TRUNCATED);
        assertThat(say(cutOpus)).startsWith("Tệp Opus bị cắt cụt").doesNotContain("dừng ở 0:00:00");

        var flac = Ffmpeg.tone(tmp.resolve("f.flac"), 20);
        var damaged = Files.readAllBytes(flac);
        for (int i = damaged.length / 2; i < damaged.length / 2 + 2000; i++) {
            damaged[i] = (byte) (i * 31);
        }
        var corrupt = refusal(Files.write(tmp.resolve("f-hong.flac"), damaged), "f-hong.flac");
        assertThat(corrupt.code()).isEqualTo(Code.CORRUPT);
        // Damaged halfway through 20 seconds: the refusal says where, to the second.
        assertThat(say(corrupt)).matches("Tệp FLAC bị hỏng: không giải mã được từ vị trí 0:00:(0[5-9]|1[0-2]) "
                + "\\(giờ:phút:giây\\) của âm thanh\\. Không có gì được lưu\\.");
        assertThat(staging()).isEmpty();
        assertThat(library.findAll()).noneMatch(a -> a.originalFilename().contains("-cut.")
                || a.originalFilename().contains("-hong."));
    }

    @Test
    void a_recording_over_the_length_limit_is_stopped_at_the_limit_and_refused() throws Exception {
        var opus = Ffmpeg.tone(tmp.resolve("dai.opus"), 75, "-c:a", "libopus", "-b:a", "16k");
        RunAs.run("admin", "ADMIN", () -> {
            limits.setMaxAudioMinutes(1);
            return null;
        });
        try {
            var refused = refusal(opus, "dai.opus");
            assertThat(refused.code()).isEqualTo(Code.TOO_LONG);
            assertThat(say(refused)).startsWith("Tệp dài hơn 0:01:0").contains("vượt thời lượng tối đa 0:01:00");
        } finally {
            RunAs.run("admin", "ADMIN", () -> {
                settings.resetToDefault(AudioLimits.MAX_AUDIO_MINUTES);
                return null;
            });
        }
        assertThat(staging()).isEmpty();
    }

    @Test
    void without_ffmpeg_the_refusal_says_the_format_needs_it_and_how_to_install_it() throws Exception {
        var noFfmpeg = new AudioConverter(props("/nonexistent/ffmpeg", Duration.ofMinutes(1)));
        var service = new LibraryService(assets, properties, transactions, Clock.systemUTC(), limits, noFfmpeg);
        var m4a = Ffmpeg.tone(tmp.resolve("g.m4a"), 2, "-c:a", "aac");

        var refused = catchThrowableOfType(ImportRejectedException.class, () -> {
            try (InputStream in = Files.newInputStream(m4a)) {
                service.importFile(in, "g.m4a", null, "can.bo.dai");
            }
        });
        assertThat(refused.code()).isEqualTo(Code.UNSUPPORTED_FORMAT);
        assertThat(say(refused)).contains("Tệp M4A/AAC cần chương trình ffmpeg").contains("sudo apt install ffmpeg")
                .contains("C:\\ffmpeg\\bin\\ffmpeg.exe");
        // MP3 and WAV need nothing else.
        var wav = vn.loaxa.testing.Wavs.write16(tmp.resolve("h.wav"), 8_000, 1,
                vn.loaxa.testing.Wavs.sine(8_000, 1, 0.77, 300, 0.3));
        try (InputStream in = Files.newInputStream(wav)) {
            assertThat(service.importFile(in, "h.wav", null, "can.bo.dai").asset().container()).isEqualTo("WAV");
        }
        assertThat(staging()).isEmpty();
    }

    @Test
    void a_conversion_over_its_time_limit_is_killed_and_leaves_no_file() throws Exception {
        var slow = new AudioConverter(props("", Duration.ofMillis(1)));
        var flac = Ffmpeg.tone(tmp.resolve("i.flac"), 60);
        var target = tmp.resolve("i.wav");

        var e = catchThrowableOfType(AudioConverter.ConversionException.class,
                () -> slow.toWav(flac, target, Duration.ofHours(3)));
        assertThat(e.kind()).isEqualTo(AudioConverter.ConversionException.Kind.TIMED_OUT);
        assertThat(target).doesNotExist();
        assertThat(tmp.resolve("i.wav.log")).doesNotExist();
    }

    @Test
    void two_people_sending_recordings_at_once_both_get_them_imported() throws Exception {
        var one = Ffmpeg.tone(tmp.resolve("j.m4a"), 4.1, "-c:a", "aac");
        var two = Ffmpeg.tone(tmp.resolve("k.opus"), 4.2, "-c:a", "libopus");
        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<LibraryService.Imported> a = () -> RunAs.call("op1", "OPERATOR", () -> importAs(one, "j.m4a"));
            Callable<LibraryService.Imported> b = () -> RunAs.call("op2", "OPERATOR", () -> importAs(two, "k.opus"));
            var fa = pool.submit(a);
            var fb = pool.submit(b);
            assertThat(fa.get().asset().durationMs()).isBetween(4_040L, 4_160L);
            assertThat(fb.get().asset().durationMs()).isBetween(4_140L, 4_260L);
        } finally {
            pool.shutdownNow();
        }
        assertThat(staging()).isEmpty();
    }

    private LibraryProperties props(String ffmpeg, Duration timeout) {
        return new LibraryProperties(properties.audioDir(), DataSize.ofMegabytes(200), Duration.ofHours(3), ffmpeg,
                timeout);
    }

    private static int lastOggPage(Path ogg) throws Exception {
        var bytes = new String(Files.readAllBytes(ogg), StandardCharsets.ISO_8859_1);
        return bytes.lastIndexOf("OggS");
    }

    private LibraryService.Imported importAs(Path file, String name) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return library.importFile(in, name, null, "can.bo.dai");
        }
    }

    private ImportRejectedException refusal(Path file, String name) {
        var e = catchThrowableOfType(ImportRejectedException.class, () -> importAs(file, name));
        assertThat(e).as(name + " is refused").isNotNull();
        return e;
    }

    /** The refusal as the operator reads it, in Vietnamese. */
    private static String say(ImportRejectedException e) {
        return Texts.get(Texts.VIETNAMESE, e.messageKey(), e.args());
    }

    private java.util.List<Path> staging() throws Exception {
        var dir = properties.incomingDir();
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    @SuppressWarnings("unused")
    private static InputStream bytes(byte[] b) {
        return new ByteArrayInputStream(b);
    }
}
