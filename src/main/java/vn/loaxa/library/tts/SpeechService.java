package vn.loaxa.library.tts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.library.ImportRejectedException;
import vn.loaxa.library.LibraryService;
import vn.loaxa.security.CurrentUser;

/**
 * Turns a Vietnamese text into a library asset. The speech is written to a temporary WAV and then
 * imported like any upload, so it passes the same checks and lands in the library the same way.
 */
@Service
public class SpeechService {

    private final SpeechSynthesizer synthesizer;
    private final LibraryService library;
    private final TtsProperties properties;

    public SpeechService(SpeechSynthesizer synthesizer, LibraryService library, TtsProperties properties) {
        this.synthesizer = synthesizer;
        this.library = library;
        this.properties = properties;
    }

    public boolean available() {
        return synthesizer.available();
    }

    /** The voices offered, the first being the default (for the UI's voice choice). */
    public List<String> voices() {
        return synthesizer.voices();
    }

    /** The longest text accepted, in characters. */
    public int maxChars() {
        return properties.maxChars();
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "AUDIO_SPOKEN", target = "ASSET", id = "#result.asset().id()", name = "#result.asset().title()",
            snapshot = "#result == null || #result.duplicate() ? null : #result.asset()",
            details = "{'voice': #voice, 'text': #text, 'duplicate': #result?.duplicate()}")
    public LibraryService.Imported speak(String text, @Nullable String title, @Nullable String voice)
            throws ImportRejectedException {
        if (text.isBlank()) {
            throw new InvalidInputException("BLANK_TEXT", "tts.error.blankText", "No text to speak");
        }
        if (text.length() > properties.maxChars()) {
            throw new InvalidInputException("TEXT_TOO_LONG", "tts.error.tooLong", "Text longer than "
                    + properties.maxChars(), properties.maxChars());
        }
        Limits.title(title);
        var chosen = voice == null || voice.isBlank() ? synthesizer.voices().getFirst() : voice.strip();
        if (!synthesizer.voices().contains(chosen)) {
            throw new InvalidInputException("UNKNOWN_VOICE", "tts.error.badVoice", "No voice " + chosen, chosen);
        }
        var cleanTitle = title == null || title.isBlank() ? firstWords(text) : title.strip();
        try {
            var wav = Files.createTempFile("loaxa-tts-", ".wav");
            try {
                synthesizer.synthesize(text.strip(), chosen, wav);
                try (InputStream in = Files.newInputStream(wav)) {
                    return library.importFile(in, cleanTitle + ".wav", cleanTitle, CurrentUser.name());
                }
            } finally {
                Files.deleteIfExists(wav);
            }
        } catch (IOException e) {
            throw new SpeechFailedException(e.getMessage(), e);
        }
    }

    private static String firstWords(String text) {
        var t = text.strip().replaceAll("\\s+", " ");
        return t.length() <= 60 ? t : t.substring(0, 60).strip() + "…";
    }

    /** The engine ran and failed; the API answers 500 with {@code tts.error.failed}. */
    public static class SpeechFailedException extends RuntimeException {
        SpeechFailedException(@Nullable String detail, Throwable cause) {
            super(detail, cause);
        }
    }
}
