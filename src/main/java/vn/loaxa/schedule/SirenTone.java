package vn.loaxa.schedule;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.WavHeader;

/**
 * The generated siren of emergency presets: a wail rising and falling between 600 and 1200 Hz, the
 * sound villagers know as "alarm" from any distance. Generated the same to the byte every time, so
 * the library recognises it by its hash and keeps one copy however often it is made.
 */
final class SirenTone {

    static final int SAMPLE_RATE = 22_050;
    static final int SECONDS = 6;
    static final String FILE_NAME = "coi-bao-dong.wav";
    private static final double LOW_HZ = 600;
    private static final double HIGH_HZ = 1_200;
    private static final double SWEEP_SECONDS = 2.0;
    /** -6 dBFS: headroom under the loudness ceiling, and the player lifts or lowers it like any item. */
    private static final double AMPLITUDE = 0.5;

    private SirenTone() {
    }

    /** A 16-bit mono WAV file's bytes. */
    static byte[] wav() {
        int frames = SAMPLE_RATE * SECONDS;
        var pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        double phase = 0;
        int fade = SAMPLE_RATE / 50;
        for (int i = 0; i < frames; i++) {
            double t = (double) i / SAMPLE_RATE;
            double cycle = (t % SWEEP_SECONDS) / SWEEP_SECONDS;
            double tri = cycle < 0.5 ? cycle * 2 : 2 - cycle * 2;
            double hz = LOW_HZ + (HIGH_HZ - LOW_HZ) * tri;
            phase += 2 * Math.PI * hz / SAMPLE_RATE;
            // Short fades at both ends: a tone cut at full level clicks on every loudspeaker.
            double envelope = Math.min(1.0, Math.min(i, frames - 1 - i) / (double) fade);
            pcm.putShort((short) Math.round(Math.sin(phase) * AMPLITUDE * envelope * Short.MAX_VALUE));
        }
        return withHeader(pcm.array());
    }

    private static byte[] withHeader(byte[] pcm) {
        var header = WavHeader.of(new PcmFormat(SAMPLE_RATE, 1), pcm.length);
        var out = new ByteArrayOutputStream(header.length + pcm.length);
        out.writeBytes(header);
        out.writeBytes(pcm);
        return out.toByteArray();
    }
}
