package vn.loaxa.audio;

import java.io.IOException;

/**
 * A file that cannot be decoded whole. The {@link Reason} is what the operator is told (each has a
 * translated message); the detail is for the log.
 */
public class AudioDecodeException extends IOException {

    public enum Reason {
        EMPTY_FILE,
        TOO_LARGE,
        NOT_AUDIO,
        UNSUPPORTED_FORMAT,
        CORRUPT,
        TRUNCATED,
        UNDECODABLE_STREAM,
        TOO_SHORT,
        TOO_LONG
    }

    private final Reason reason;

    public AudioDecodeException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public AudioDecodeException(Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
