package vn.loaxa.audio.output;

import java.util.List;

/**
 * No output line could be had: the machine has no sound device, the configured one is gone, or it
 * refuses to open. Thrown at once instead of hanging, so the station can raise an alert.
 */
public class NoOutputDeviceException extends Exception {

    public enum Reason {
        /** Java Sound sees no device that can play at all. */
        NO_DEVICE,
        /** Devices exist, but none has the configured name. */
        UNKNOWN_NAME,
        /** The device exists but would not open (busy, or the format is refused). */
        UNAVAILABLE
    }

    private final Reason reason;
    private final String requestedName;
    private final List<String> availableNames;

    public NoOutputDeviceException(Reason reason, String requestedName, List<String> availableNames, String detail,
            Throwable cause) {
        super(detail, cause);
        this.reason = reason;
        this.requestedName = requestedName;
        this.availableNames = List.copyOf(availableNames);
    }

    public Reason reason() {
        return reason;
    }

    /** The device name that was asked for; empty for the system default. */
    public String requestedName() {
        return requestedName;
    }

    /** What Java Sound offered at the time, for the alert text and the log. */
    public List<String> availableNames() {
        return availableNames;
    }
}
