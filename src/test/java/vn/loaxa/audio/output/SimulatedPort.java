package vn.loaxa.audio.output;

import java.util.List;
import org.jspecify.annotations.Nullable;
import vn.loaxa.audio.PcmFormat;

/**
 * One simulated device whose lines run on a {@link SimulatedClock}, or on real time for code that
 * waits on the real clock itself (the engine).
 */
public final class SimulatedPort implements OutputPort {

    public static final String DEVICE = "Simulated";

    private final SimulatedLine.LineTime clock;
    private final List<SimulatedLine> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean present = true;
    private volatile int refuseWritesFrom = -1;

    public SimulatedPort(SimulatedLine.LineTime clock) {
        this.clock = clock;
    }

    /** A device that is not there: {@link #require} and {@link #open} fail as with no sound card. */
    public void unplug() {
        present = false;
    }

    /** Lines opened from now on refuse writes once {@code frame} frames were written: the device is lost. */
    public void loseDeviceAfter(int frame) {
        refuseWritesFrom = frame;
    }

    @Override
    public List<String> devices() {
        return present ? List.of(DEVICE) : List.of();
    }

    @Override
    public void require(@Nullable String deviceName) throws NoOutputDeviceException {
        if (!present) {
            throw new NoOutputDeviceException(NoOutputDeviceException.Reason.NO_DEVICE, String.valueOf(deviceName),
                    List.of(), "No sound output device found (simulated)", null);
        }
    }

    @Override
    public OutputLine open(@Nullable String deviceName, PcmFormat format, int bufferFrames)
            throws NoOutputDeviceException {
        require(deviceName);
        var line = new SimulatedLine(clock, format, bufferFrames);
        if (refuseWritesFrom >= 0) {
            line.refuseWritesFrom(refuseWritesFrom);
        }
        lines.add(line);
        return line;
    }

    public List<SimulatedLine> lines() {
        return lines;
    }

    public SimulatedLine onlyLine() {
        if (lines.size() != 1) {
            throw new IllegalStateException("expected one line, " + lines.size() + " were opened");
        }
        return lines.getFirst();
    }
}
