package vn.loaxa.audio.wav;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import vn.loaxa.audio.AudioDecodeException;
import vn.loaxa.audio.AudioDecodeException.Reason;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;

/**
 * WAV through Java Sound's own reader (which also understands WAVE_FORMAT_EXTENSIBLE), reduced to
 * the 16-bit layout the rest of the path uses. 8-bit, 24-bit, 32-bit integer and 32-bit float PCM
 * are converted here with rounding, so a 16-bit file passes through bit-exact.
 */
public final class WavDecoder {

    private WavDecoder() {
    }

    public static PcmStream open(Path file) throws IOException {
        AudioInputStream ais;
        try {
            ais = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(file), 65_536));
        } catch (UnsupportedAudioFileException e) {
            throw new AudioDecodeException(Reason.UNSUPPORTED_FORMAT,
                    "Java Sound cannot read this WAV file: " + e.getMessage(), e);
        }
        try {
            return new WavStream(ais);
        } catch (IOException | RuntimeException e) {
            ais.close();
            throw e;
        }
    }

    private static final class WavStream implements PcmStream {

        private final AudioInputStream in;
        private final PcmFormat format;
        private final SampleCodec codec;
        private final int bytesPerFrame;
        private final long declaredFrames;
        private byte[] bytes = new byte[0];
        private long framesRead;

        WavStream(AudioInputStream in) throws IOException {
            this.in = in;
            var source = in.getFormat();
            int channels = source.getChannels();
            if (channels < 1 || channels > 2) {
                throw new AudioDecodeException(Reason.UNSUPPORTED_FORMAT,
                        "Only mono and stereo WAV files are supported, this one has " + channels + " channels");
            }
            float rate = source.getSampleRate();
            if (rate < 8_000 || rate > 96_000 || rate != Math.rint(rate)) {
                throw new AudioDecodeException(Reason.UNSUPPORTED_FORMAT, "Unsupported sample rate " + rate);
            }
            this.codec = SampleCodec.of(source);
            this.format = new PcmFormat((int) rate, channels);
            this.bytesPerFrame = source.getFrameSize();
            this.declaredFrames = in.getFrameLength();
        }

        @Override
        public PcmFormat format() {
            return format;
        }

        @Override
        public long declaredFrames() {
            return declared() ? declaredFrames : -1;
        }

        /** Streaming writers leave the size unset (0 or 0xFFFFFFFF): then the header says nothing. */
        private boolean declared() {
            return declaredFrames > 0 && declaredFrames != AudioSystem.NOT_SPECIFIED
                    && declaredFrames * bytesPerFrame < 0xFFFF_FF00L;
        }

        @Override
        public int read(short[] buffer, int offset, int maxFrames) throws IOException {
            int want = maxFrames * bytesPerFrame;
            if (bytes.length < want) {
                bytes = new byte[want];
            }
            int got = readFully(in, bytes, want);
            int frames = got / bytesPerFrame;
            if (frames == 0) {
                checkComplete();
                return -1;
            }
            codec.decode(bytes, frames * format.channels(), buffer, offset);
            framesRead += frames;
            return frames;
        }

        /**
         * A data chunk that promises more than the file holds means the file was cut short (a failed
         * copy); airing it would end the item abruptly, so it is refused. Streaming writers that
         * leave the size unset (0 or 0xFFFFFFFF) are accepted as they are.
         */
        private void checkComplete() throws AudioDecodeException {
            if (declared() && framesRead < declaredFrames) {
                throw new AudioDecodeException(Reason.TRUNCATED, "WAV data ends after " + framesRead
                        + " of the " + declaredFrames + " frames its header declares");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private static int readFully(InputStream in, byte[] b, int len) throws IOException {
            int total = 0;
            while (total < len) {
                int n = in.read(b, total, len - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }
    }

    /** Converts one source sample layout to signed 16-bit, rounding to nearest. */
    private interface SampleCodec {

        void decode(byte[] in, int samples, short[] out, int offset);

        static SampleCodec of(AudioFormat f) throws AudioDecodeException {
            var enc = f.getEncoding();
            int bits = f.getSampleSizeInBits();
            boolean big = f.isBigEndian();
            if (enc.equals(AudioFormat.Encoding.PCM_UNSIGNED) && bits == 8) {
                return (in, n, out, o) -> {
                    for (int i = 0; i < n; i++) {
                        out[o + i] = (short) (((in[i] & 0xff) - 128) << 8);
                    }
                };
            }
            if (enc.equals(AudioFormat.Encoding.PCM_SIGNED) && bits == 8) {
                return (in, n, out, o) -> {
                    for (int i = 0; i < n; i++) {
                        out[o + i] = (short) (in[i] << 8);
                    }
                };
            }
            if (enc.equals(AudioFormat.Encoding.PCM_SIGNED) && (bits == 16 || bits == 24 || bits == 32)) {
                int width = bits / 8;
                int shift = bits - 16;
                return (in, n, out, o) -> {
                    for (int i = 0; i < n; i++) {
                        int p = i * width;
                        long v = 0;
                        for (int k = 0; k < width; k++) {
                            int b = in[p + (big ? k : width - 1 - k)] & 0xff;
                            v = (v << 8) | b;
                        }
                        v = (v << (64 - bits)) >> (64 - bits); // sign-extend
                        out[o + i] = clip(shift == 0 ? v : (v + (1L << (shift - 1))) >> shift);
                    }
                };
            }
            if (enc.equals(AudioFormat.Encoding.PCM_FLOAT) && bits == 32) {
                return (in, n, out, o) -> {
                    for (int i = 0; i < n; i++) {
                        int p = i * 4;
                        int bitsValue = big
                                ? (in[p] & 0xff) << 24 | (in[p + 1] & 0xff) << 16 | (in[p + 2] & 0xff) << 8 | (in[p + 3] & 0xff)
                                : (in[p + 3] & 0xff) << 24 | (in[p + 2] & 0xff) << 16 | (in[p + 1] & 0xff) << 8 | (in[p] & 0xff);
                        out[o + i] = clip(Math.round(Float.intBitsToFloat(bitsValue) * 32768.0));
                    }
                };
            }
            throw new AudioDecodeException(Reason.UNSUPPORTED_FORMAT,
                    "Unsupported WAV encoding " + enc + " " + bits + "-bit (only PCM and 32-bit float)");
        }

        private static short clip(long v) {
            return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
    }
}
