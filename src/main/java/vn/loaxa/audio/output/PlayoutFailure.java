package vn.loaxa.audio.output;

import org.jspecify.annotations.Nullable;

/**
 * Something that went wrong during a playout.
 *
 * @param itemIndex the item concerned, or -1 when the failure is not an item's
 * @param fatal     whether the playout ended because of it (then it is the last event)
 */
public record PlayoutFailure(Kind kind, int itemIndex, boolean fatal, String detail, @Nullable Throwable cause) {

    public enum Kind {
        /** The output device was missing or would not open when the line was due to open. */
        DEVICE_UNAVAILABLE,
        /** The open line stopped accepting audio (error, or no progress: a stalled device). */
        LINE_BROKEN,
        /** An item could not be opened or broke part-way through decoding. */
        ITEM_FAILED
    }
}
