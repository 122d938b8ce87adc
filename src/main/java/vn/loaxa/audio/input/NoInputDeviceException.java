package vn.loaxa.audio.input;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** No microphone or line input can be opened: none at all, none of that name, or it is busy. */
public class NoInputDeviceException extends IOException {

    private final List<String> available;

    public NoInputDeviceException(String message, List<String> available, @Nullable Throwable cause) {
        super(message, cause);
        this.available = List.copyOf(available);
    }

    /** The input devices Java Sound listed when the open failed. */
    public List<String> available() {
        return available;
    }
}
