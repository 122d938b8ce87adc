package vn.loaxa.audio.output;

import java.io.IOException;
import vn.loaxa.audio.PcmFormat;

/**
 * Writes 16-bit samples to an open line, counting frames and feeding the {@link LineClock} after
 * every write (a write returns just after the line has taken data, the moment its position is
 * freshest).
 */
final class LineWriter {

    /** The line stopped taking audio: closed under us, or an error from the driver. */
    static class LineBrokenException extends IOException {
        LineBrokenException(String message) {
            super(message);
        }
    }

    /**
     * The output device went away: the driver refused a write, or the line was closed because it
     * took nothing for too long. Through ALSA a write is refused only when ALSA could not recover
     * the device (re-preparing it failed): with PulseAudio that is what a vanished sink looks like,
     * the write returns 0 at once, and the line still says open, active and running.
     */
    static final class OutputLostException extends LineBrokenException {
        OutputLostException(String message) {
            super(message);
        }
    }

    private final OutputLine line;
    private final PlayoutClock time;
    private final PcmFormat format;
    private final LineClock clock;
    private byte[] bytes = new byte[0];
    private final short[] silence;
    private long written;
    /** The line's position when last read: still known once the line is closed after a loss (audio thread only). */
    private long lastPosition;
    private volatile long lastProgressNanos;

    LineWriter(OutputLine line, PlayoutClock time, PcmFormat format, int silenceChunkFrames) {
        this.line = line;
        this.time = time;
        this.lastProgressNanos = time.nanoTime();
        this.format = format;
        this.clock = new LineClock(format.sampleRate());
        this.silence = new short[silenceChunkFrames * format.channels()];
    }

    void write(short[] samples, int offset, int frames) throws LineBrokenException {
        int length = frames * format.bytesPerFrame();
        if (bytes.length < length) {
            bytes = new byte[length];
        }
        int sampleCount = frames * format.channels();
        for (int i = 0; i < sampleCount; i++) {
            short s = samples[offset + i];
            bytes[2 * i] = (byte) s;
            bytes[2 * i + 1] = (byte) (s >> 8);
        }
        int done = 0;
        while (done < length) {
            int n;
            try {
                n = line.write(bytes, done, length - done);
            } catch (RuntimeException e) {
                throw new LineBrokenException("writing to the line failed: " + e);
            }
            if (!line.isOpen()) {
                // Closed under us: only the stall watchdog does that.
                throw new OutputLostException("the line was closed");
            }
            if (n <= 0) {
                // Java Sound returns short only when the line was stopped, flushed or closed, or when
                // the driver reported an error it could not recover from: the device is gone. The
                // position is not read again: through PulseAudio it then jumps to everything written,
                // the buffered audio that never played included.
                throw new OutputLostException("the output device refused audio (unplugged, or the sound server "
                        + "lost it)");
            }
            done += n;
            lastProgressNanos = time.nanoTime();
        }
        written += frames;
        observe();
    }

    void writeSilence(long frames) throws LineBrokenException {
        int perWrite = silence.length / format.channels();
        while (frames > 0) {
            int n = (int) Math.min(frames, perWrite);
            write(silence, 0, n);
            frames -= n;
        }
    }

    void observe() {
        clock.observe(time.nanoTime(), position());
    }

    long written() {
        return written;
    }

    long position() {
        long position = line.framePosition();
        // The largest seen: a line closed by the watchdog reads 0.
        if (position > lastPosition) {
            lastPosition = position;
        }
        return position;
    }

    /** The position when last read while the line was open, capped at what was written (a line that ran dry reads past it). */
    long lastPosition() {
        return Math.min(lastPosition, written);
    }

    LineClock clock() {
        return clock;
    }

    long lastProgressNanos() {
        return lastProgressNanos;
    }

    void start() {
        line.start();
        lastProgressNanos = time.nanoTime();
    }
}
