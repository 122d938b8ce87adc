package vn.loaxa.library;

import java.util.Arrays;

/**
 * An upload the library refused. The code names a translated message ({@code library.reject.CODE},
 * or a more precise one with its arguments, e.g. the limit and the file's length); the detail is
 * the technical reason, for the log and for the curious.
 */
public class ImportRejectedException extends Exception {

    /** Decoder reasons plus what can go wrong around them. */
    public enum Code {
        EMPTY_FILE, TOO_LARGE, NOT_AUDIO, UNSUPPORTED_FORMAT, CORRUPT, TRUNCATED, UNDECODABLE_STREAM, TOO_SHORT,
        TOO_LONG, STORAGE_FAILED, DATABASE_BUSY
    }

    /** "Larger than the limit of {0}": the upload was cut off at the limit, so its own size is unknown. */
    public static final String TOO_LARGE_KEY = "library.reject.TOO_LARGE_LIMIT";
    /** "{0} long, over the limit of {1}". */
    public static final String TOO_LONG_KEY = "library.reject.TOO_LONG";
    /** "Longer than {0}, over the limit of {1}": decoding stopped there, so the whole length is unknown. */
    public static final String TOO_LONG_AT_LEAST_KEY = "library.reject.TOO_LONG_AT_LEAST";

    /** "{0} needs ffmpeg to be converted on import; how to install it". */
    public static final String NEEDS_FFMPEG_KEY = "library.reject.NEEDS_FFMPEG";
    /** "The {0} file is damaged at {1}": where the conversion stopped. */
    public static final String CORRUPT_CONVERTED_KEY = "library.reject.CORRUPT_AT";
    /** "The {0} file ends early (cut off at {1})". */
    public static final String TRUNCATED_CONVERTED_KEY = "library.reject.TRUNCATED_AT";
    /** "Converting the {0} file took longer than {1}". */
    public static final String CONVERT_TIMEOUT_KEY = "library.reject.CONVERT_TIMEOUT";
    /** Other conversions held the converter for the whole time limit. */
    public static final String CONVERT_BUSY_KEY = "library.reject.CONVERT_BUSY";

    private final Code code;
    private final String messageKey;
    private final transient Object[] args;

    public ImportRejectedException(Code code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.messageKey = "library.reject." + code.name();
        this.args = new Object[0];
    }

    public ImportRejectedException(Code code, String detail) {
        this(code, "library.reject." + code.name(), detail);
    }

    /** A refusal whose message needs arguments (already formatted texts: sizes, durations). */
    public ImportRejectedException(Code code, String messageKey, String detail, Object... args) {
        super(detail);
        this.code = code;
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    public Code code() {
        return code;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return Arrays.copyOf(args, args.length);
    }
}
