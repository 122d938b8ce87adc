package vn.loaxa.playout;

/** A live broadcast that cannot be started or ended, with the code and text a person is shown. */
public class LiveException extends RuntimeException {

    private final String code;
    private final String messageKey;
    private final Object[] args;

    private LiveException(String code, String messageKey, String detail, Object... args) {
        super(detail);
        this.code = code;
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    static LiveException already(String key, String by) {
        return new LiveException("ALREADY_LIVE", "error.live.already", "A live broadcast is already on: " + key, by);
    }

    static LiveException nothing() {
        return new LiveException("NOT_LIVE", "error.live.nothing", "No live broadcast is on");
    }

    static LiveException noInput(String detail) {
        return new LiveException("NO_INPUT_DEVICE", "error.live.noInput", detail, detail);
    }

    static LiveException noVillages() {
        return new LiveException("NO_VILLAGES", "error.live.noVillages", "Choose at least one village in use");
    }

    static LiveException unknownVillage(long id) {
        return new LiveException("UNKNOWN_VILLAGE", "error.live.unknownVillage", "No village in use has id " + id, id);
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
