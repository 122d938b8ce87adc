package vn.loaxa.library;

/**
 * An upload the library refused. The code names a translated message ({@code library.reject.CODE});
 * the detail is the technical reason, for the log and for the curious.
 */
public class ImportRejectedException extends Exception {

    /** Decoder reasons plus what can go wrong around them. */
    public enum Code {
        EMPTY_FILE, TOO_LARGE, NOT_AUDIO, UNSUPPORTED_FORMAT, CORRUPT, TRUNCATED, UNDECODABLE_STREAM, TOO_SHORT,
        STORAGE_FAILED, DATABASE_BUSY
    }

    private final Code code;

    public ImportRejectedException(Code code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    public ImportRejectedException(Code code, String detail) {
        super(detail);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    public String messageKey() {
        return "library.reject." + code.name();
    }
}
