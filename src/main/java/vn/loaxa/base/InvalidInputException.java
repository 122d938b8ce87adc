package vn.loaxa.base;

/**
 * A request the station refuses because of what it asks for (unknown village, start in the past,
 * empty list...). The API answers 400 with the translated message {@code messageKey}; {@code code}
 * is the stable machine-readable reason.
 */
public class InvalidInputException extends RuntimeException {

    private final String code;
    private final String messageKey;
    private final transient Object[] args;

    public InvalidInputException(String code, String messageKey, String detail, Object... args) {
        super(detail);
        this.code = code;
        this.messageKey = messageKey;
        // Ids and counts as plain digits: MessageFormat would print id 987654 as "987.654" in Vietnamese.
        this.args = java.util.Arrays.stream(args).map(a -> a instanceof Number ? a.toString() : a).toArray();
    }

    public String code() {
        return code;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
