package vn.loaxa.audio.mp3;

import static vn.loaxa.audio.AudioDecodeException.Reason.CORRUPT;
import static vn.loaxa.audio.AudioDecodeException.Reason.NOT_AUDIO;
import static vn.loaxa.audio.AudioDecodeException.Reason.TRUNCATED;
import static vn.loaxa.audio.AudioDecodeException.Reason.UNSUPPORTED_FORMAT;

import java.io.IOException;
import vn.loaxa.audio.AudioDecodeException;

/**
 * Cuts the audio range of a file into frames. Only the start may be preceded by junk (some
 * encoders and cutters leave a few bytes); after the first frame every frame must follow the
 * previous one exactly, because a broadcast must not resynchronise silently over damage.
 */
final class FrameReader {

    /** Consecutive frames that must agree before bytes are believed to be MPEG audio. */
    private static final int CONFIRM = 4;
    /** Junk tolerated before the first frame; beyond that the file is not taken for an MP3. */
    private static final int MAX_LEADING_JUNK = 1 << 20;
    /** Free-format frames are searched this far (640 kbit/s at 32 kHz, with margin). */
    private static final int MAX_FREE_FORMAT_LENGTH = 3000;

    private final FileWindow file;
    private final long end;
    private long pos;
    private FrameHeader first;
    private int freeFormatLength;
    private int index;
    private final boolean tolerateTruncatedEnd;

    FrameReader(FileWindow file, TagSkipper.AudioRange range) {
        this(file, range, false);
    }

    /**
     * @param tolerateTruncatedEnd end the stream before a last frame that is cut short instead of
     *     failing; only for measuring decoders on reference vectors that end that way
     */
    FrameReader(FileWindow file, TagSkipper.AudioRange range, boolean tolerateTruncatedEnd) {
        this.tolerateTruncatedEnd = tolerateTruncatedEnd;
        this.file = file;
        this.pos = range.start();
        this.end = range.end();
    }

    /** The first frame's header (after {@link #next()} was called once). */
    FrameHeader first() {
        return first;
    }

    long firstFrameOffset() throws IOException {
        if (first == null) {
            synchronise();
        }
        return pos;
    }

    /** The next frame, or null at the end of the audio. */
    Frame next() throws IOException {
        if (first == null) {
            synchronise();
        }
        if (pos >= end) {
            return null;
        }
        if (end - pos < 4) {
            if (allZero(pos, end)) {
                pos = end;
                return null;
            }
            throw new AudioDecodeException(TRUNCATED,
                    "file ends inside a frame header at byte " + pos);
        }
        FrameHeader h = FrameHeader.parse(file.word(pos));
        if (h == null || !h.sameStream(first)) {
            if (allZero(pos, end)) {
                pos = end;
                return null;
            }
            throw new AudioDecodeException(CORRUPT, "no valid frame header at byte " + pos
                    + " (after frame " + index + "): damaged data in the stream");
        }
        int length = length(h);
        if (pos + length > end) {
            if (tolerateTruncatedEnd) {
                pos = end;
                return null;
            }
            throw new AudioDecodeException(TRUNCATED, "last frame (frame " + index + " at byte "
                    + pos + ") needs " + length + " bytes, only " + (end - pos) + " left");
        }
        byte[] data = new byte[length];
        file.copy(pos, data, 0, length);
        Frame frame = new Frame(h, data, pos, index++);
        pos += length;
        return frame;
    }

    private int length(FrameHeader h) {
        if (!h.isFreeFormat()) {
            return h.frameLength();
        }
        int pad = h.padding() ? (h.layer() == 1 ? 4 : 1) : 0;
        return freeFormatLength + pad;
    }

    private void synchronise() throws IOException {
        long limit = Math.min(end - 4, pos + MAX_LEADING_JUNK);
        for (long p = pos; p <= limit; p++) {
            if (file.get(p) != 0xFF) {
                continue;
            }
            FrameHeader h = FrameHeader.parse(file.word(p));
            if (h == null) {
                continue;
            }
            int freeLength = h.isFreeFormat() ? findFreeFormatLength(p, h) : 0;
            if (h.isFreeFormat() && freeLength == 0) {
                continue;
            }
            if (chainHolds(p, h, freeLength)) {
                if (h.layer() != 3) {
                    throw new AudioDecodeException(UNSUPPORTED_FORMAT, h.describe()
                            + " stream: only Layer III (MP3) is supported");
                }
                first = h;
                freeFormatLength = freeLength;
                pos = p;
                return;
            }
        }
        throw new AudioDecodeException(NOT_AUDIO, "no MPEG audio frames found in "
                + Math.max(0, end - pos) + " bytes");
    }

    /**
     * Whether {@link #CONFIRM} frames follow each other from {@code p}, or the chain reaches the
     * end of the audio (a short or truncated file is still recognised, then judged later).
     */
    private boolean chainHolds(long p, FrameHeader h, int freeLength) throws IOException {
        long q = p;
        for (int n = 0; n < CONFIRM; n++) {
            if (q + 4 > end) {
                return n >= 1 && (q == end || n >= 2);
            }
            FrameHeader hq = FrameHeader.parse(file.word(q));
            if (hq == null || !hq.sameStream(h)) {
                return false;
            }
            int len;
            if (hq.isFreeFormat()) {
                len = freeLength + (hq.padding() ? (hq.layer() == 1 ? 4 : 1) : 0);
            } else {
                len = hq.frameLength();
            }
            if (len < 4 + hq.sideInfoLength()) {
                return false;
            }
            if (q + len > end) {
                return n >= 1;
            }
            q += len;
        }
        return true;
    }

    /** Length without padding of free-format frames, found from the distance to the next header. */
    private int findFreeFormatLength(long p, FrameHeader h) throws IOException {
        int pad = h.padding() ? 1 : 0;
        int min = 4 + h.sideInfoLength() + 1;
        for (int d = min; d <= MAX_FREE_FORMAT_LENGTH && p + d + 4 <= end; d++) {
            if (file.get(p + d) != 0xFF) {
                continue;
            }
            FrameHeader next = FrameHeader.parse(file.word(p + d));
            if (next != null && next.sameStream(h) && next.isFreeFormat()
                    && ((next.word() ^ h.word()) & 0x00030000) == 0) {
                return d - pad;
            }
        }
        return 0;
    }

    private boolean allZero(long from, long to) throws IOException {
        if (to - from > 64 * 1024) {
            return false;
        }
        for (long p = from; p < to; p++) {
            if (file.get(p) != 0) {
                return false;
            }
        }
        return true;
    }
}
