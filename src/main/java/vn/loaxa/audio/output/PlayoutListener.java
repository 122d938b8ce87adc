package vn.loaxa.audio.output;

import java.time.Instant;

/**
 * Events of one playout, delivered in order on a thread of their own (a slow listener, e.g. one
 * that writes the broadcast log, cannot starve the audio). Instants are the player's best estimate
 * of when the sample concerned leaves the output. Exactly one terminal event ends every playout:
 * {@link #finished()}, {@link #stopped()} or a fatal {@link #failed(PlayoutFailure)}.
 */
public interface PlayoutListener {

    /** The first sample of the first item left the output at {@code firstSampleOut}. */
    default void started(Instant firstSampleOut) {
    }

    default void itemStarted(int index, Instant firstSampleOut) {
    }

    /**
     * An item's last sample left the output.
     *
     * @param framesPlayed frames of the item that were played, in the line's format
     * @param complete     false when the item was cut by a stop or a failure
     */
    default void itemEnded(int index, long framesPlayed, boolean complete) {
    }

    /** Every item was played (or skipped after a reported failure), and the line is closed. */
    default void finished() {
    }

    /** PlayoutHandle ended because {@link PlayoutHandle#stop()} was called; the line is closed. */
    default void stopped() {
    }

    default void failed(PlayoutFailure failure) {
    }
}
