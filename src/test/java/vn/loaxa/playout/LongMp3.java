package vn.loaxa.playout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import vn.loaxa.testing.Wavs;

/**
 * A long MP3, as a district sends them, made with Debian's lame: decoding it takes the station
 * seconds, which is what must never happen inside a database transaction. Without lame the test is
 * skipped on a developer machine and fails under {@code CI=true}, where .ci/run installs it.
 */
final class LongMp3 {

    private static final int RATE = 22_050;

    private LongMp3() {
    }

    static Path make(Path mp3, Duration length) throws Exception {
        var wav = mp3.resolveSibling(mp3.getFileName() + ".wav");
        Wavs.write16(wav, RATE, 1, Wavs.sine(RATE, 1, length.toSeconds(), 440, 0.3));
        Process lame;
        try {
            lame = new ProcessBuilder("lame", "--quiet", "-f", "-b", "48", wav.toString(), mp3.toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException missing) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true but lame is not installed (.ci/run installs it)", missing);
            }
            Assumptions.abort("lame is not installed: apt-get install lame");
            throw missing;
        }
        if (!lame.waitFor(120, TimeUnit.SECONDS) || lame.exitValue() != 0) {
            throw new AssertionError("lame failed: " + new String(lame.getInputStream().readAllBytes()));
        }
        Files.delete(wav);
        return mp3;
    }
}
