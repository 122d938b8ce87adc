package vn.loaxa.library.tts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * espeak-ng with its Vietnamese voices. Found by asking each candidate program for
 * {@code --version}, so the station works the same on Linux and Windows and simply reports the engine
 * missing when it is. The text goes in on stdin as UTF-8: a command-line argument would be mangled
 * by the Windows code page.
 */
@Component
public class EspeakNgSynthesizer implements SpeechSynthesizer {

    static final List<String> VOICES = List.of("vi", "vi-vn-x-central", "vi-vn-x-south");
    private static final List<String> WINDOWS_PATHS = List.of("C:\\Program Files\\eSpeak NG\\espeak-ng.exe",
            "C:\\Program Files (x86)\\eSpeak NG\\espeak-ng.exe");
    private static final Logger log = LoggerFactory.getLogger(EspeakNgSynthesizer.class);

    private final TtsProperties properties;
    private volatile @Nullable String program;

    public EspeakNgSynthesizer(TtsProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean available() {
        return program() != null;
    }

    @Override
    public List<String> voices() {
        return VOICES;
    }

    @Override
    public void synthesize(String text, String voice, Path wav) throws IOException {
        var exe = program();
        if (exe == null) {
            throw new SpeechUnavailableException("espeak-ng not found (loaxa.tts.espeak-path='"
                    + properties.espeakPath() + "')");
        }
        var process = new ProcessBuilder(exe, "-v", voice, "-s", String.valueOf(properties.speed()), "-b", "1",
                "-w", wav.toString(), "--stdin").redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
        }
        var output = readAll(process.getInputStream());
        try {
            // Speech runs about 30x real time; a minute covers the longest text we accept.
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("espeak-ng did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while espeak-ng was speaking", e);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(wav) || Files.size(wav) <= 44) {
            throw new IOException("espeak-ng failed (exit " + process.exitValue() + "): " + output.strip());
        }
    }

    /** The program, found once and remembered; looked for again while missing (it may be installed later). */
    private @Nullable String program() {
        var known = program;
        if (known != null) {
            return known;
        }
        var candidates = new ArrayList<String>();
        if (!properties.espeakPath().isBlank()) {
            candidates.add(properties.espeakPath().strip());
        } else {
            candidates.add("espeak-ng");
            candidates.addAll(WINDOWS_PATHS);
        }
        for (var c : candidates) {
            if (answers(c)) {
                log.info("Text-to-speech: using {}", c);
                program = c;
                return c;
            }
        }
        return null;
    }

    private static boolean answers(String exe) {
        try {
            var p = new ProcessBuilder(exe, "--version").redirectErrorStream(true).start();
            var out = readAll(p.getInputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains("eSpeak NG");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
