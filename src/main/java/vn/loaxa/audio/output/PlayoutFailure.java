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
        /**
         * The output device went away while playing (a USB card unplugged, the sound server lost its
         * sink): the driver refused audio, or the line took none for the stall limit. The item cut is
         * reported ended, with what it played, just before this failure.
         */
        OUTPUT_LOST,
        /** The open line failed in another way (an unexpected error from Java Sound). */
        LINE_BROKEN,
        /** An item could not be opened or broke part-way through decoding. */
        ITEM_FAILED
    }
}
