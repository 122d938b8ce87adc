package vn.loaxa.playout;

import vn.loaxa.base.InvalidInputException;

/**
 * A live broadcast that cannot be started or ended because of the station's state (someone already
 * live, none live, no microphone): the request itself was fine, so the API answers 409, where a
 * wrong village is a plain {@link InvalidInputException} (400).
 */
public class LiveException extends InvalidInputException {

    private LiveException(String code, String messageKey, String detail, Object... args) {
        super(code, messageKey, detail, args);
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
}
