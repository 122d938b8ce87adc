package vn.loaxa.zone;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One broadcast's hold on its villages' loudspeakers, from the engine's decision to start it until
 * it ends. Every call returns at once: the switching happens on the switchboard's own thread, so
 * neither the engine nor the audio ever waits for a relay, a broker or a program.
 */
public final class ZoneSession {

    private final ZoneSwitchboard board;
    private final ZoneRequest request;
    private final List<ZoneAddress> zones;
    private final @Nullable ControlTones tones;
    private volatile boolean closed;
    private volatile @Nullable Long startSeq;

    ZoneSession(ZoneSwitchboard board, ZoneRequest request, List<ZoneAddress> zones, @Nullable ControlTones tones) {
        this.board = board;
        this.request = request;
        this.zones = List.copyOf(zones);
        this.tones = tones;
    }

    /** A session that switches nothing (driver "none"): the broadcast is logged as targeted. */
    static ZoneSession none(ZoneSwitchboard board, ZoneRequest request) {
        return new ZoneSession(board, request, List.of(), null);
    }

    ZoneRequest request() {
        return request;
    }

    List<ZoneAddress> zones() {
        return zones;
    }

    boolean closed() {
        return closed;
    }

    /** In-band control tones to play before the first item and after the last (DTMF); null otherwise. */
    public @Nullable ControlTones tones() {
        return tones;
    }

    /**
     * Switches the villages on the pre-roll before {@code firstSample} (at once when that is past), so
     * that they are on when the first sample arrives. Does nothing for in-band tones: they are audio.
     */
    public void switchOnBefore(Instant firstSample) {
        if (!zones.isEmpty() && tones == null) {
            board.scheduleOn(this, firstSample);
        }
    }

    /** DTMF: the lead (on) or tail (off) tones have played to the end, or were cut. */
    public void tonesPlayed(boolean on, boolean complete) {
        if (tones != null) {
            board.tonesPlayed(this, on, complete);
        }
    }

    /** The lead tones' length in milliseconds; 0 without in-band tones. */
    public long leadMs() {
        return tones == null ? 0 : tones.leadMs();
    }

    /** The broadcast's START row, once written: the village rows refer to it. */
    public void started(long startSeq) {
        this.startSeq = startSeq;
    }

    @Nullable Long startSeq() {
        return startSeq;
    }

    /** The broadcast ended (whatever the outcome): its villages are switched off unless the next holds them. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!zones.isEmpty()) {
            board.release(this);
        }
    }
}
