package vn.loaxa.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes WAV files byte by byte, so tests control every header field (and can break them). */
public final class Wavs {

    private Wavs() {
    }

    /** A sine of the given frequency and peak (0..1 of full scale) as 16-bit interleaved samples. */
    public static short[] sine(int rate, int channels, double seconds, double hz, double peak) {
        int frames = (int) Math.round(rate * seconds);
        var out = new short[frames * channels];
        for (int f = 0; f < frames; f++) {
            short v = (short) Math.round(Math.sin(2 * Math.PI * hz * f / rate) * peak * 32767);
            for (int c = 0; c < channels; c++) {
                out[f * channels + c] = v;
            }
        }
        return out;
    }

    public static Path write16(Path file, int rate, int channels, short[] samples) throws IOException {
        var data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            data.putShort(s);
        }
        return write(file, 1, rate, channels, 16, data.array(), false);
    }

    /** PCM of any width (8 unsigned, 16/24/32 signed), plain or WAVE_FORMAT_EXTENSIBLE header. */
    public static Path write(Path file, int formatTag, int rate, int channels, int bits, byte[] data,
                             boolean extensible) throws IOException {
        int blockAlign = channels * bits / 8;
        var fmt = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) (extensible ? 0xFFFE : formatTag)).putShort((short) channels).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        if (extensible) {
            fmt.putShort((short) 22).putShort((short) bits).putInt(channels == 2 ? 3 : 4);
            // KSDATAFORMAT_SUBTYPE_PCM or _IEEE_FLOAT: the tag in the first two bytes of the GUID.
            fmt.putShort((short) formatTag).putShort((short) 0).putShort((short) 0).putShort((short) 0x0010)
                    .put(new byte[] {(byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        var out = new ByteArrayOutputStream();
        var header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(4 + 8 + fmt.capacity() + 8 + data.length).put("WAVE".getBytes());
        out.write(header.array());
        out.write(chunk("fmt ", fmt.array()));
        out.write(chunk("data", data));
        Files.write(file, out.toByteArray());
        return file;
    }

    private static byte[] chunk(String id, byte[] body) {
        var b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes()).putInt(body.length).put(body);
        return b.array();
    }
}
