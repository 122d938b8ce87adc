package vn.loaxa.library;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * ffmpeg, when the station PC has it, turns what phones send (M4A/AAC, OGG/Opus/Vorbis, FLAC, AMR,
 * WMA ...) into a 16-bit PCM WAV that the library then checks like any upload (decision 0031).
 * Found the way text-to-speech finds espeak-ng: the configured program, else {@code ffmpeg} on the
 * PATH, else the usual Windows folders, each asked for {@code -version}; looked for again while
 * missing, since it may be installed while the station runs.
 *
 * <p>One conversion runs at a time on one thread, so a second core stays for the player; each is
 * stopped at the length limit and killed at the time limit, and its output is deleted on any
 * failure. Nothing here touches the database.
 */
@Component
public class AudioConverter {

    private static final Logger log = LoggerFactory.getLogger(AudioConverter.class);
    private static final List<String> WINDOWS_PATHS = List.of("C:\\ffmpeg\\bin\\ffmpeg.exe",
            "C:\\Program Files\\ffmpeg\\bin\\ffmpeg.exe", "C:\\Program Files (x86)\\ffmpeg\\bin\\ffmpeg.exe");
    /** The rates the station plays as they are; ffmpeg's aformat picks the nearest for any other. */
    private static final String FORMAT = "aformat=sample_fmts=s16"
            + ":sample_rates=8000|11025|12000|16000|22050|24000|32000|44100|48000:channel_layouts=mono|stereo";

    /** Why a conversion failed, with how much audio had come out before it did. */
    static final class ConversionException extends IOException {

        enum Kind { TIMED_OUT, FAILED, BUSY }

        private final Kind kind;
        private final long decodedMs;

        ConversionException(Kind kind, long decodedMs, String detail) {
            super(detail);
            this.kind = kind;
            this.decodedMs = decodedMs;
        }

        Kind kind() {
            return kind;
        }

        /** Audio converted before the failure: where in the recording it broke. */
        long decodedMs() {
            return decodedMs;
        }
    }

    private final LibraryProperties properties;
    private final Semaphore oneAtATime = new Semaphore(1, true);
    private volatile @Nullable String program;

    AudioConverter(LibraryProperties properties) {
        this.properties = properties;
    }

    public boolean available() {
        return program() != null;
    }

    /** The program in use, for the settings page and the log; null when there is none. */
    public @Nullable String programName() {
        return program();
    }

    /**
     * Converts {@code source} into {@code target} (a WAV), at most {@code maxLength} plus a second of
     * it: whatever is longer is refused anyway, and a hostile file claiming days of audio costs no
     * more than the limit.
     */
    void toWav(Path source, Path target, Duration maxLength) throws IOException {
        var exe = program();
        if (exe == null) {
            throw new IOException("ffmpeg not found (loaxa.library.ffmpeg-path='" + properties.ffmpegPath() + "')");
        }
        var timeout = properties.convertTimeout();
        long started = System.nanoTime();
        try {
            if (!oneAtATime.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ConversionException(ConversionException.Kind.BUSY, 0,
                        "Another conversion took the whole " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting to convert", e);
        }
        var errors = target.resolveSibling(target.getFileName() + ".log");
        try {
            long seconds = maxLength.toSeconds() + 1;
            var command = List.of(exe, "-nostdin", "-hide_banner", "-loglevel", "error", "-xerror", "-threads", "1",
                    "-i", source.toString(), "-map", "0:a:0", "-vn", "-sn", "-dn", "-map_metadata", "-1",
                    // No encoder tag: the same recording converts to the same bytes, so it is found again by its hash.
                    "-fflags", "+bitexact", "-flags:a", "+bitexact", "-t", Long.toString(seconds), "-af", FORMAT,
                    "-c:a", "pcm_s16le", "-f", "wav", "-y", target.toString());
            var process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile()).start();
            long left = timeout.toNanos() - (System.nanoTime() - started);
            boolean finished;
            try {
                finished = process.waitFor(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while converting", e);
            }
            if (!finished) {
                process.destroyForcibly().onExit().get(10, TimeUnit.SECONDS);
                throw new ConversionException(ConversionException.Kind.TIMED_OUT, decodedMs(target),
                        "ffmpeg did not finish within " + timeout);
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(target)) {
                throw new ConversionException(ConversionException.Kind.FAILED, decodedMs(target),
                        "ffmpeg exit " + process.exitValue() + ": " + tail(errors));
            }
        } catch (IOException e) {
            deleteQuietly(target);
            throw e;
        } catch (Exception e) {
            deleteQuietly(target);
            throw new IOException("Conversion failed: " + e.getMessage(), e);
        } finally {
            oneAtATime.release();
            deleteQuietly(errors);
        }
    }

    /** How much audio a (perhaps unfinished) WAV holds, from its format chunk and its size. */
    static long decodedMs(Path wav) {
        try (var f = new RandomAccessFile(wav.toFile(), "r")) {
            if (f.length() < 44) {
                return 0;
            }
            var head = new byte[44];
            f.readFully(head);
            int channels = (head[22] & 0xff) | (head[23] & 0xff) << 8;
            int rate = (head[24] & 0xff) | (head[25] & 0xff) << 8 | (head[26] & 0xff) << 16 | (head[27] & 0xff) << 24;
            if (channels <= 0 || rate <= 0) {
                return 0;
            }
            return (f.length() - 44) * 1000 / (2L * channels * rate);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String tail(Path errors) {
        try {
            var text = Files.readString(errors, StandardCharsets.UTF_8).strip();
            return text.length() > 500 ? text.substring(text.length() - 500) : text;
        } catch (IOException e) {
            return "";
        }
    }

    private @Nullable String program() {
        var known = program;
        if (known != null) {
            return known;
        }
        var candidates = new ArrayList<String>();
        if (!properties.ffmpegPath().isBlank()) {
            candidates.add(properties.ffmpegPath().strip());
        } else {
            candidates.add("ffmpeg");
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
                candidates.addAll(WINDOWS_PATHS);
            }
        }
        for (var c : candidates) {
            if (answers(c)) {
                log.info("Audio conversion on import: using {}", c);
                program = c;
                return c;
            }
        }
        return null;
    }

    private static boolean answers(String exe) {
        try {
            var p = new ProcessBuilder(exe, "-hide_banner", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
            // -version prints a few lines and exits; its output is read after, never blocking the wait.
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 && out.contains("ffmpeg version");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", p, e.getMessage());
        }
    }
}
