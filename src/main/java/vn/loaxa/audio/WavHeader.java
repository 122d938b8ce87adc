package vn.loaxa.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;


/** The 44-byte header of a 16-bit PCM WAV file, for audio the station makes itself. */
public final class WavHeader {

    public static final int LENGTH = 44;

    private WavHeader() {
    }

    /** The header of a file whose data chunk holds {@code dataBytes} bytes of 16-bit PCM in {@code format}. */
    public static byte[] of(PcmFormat format, long dataBytes) {
        if (dataBytes < 0 || dataBytes > 0xFFFF_FFFFL - 36) {
            throw new IllegalArgumentException("a WAV data chunk holds 0 to 4 GB: " + dataBytes);
        }
        var header = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) format.channels()).putInt(format.sampleRate())
                .putInt(format.sampleRate() * format.bytesPerFrame()).putShort((short) format.bytesPerFrame())
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return header.array();
    }
}
