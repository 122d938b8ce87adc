package vn.loaxa.audio.output;

import java.util.List;
import javax.sound.sampled.SourceDataLine;
import org.jspecify.annotations.Nullable;
import vn.loaxa.audio.PcmFormat;

/** The production {@link OutputPort}: Java Sound's mixers, through {@link OutputDevices}. */
final class JavaSoundPort implements OutputPort {

    static final JavaSoundPort INSTANCE = new JavaSoundPort();

    private JavaSoundPort() {
    }

    @Override
    public List<String> devices() {
        return OutputDevices.list();
    }

    @Override
    public void require(@Nullable String deviceName) throws NoOutputDeviceException {
        OutputDevices.require(deviceName);
    }

    @Override
    public OutputLine open(@Nullable String deviceName, PcmFormat format, int bufferFrames)
            throws NoOutputDeviceException {
        return new JavaSoundLine(OutputDevices.openLine(deviceName, format, bufferFrames));
    }

    /** A {@link SourceDataLine} as an {@link OutputLine}: every call passes straight through. */
    private record JavaSoundLine(SourceDataLine line) implements OutputLine {

        @Override
        public int write(byte[] bytes, int offset, int length) {
            return line.write(bytes, offset, length);
        }

        @Override
        public void start() {
            line.start();
        }

        @Override
        public void drain() {
            line.drain();
        }

        @Override
        public void close() {
            line.close();
        }

        @Override
        public boolean isOpen() {
            return line.isOpen();
        }

        @Override
        public long framePosition() {
            return line.getLongFramePosition();
        }
    }
}
