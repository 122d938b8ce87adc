package vn.loaxa.audio;

import java.io.Closeable;
import java.io.IOException;

/**
 * A pull source of decoded audio in a fixed {@link PcmFormat}. Decoders, converters and test
 * signals all look like this, so the player can chain them without knowing where PCM came from.
 */
public interface PcmStream extends Closeable {

    PcmFormat format();

    /**
     * Reads up to {@code maxFrames} frames of interleaved samples into {@code buffer} starting at
     * {@code offset} (an index into the array, in samples).
     *
     * @return the number of frames read, or -1 at the end of the stream
     * @throws AudioDecodeException when the source turns out to be damaged part-way through
     */
    int read(short[] buffer, int offset, int maxFrames) throws IOException;

    /**
     * How many frames the source says it holds (a WAV header's data size, an MP3's frame count),
     * known before decoding; -1 when it cannot say. A hint for refusing a file early, never a
     * promise: decoding may end sooner (a truncated file) or go on longer (a header that lies).
     */
    default long declaredFrames() {
        return -1;
    }

    @Override
    void close() throws IOException;
}
