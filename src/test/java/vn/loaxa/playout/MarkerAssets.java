package vn.loaxa.playout;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.Wavs;

/**
 * Constant-valued mono WAVs imported into the library as markers the engine tests search for on a
 * simulated line. A constant is not programme audio, whatever loudness the meter makes of its
 * first step: it is stored unmeasured, so the player leaves it at 0 dB (decision 0034) and the line
 * carries exactly the value written.
 */
final class MarkerAssets {

    private MarkerAssets() {
    }

    static AudioAsset constant(LibraryService library, TransactionTemplate transactions, JdbcClient jdbc, Path dir,
                               int rate, short value, int seconds) throws Exception {
        short[] samples = new short[rate * seconds];
        Arrays.fill(samples, value);
        var file = Wavs.write16(dir.resolve("dc" + value + "-" + seconds + "-" + System.nanoTime() + ".wav"), rate, 1,
                samples);
        try (InputStream in = Files.newInputStream(file)) {
            var imported = RunAs.call("test", "ADMIN", () -> library.importFile(in, "dc" + value + ".wav",
                    "Tín hiệu " + value + " " + System.nanoTime(), "test")).asset();
            transactions.executeWithoutResult(s -> jdbc.sql("UPDATE audio_asset SET loudness_lufs = NULL WHERE id = ?")
                    .param(imported.id()).update());
            return library.find(imported.id()).orElseThrow();
        }
    }
}
