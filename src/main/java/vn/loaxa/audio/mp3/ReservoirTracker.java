package vn.loaxa.audio.mp3;

import static vn.loaxa.audio.AudioDecodeException.Reason.CORRUPT;

import vn.loaxa.audio.AudioDecodeException;

/**
 * Follows the Layer III bit reservoir frame by frame, in reservoir byte coordinates (the
 * concatenated payloads of all audio frames). It decides the same thing in the survey and in the
 * decoding pass, so a stream is judged once, before any audio is played.
 */
final class ReservoirTracker {

    enum Status {
        /** The frame's main data is all present. */
        COMPLETE,
        /**
         * The frame points before the start of the stream (a stream cut out of a longer one). Like
         * mpg123, such a frame is played as silence.
         */
        MISSING
    }

    private long payloadTotal;
    private long mainDataEnd;
    private long mainDataStart;

    Status accept(Frame frame, SideInfo si) throws AudioDecodeException {
        long payloadStart = payloadTotal;
        payloadTotal += frame.payloadLength();
        if (si.mainDataBegin > payloadStart) {
            return Status.MISSING;
        }
        long start = payloadStart - si.mainDataBegin;
        if (start < mainDataEnd) {
            throw new AudioDecodeException(CORRUPT, "frame " + frame.index() + " at byte "
                    + frame.offset() + ": main data overlaps the previous frame's");
        }
        long end = start + si.mainDataBytes();
        if (end > payloadTotal) {
            throw new AudioDecodeException(CORRUPT, "frame " + frame.index() + " at byte "
                    + frame.offset() + ": main data runs " + (end - payloadTotal)
                    + " bytes past the frame");
        }
        mainDataStart = start;
        mainDataEnd = end;
        return Status.COMPLETE;
    }

    /** Reservoir position of the last accepted frame's main data. */
    long mainDataStart() {
        return mainDataStart;
    }

    /** Reservoir position where the last accepted frame's payload starts. */
    long payloadStartOfLast(Frame frame) {
        return payloadTotal - frame.payloadLength();
    }
}
