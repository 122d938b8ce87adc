package vn.loaxa.library.tts;

/** No text-to-speech engine is installed; the API answers 503 with {@code tts.error.unavailable}. */
public class SpeechUnavailableException extends RuntimeException {

    public SpeechUnavailableException(String detail) {
        super(detail);
    }
}
