package vn.loaxa.library;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes real phone-format recordings with the ffmpeg program for the conversion tests. CI installs
 * ffmpeg, so there a missing ffmpeg fails the test; elsewhere the test is skipped and says why.
 */
public final class Ffmpeg {

    private Ffmpeg() {
    }

    public static void require(AudioConverter converter) {
        if (converter.available()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("ffmpeg is not installed, and CI must convert phone recordings (add it to .ci/run's packages)");
        }
        assumeTrue(false, "ffmpeg is not installed here: the phone-format conversions cannot be tested");
    }

    /** A {@code seconds}-long 440 Hz tone (at -18 dBFS) encoded by ffmpeg with the given output options. */
    public static Path tone(Path file, double seconds, String... encoder) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f",
                "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=" + seconds));
        command.addAll(List.of(encoder));
        command.add(file.toString());
        run(command);
        return file;
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        var log = Files.createTempFile("ffmpeg-", ".log");
        try {
            var p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ffmpeg did not finish: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IOException("ffmpeg failed: " + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The first {@code bytes} bytes of a file: a copy cut short. */
    public static Path cut(Path from, Path to, int bytes) throws IOException {
        var all = Files.readAllBytes(from);
        return Files.write(to, java.util.Arrays.copyOf(all, Math.min(bytes, all.length)));
    }
}
