package vn.loaxa.audio.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import vn.loaxa.audio.AudioDecodeException;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;

/** A 16-bit PCM WAV file read through Java Sound, for tests and the benchmark. */
public final class WavPcmStream implements PcmStream {

    private final AudioInputStream in;
    private final PcmFormat format;
    private byte[] bytes = new byte[0];

    private WavPcmStream(AudioInputStream in, PcmFormat format) {
        this.in = in;
        this.format = format;
    }

    public static WavPcmStream open(Path file) throws IOException {
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(file.toFile());
        } catch (UnsupportedAudioFileException e) {
            throw new AudioDecodeException(AudioDecodeException.Reason.NOT_AUDIO, file + ": " + e.getMessage(), e);
        }
        AudioFormat f = in.getFormat();
        if (f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.getSampleSizeInBits() != 16 || f.isBigEndian()) {
            in.close();
            throw new AudioDecodeException(AudioDecodeException.Reason.UNSUPPORTED_FORMAT, file + ": " + f);
        }
        return new WavPcmStream(in, new PcmFormat(Math.round(f.getSampleRate()), f.getChannels()));
    }

    /** Writes interleaved samples as a 16-bit WAV file. */
    public static void write(Path file, PcmFormat format, short[] samples) throws IOException {
        byte[] data = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            data[2 * i] = (byte) samples[i];
            data[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        try (AudioInputStream stream = new AudioInputStream(new java.io.ByteArrayInputStream(data),
                format.toAudioFormat(), samples.length / format.channels())) {
            AudioSystem.write(stream, javax.sound.sampled.AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    @Override
    public int read(short[] buffer, int offset, int maxFrames) throws IOException {
        int frameBytes = format.bytesPerFrame();
        if (bytes.length < maxFrames * frameBytes) {
            bytes = new byte[maxFrames * frameBytes];
        }
        int got = 0;
        // Read whole frames only: an AudioInputStream may return any byte count.
        while (got < frameBytes) {
            int n = in.read(bytes, got, maxFrames * frameBytes - got);
            if (n < 0) {
                return got == 0 ? -1 : got / frameBytes;
            }
            got += n;
        }
        int rest = got % frameBytes;
        while (rest != 0) {
            int n = in.read(bytes, got, frameBytes - rest);
            if (n < 0) {
                throw new AudioDecodeException(AudioDecodeException.Reason.TRUNCATED, "WAV ends inside a frame");
            }
            got += n;
            rest = got % frameBytes;
        }
        int samples = got / 2;
        for (int i = 0; i < samples; i++) {
            buffer[offset + i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
        }
        return got / frameBytes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
