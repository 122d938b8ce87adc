package vn.loaxa.audio.output;

import java.io.IOException;
import vn.loaxa.audio.PcmStream;

/**
 * One item of a playout: a label for reports and a way to open its audio. Opening is deferred
 * so that an item is decoded just in time (the player opens the next item while the current one
 * plays), not all at once when the programme starts.
 */
public record PlayoutItem(String label, Opener opener) {

    @FunctionalInterface
    public interface Opener {
        PcmStream open() throws IOException;
    }
}
