package vn.loaxa.audio.output;

import java.util.List;
import org.jspecify.annotations.Nullable;
import vn.loaxa.audio.PcmFormat;

/**
 * Where output lines come from: the station's sound devices ({@link #javaSound()}), or a
 * simulated device in tests of the timing core.
 */
public interface OutputPort {

    /** Names of the devices that can play. */
    List<String> devices();

    /**
     * Checks that a device of that name exists now, without opening it.
     *
     * @throws NoOutputDeviceException when there is no device at all or none with that name
     */
    void require(@Nullable String deviceName) throws NoOutputDeviceException;

    /** Opens (but does not start) a line in {@code format} with a buffer of {@code bufferFrames}. */
    OutputLine open(@Nullable String deviceName, PcmFormat format, int bufferFrames) throws NoOutputDeviceException;

    /** The station's Java Sound devices. */
    static OutputPort javaSound() {
        return JavaSoundPort.INSTANCE;
    }
}
