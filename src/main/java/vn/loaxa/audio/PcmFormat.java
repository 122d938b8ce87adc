package vn.loaxa.audio;

import javax.sound.sampled.AudioFormat;

/**
 * The only sample layout the audio path passes around: signed 16-bit, little-endian, interleaved.
 * Keeping one layout means every stage (decoders, converters, the player) agrees without
 * negotiating; 24-bit sources are reduced to 16 bits when decoded.
 */
public record PcmFormat(int sampleRate, int channels) {

    public static final PcmFormat CD_STEREO = new PcmFormat(44_100, 2);

    public PcmFormat {
        if (sampleRate < 1_000 || sampleRate > 192_000) {
            throw new IllegalArgumentException("sample rate out of range: " + sampleRate);
        }
        if (channels < 1 || channels > 2) {
            throw new IllegalArgumentException("only mono or stereo is supported: " + channels);
        }
    }

    public int bytesPerFrame() {
        return 2 * channels;
    }

    public AudioFormat toAudioFormat() {
        return new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, sampleRate, 16, channels,
                bytesPerFrame(), sampleRate, false);
    }

    public long framesToMillis(long frames) {
        return frames * 1000L / sampleRate;
    }
}
