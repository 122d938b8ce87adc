package vn.loaxa.audio.mp3;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * The byte stream JLayer's {@code Bitstream} reads: only whole Layer III frames, tags and junk
 * removed, the header frame dropped, and, where the survey asked for it, repacked. JLayer reads
 * ahead, so the frames' {@link FrameMeta} wait in a queue that the decoding loop takes one entry
 * from per decoded frame.
 */
final class FrameFeed extends InputStream {

    private final FrameReader reader;
    private final boolean skipFirstFrame;
    private final Repacker repacker;
    private final SideInfo sideInfo = new SideInfo();
    private final ReservoirTracker reservoir = new ReservoirTracker();
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private final ArrayDeque<FrameMeta> metas;

    private byte[] current;
    private int position;
    private boolean exhausted;
    private IOException failure;

    FrameFeed(FrameReader reader, boolean skipFirstFrame, Repacker repacker,
            ArrayDeque<FrameMeta> metas) {
        this.reader = reader;
        this.skipFirstFrame = skipFirstFrame;
        this.repacker = repacker;
        this.metas = metas;
    }

    /**
     * An error met while producing frames. JLayer swallows or wraps exceptions from its input, so
     * the decoding loop asks here for the real reason.
     */
    IOException failure() {
        return failure;
    }

    boolean exhausted() {
        return exhausted && frames.isEmpty() && (current == null || position >= current.length);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || position >= current.length) {
            current = frames.poll();
            position = 0;
            if (current == null) {
                if (exhausted || !produce()) {
                    return -1;
                }
            }
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    private boolean produce() throws IOException {
        try {
            while (frames.isEmpty()) {
                Frame f = reader.next();
                if (f == null) {
                    exhausted = true;
                    if (repacker != null) {
                        repacker.flush(this::enqueue);
                    }
                    return !frames.isEmpty();
                }
                if (f.index() == 0 && skipFirstFrame) {
                    continue;
                }
                sideInfo.parse(f.header(), f.data());
                boolean missing =
                        reservoir.accept(f, sideInfo) == ReservoirTracker.Status.MISSING;
                if (repacker != null) {
                    repacker.push(f, sideInfo, missing, this::enqueue);
                } else {
                    enqueue(f.data(), new FrameMeta(f.header().channels(), missing));
                }
            }
            return true;
        } catch (IOException e) {
            failure = e;
            exhausted = true;
            throw e;
        }
    }

    private void enqueue(byte[] frame, FrameMeta meta) {
        frames.add(frame);
        metas.add(meta);
    }
}
