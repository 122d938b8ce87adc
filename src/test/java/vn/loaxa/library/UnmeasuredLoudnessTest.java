package vn.loaxa.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

/**
 * An asset whose loudness could not be measured (silence) reads back as unmeasured, not as 0 LUFS:
 * the player would otherwise cut it by the whole target (decision 0034).
 */
class UnmeasuredLoudnessTest extends SpringTest {

    @Autowired
    LibraryService library;
    @TempDir
    Path tmp;

    @Test
    void silence_reads_back_unmeasured_and_a_tone_with_its_loudness() throws Exception {
        var silent = imported("Khoảng lặng " + System.nanoTime(), new short[44_100]);
        var tone = imported("Âm chuẩn " + System.nanoTime(), Wavs.sine(44_100, 1, 1.0, 500, 0.5));

        assertThat(library.find(silent.id()).orElseThrow().loudnessLufs()).isNull();
        assertThat(library.find(tone.id()).orElseThrow().loudnessLufs()).isNotNull().isBetween(-11.0, -8.0);
    }

    private AudioAsset imported(String title, short[] samples) throws Exception {
        var file = Wavs.write16(tmp.resolve(System.nanoTime() + ".wav"), 44_100, 1, samples);
        try (InputStream in = Files.newInputStream(file)) {
            return RunAs.call("test", "ADMIN", () -> library.importFile(in, title + ".wav", title, "test")).asset();
        }
    }
}
