package vn.loaxa.audio.output;

import java.io.IOException;
import javax.sound.sampled.SourceDataLine;
import vn.loaxa.audio.PcmFormat;

/**
 * Writes 16-bit samples to an open line, counting frames and feeding the {@link LineClock} after
 * every write (a write returns just after the line has taken data, the moment its position is
 * freshest).
 */
final class LineWriter {

    /** The line stopped taking audio: closed under us, or an error from the driver. */
    static final class LineBrokenException extends IOException {
        LineBrokenException(String message) {
            super(message);
        }
    }

    private final SourceDataLine line;
    private final PcmFormat format;
    private final LineClock clock;
    private byte[] bytes = new byte[0];
    private final short[] silence;
    private long written;
    private volatile long lastProgressNanos = System.nanoTime();

    LineWriter(SourceDataLine line, PcmFormat format, int silenceChunkFrames) {
        this.line = line;
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
            if (n <= 0 || !line.isOpen()) {
                // Java Sound returns short only when the line was stopped, flushed or closed.
                throw new LineBrokenException("the line stopped accepting audio (open=" + line.isOpen() + ")");
            }
            done += n;
            lastProgressNanos = System.nanoTime();
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
        clock.observe(System.nanoTime(), line.getLongFramePosition());
    }

    long written() {
        return written;
    }

    long position() {
        return line.getLongFramePosition();
    }

    LineClock clock() {
        return clock;
    }

    long lastProgressNanos() {
        return lastProgressNanos;
    }

    void start() {
        line.start();
        lastProgressNanos = System.nanoTime();
    }
}
