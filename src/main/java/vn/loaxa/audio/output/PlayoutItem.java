package vn.loaxa.audio.output;

import java.io.IOException;
import vn.loaxa.audio.PcmStream;

/**
 * One item of a playout: a label for reports and a way to open its audio. Opening is deferred
 * so that an item is decoded just in time (the player opens the next item while the current one
 * plays), not all at once when the programme starts.
 *
 * @param gain linear factor applied to this item's samples on top of the playout's volume (the
 *             loudness normalisation); 1.0 leaves them bit-exact
 * @param live  a live input (a microphone): opened only when it is due, never ahead, and played
 *              through a short line buffer so that the delay to the loudspeakers stays small
 */
public record PlayoutItem(String label, Opener opener, double gain, boolean live) {

    public PlayoutItem {
        if (!(gain >= 0 && gain <= GainStage.MAX_GAIN)) {
            throw new IllegalArgumentException("gain must be within 0.." + GainStage.MAX_GAIN + ": " + gain);
        }
    }

    public PlayoutItem(String label, Opener opener, double gain) {
        this(label, opener, gain, false);
    }

    public PlayoutItem(String label, Opener opener) {
        this(label, opener, 1.0);
    }

    /** A live input: the opener is called when the item is due. */
    public static PlayoutItem live(String label, Opener opener) {
        return new PlayoutItem(label, opener, 1.0, true);
    }

    @FunctionalInterface
    public interface Opener {
        PcmStream open() throws IOException;
    }
}
