package vn.loaxa.playout;

/**
 * A stop or skip found nothing to act on; the API answers 409 with {@link #code()} and the
 * translated {@link #messageKey()}, the UI shows the same text.
 */
public class NothingOnAirException extends RuntimeException {

    private final String code;
    private final String messageKey;

    private NothingOnAirException(String code, String messageKey, String detail) {
        super(detail);
        this.code = code;
        this.messageKey = messageKey;
    }

    static NothingOnAirException nothing() {
        return new NothingOnAirException("NOTHING_ON_AIR", "error.onair.nothing", "Nothing is on air");
    }

    static NothingOnAirException changed() {
        return new NothingOnAirException("ON_AIR_CHANGED", "error.onair.changed",
                "What is on air is no longer what was shown");
    }

    static NothingOnAirException stopping() {
        return new NothingOnAirException("ALREADY_STOPPING", "error.onair.stopping",
                "The broadcast on air is already being stopped");
    }

    static NothingOnAirException ending() {
        return new NothingOnAirException("ITEM_ENDING", "error.onair.ending",
                "The item on air is already ending: there is nothing left to skip");
    }

    public String code() {
        return code;
    }

    public String messageKey() {
        return messageKey;
    }
}
