package vn.loaxa.playout;

import java.time.Duration;

import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;

/** A 1 kHz sine at -12 dBFS with 10 ms ramps (no click on the loudspeakers), in the line's own format. */
final class TestTone implements PcmStream {

    private static final double AMPLITUDE = 32767 * Math.pow(10, -12 / 20.0);

    private final PcmFormat format;
    private final long totalFrames;
    private final long rampFrames;
    private long position;

    private TestTone(PcmFormat format, Duration length) {
        this.format = format;
        this.totalFrames = length.toMillis() * format.sampleRate() / 1000;
        this.rampFrames = format.sampleRate() / 100;
    }

    static PcmStream open(PcmFormat format, Duration length) {
        return new TestTone(format, length);
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    @Override
    public int read(short[] buffer, int offset, int maxFrames) {
        if (position >= totalFrames) {
            return -1;
        }
        int n = (int) Math.min(maxFrames, totalFrames - position);
        for (int i = 0; i < n; i++, position++) {
            double ramp = Math.min(1.0, Math.min(position, totalFrames - 1 - position) / (double) rampFrames);
            short v = (short) Math.round(Math.sin(2 * Math.PI * 1000 * position / format.sampleRate()) * AMPLITUDE * ramp);
            for (int c = 0; c < format.channels(); c++) {
                buffer[offset + i * format.channels() + c] = v;
            }
        }
        return n;
    }

    @Override
    public void close() {
    }
}
