package vn.loaxa.library.tts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A text-to-speech engine. Implementations are optional helpers: detected, never assumed. */
public interface SpeechSynthesizer {

    /** Whether the engine can be used now (installed and answering). */
    boolean available();

    /** The voices this station offers, the first being the default. */
    List<String> voices();

    /**
     * Speaks {@code text} with {@code voice} into a WAV file at {@code wav}.
     *
     * @throws SpeechUnavailableException when the engine is not installed
     * @throws IOException                when the engine ran and failed
     */
    void synthesize(String text, String voice, Path wav) throws IOException;
}
