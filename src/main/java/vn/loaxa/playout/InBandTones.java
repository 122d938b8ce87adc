package vn.loaxa.playout;

import java.time.Instant;

import vn.loaxa.audio.output.PlayoutFailure;
import vn.loaxa.audio.output.PlayoutListener;
import vn.loaxa.zone.ZoneSession;

/**
 * Stands between the player and a broadcast that carries DTMF control tones: the player plays the
 * lead tones as item 0 and the tail tones after the last item, while the broadcast's run (and so the
 * air log) sees only the programme's items, numbered from 0, and takes the programme's first item
 * as the broadcast's actual start. The tones' own outcome goes to the village switchboard.
 */
final class InBandTones implements PlayoutListener {

    private final PlayoutListener run;
    private final ZoneSession session;
    private final int programmeItems;
    private final boolean hasTail;
    private volatile boolean leadEnded;
    private volatile boolean tailEnded;

    InBandTones(PlayoutListener run, ZoneSession session, int programmeItems, boolean hasTail) {
        this.run = run;
        this.hasTail = hasTail;
        this.session = session;
        this.programmeItems = programmeItems;
    }

    private boolean isLead(int index) {
        return index == 0;
    }

    private boolean isTail(int index) {
        return hasTail && index == programmeItems + 1;
    }

    @Override
    public void started(Instant firstSampleOut) {
        // The lead tones are not the programme: its first item's start is the broadcast's.
    }

    @Override
    public void itemStarted(int index, Instant firstSampleOut) {
        if (index == 1) {
            run.started(firstSampleOut);
        }
        if (!isLead(index) && !isTail(index)) {
            run.itemStarted(index - 1, firstSampleOut);
        }
    }

    @Override
    public void itemEnded(int index, long framesPlayed, boolean complete) {
        if (isLead(index)) {
            leadEnded = true;
            session.tonesPlayed(true, complete);
        } else if (isTail(index)) {
            tailEnded = true;
            session.tonesPlayed(false, complete);
        } else {
            run.itemEnded(index - 1, framesPlayed, complete);
        }
    }

    @Override
    public void failed(PlayoutFailure failure) {
        int index = failure.itemIndex();
        if (index >= 0 && (isLead(index) || isTail(index))) {
            if (!failure.fatal()) {
                return; // the tones' own itemEnded tells the switchboard; the programme goes on
            }
            index = -1;
        } else if (index > 0) {
            index -= 1;
        }
        if (failure.fatal()) {
            tonesCut();
        }
        run.failed(new PlayoutFailure(failure.kind(), index, failure.fatal(), failure.detail(), failure.cause()));
    }

    /** Tones that never finished did not switch anything: the villages' rows say so. */
    private void tonesCut() {
        if (!leadEnded) {
            leadEnded = true;
            session.tonesPlayed(true, false);
        }
        if (hasTail && !tailEnded) {
            tailEnded = true;
            session.tonesPlayed(false, false);
        }
    }

    @Override
    public void finished() {
        run.finished();
    }

    @Override
    public void stopped() {
        tonesCut();
        run.stopped();
    }
}
