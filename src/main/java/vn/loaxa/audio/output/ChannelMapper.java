package vn.loaxa.audio.output;

import java.io.IOException;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;

/** Mono to stereo (duplicate) or stereo to mono (rounded average); the rate is unchanged. */
final class ChannelMapper implements PcmStream {

    private final PcmStream source;
    private final PcmFormat format;
    private short[] scratch = new short[0];

    ChannelMapper(PcmStream source, int channels) {
        this.source = source;
        this.format = new PcmFormat(source.format().sampleRate(), channels);
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    @Override
    public int read(short[] buffer, int offset, int maxFrames) throws IOException {
        int inChannels = source.format().channels();
        if (scratch.length < maxFrames * inChannels) {
            scratch = new short[maxFrames * inChannels];
        }
        int frames = source.read(scratch, 0, maxFrames);
        if (frames <= 0) {
            return frames;
        }
        if (inChannels == 1) {
            for (int i = 0; i < frames; i++) {
                buffer[offset + 2 * i] = scratch[i];
                buffer[offset + 2 * i + 1] = scratch[i];
            }
        } else {
            for (int i = 0; i < frames; i++) {
                // floorDiv of (2 * sum + 1) / 2 rounds halves up, keeping the mix free of a DC bias.
                int sum = scratch[2 * i] + scratch[2 * i + 1];
                buffer[offset + i] = (short) Math.floorDiv(sum + 1, 2);
            }
        }
        return frames;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
