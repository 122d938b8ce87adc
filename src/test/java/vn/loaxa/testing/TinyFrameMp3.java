package vn.loaxa.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An MP3 of the smallest valid frames there are: MPEG-2.5 Layer III at 8 kbit/s and 8 kHz, mono,
 * 72 bytes for each 72 ms of (silent) audio, about 1 KB a second. The trick behind "hours of audio
 * in a few MB": every frame is legal, so only its length can refuse it, and decoding it costs the
 * station seconds of CPU.
 */
public final class TinyFrameMp3 {

    public static final int FRAME_BYTES = 72;
    public static final int FRAME_SAMPLES = 576;
    public static final int SAMPLE_RATE = 8_000;

    private TinyFrameMp3() {
    }

    /** How many frames make (at least) {@code length}. */
    public static long frames(Duration length) {
        return Math.ceilDiv(length.toMillis() * SAMPLE_RATE, 1000L * FRAME_SAMPLES);
    }

    /** Exactly what {@code frames(length)} frames last. */
    public static Duration lengthOf(long frames) {
        return Duration.ofMillis(frames * FRAME_SAMPLES * 1000 / SAMPLE_RATE);
    }

    /**
     * Writes the file; {@code salt} goes into the first frame's unused bytes, so two files of the
     * same length have different contents (the library would take the second for the first).
     */
    public static Path write(Path file, Duration length, int salt) throws IOException {
        long frames = frames(length);
        try (var out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (long i = 0; i < frames; i++) {
                out.write(frame(i == 0 ? salt : 0));
            }
        }
        return file;
    }

    public static byte[] bytes(Duration length, int salt) {
        int frames = Math.toIntExact(frames(length));
        var all = new byte[frames * FRAME_BYTES];
        for (int i = 0; i < frames; i++) {
            System.arraycopy(frame(i == 0 ? salt : 0), 0, all, i * FRAME_BYTES, FRAME_BYTES);
        }
        return all;
    }

    /**
     * Sync, MPEG-2.5, Layer III, no CRC (FF E3); bitrate index 1 = 8 kbit/s, rate index 2 = 8 kHz,
     * no padding (18); mono (C0). Then nine bytes of side information, all zero: no main data, so
     * the frame decodes to silence and the remaining bytes are ancillary data nobody reads.
     */
    private static byte[] frame(int salt) {
        var f = new byte[FRAME_BYTES];
        f[0] = (byte) 0xFF;
        f[1] = (byte) 0xE3;
        f[2] = (byte) 0x18;
        f[3] = (byte) 0xC0;
        f[FRAME_BYTES - 1] = (byte) salt;
        f[FRAME_BYTES - 2] = (byte) (salt >>> 8);
        return f;
    }
}
