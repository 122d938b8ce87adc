package vn.loaxa.playout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogRecords.Started;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.audio.output.PlayoutHandle;
import vn.loaxa.audio.output.PlayoutFailure;
import vn.loaxa.audio.output.PlayoutListener;
import vn.loaxa.schedule.Occurrence;
import vn.loaxa.schedule.Priority;
import vn.loaxa.zone.ZoneSession;

/**
 * One broadcast on air, and the air log rows it writes as the player reports what really came out:
 * an ITEM row when an item ends (the player reports an item as ended only once the line has played
 * it), and the END row on the terminal event, each with the instants the player measured on its
 * line clock. Rows are written on the player's event thread, never the audio thread; an append
 * returns once the row is in the air log journal, so a busy database never holds this thread.
 */
final class BroadcastRun implements PlayoutListener {

    private static final Logger log = LoggerFactory.getLogger(BroadcastRun.class);

    /** One item to play and its position in the occurrence (a resumption plays a tail of it). */
    record Planned(int position, Occurrence.Item item) {
    }

    private final Occurrence occurrence;
    private final Started started;
    private final List<Planned> items;
    private final AirLogService airLog;
    private final Clock clock;
    private final int lineRate;
    private final Consumer<BroadcastRun> onEnd;
    private final ZoneSession zones;
    private final List<String> problems = new ArrayList<>();
    private volatile @Nullable PlayoutHandle playback;
    private volatile @Nullable Outcome stopOutcome;
    private volatile @Nullable String stopReason;
    private volatile boolean ended;
    private long playedMs;
    private int currentItem = -1;
    private @Nullable Instant currentItemStart;
    /** When the first sample left the line, by the player's line clock: the broadcast's actual start. */
    private @Nullable Instant firstSampleOut;
    /** An item that ended incomplete: its row waits to learn whether it failed or was cut. */
    private int pendingIndex = -1;
    private long pendingMs;
    /** The hash of each item's file as it was read to play, set by the decode thread that opened it. */
    private final AtomicReferenceArray<String> playedHashes;
    private @Nullable Instant pendingStart;
    /** The loudness gain the player applies to each item, in dB; set before the player starts. */
    private volatile double @Nullable [] gainsDb;

    BroadcastRun(Occurrence occurrence, Started started, List<Planned> items, List<String> problems, AirLogService airLog,
                 Clock clock, int lineRate, ZoneSession zones, Consumer<BroadcastRun> onEnd,
                 AtomicReferenceArray<String> playedHashes) {
        this.playedHashes = playedHashes;
        this.zones = zones;
        this.occurrence = occurrence;
        this.started = started;
        this.items = List.copyOf(items);
        this.problems.addAll(problems);
        this.airLog = airLog;
        this.clock = clock;
        this.lineRate = lineRate;
        this.onEnd = onEnd;
    }

    /** The loudness gain of each item (decision 0034), copied into its ITEM row. */
    void gainsDb(double[] gains) {
        gainsDb = gains.clone();
    }

    Occurrence occurrence() {
        return occurrence;
    }

    Started started() {
        return started;
    }

    ZoneSession zones() {
        return zones;
    }

    Priority priority() {
        return occurrence.priority();
    }

    boolean ended() {
        return ended;
    }

    void attach(PlayoutHandle handle) {
        playback = handle;
        if (stopOutcome != null) {
            handle.stop();
        }
    }

    /** Fades the broadcast out; its END row will carry this outcome and reason. */
    void stop(Outcome outcome, String reason) {
        stopReason = reason;
        stopOutcome = outcome;
        var p = playback;
        if (p != null) {
            p.stop();
        }
    }

    @Override
    public synchronized void started(Instant at) {
        firstSampleOut = at;
    }

    @Override
    public synchronized void itemStarted(int index, Instant at) {
        flushPending(Outcome.INTERRUPTED);
        currentItem = index;
        currentItemStart = at;
    }

    @Override
    public synchronized void itemEnded(int index, long framesPlayed, boolean complete) {
        flushPending(Outcome.INTERRUPTED);
        var start = index == currentItem ? currentItemStart : null;
        currentItem = -1;
        long ms = framesPlayed * 1000 / lineRate;
        if (complete) {
            itemRow(index, ms, Outcome.COMPLETED, start);
        } else {
            pendingIndex = index;
            pendingMs = ms;
            pendingStart = start;
        }
    }

    @Override
    public synchronized void failed(PlayoutFailure failure) {
        problems.add(failure.kind() + ": " + failure.detail());
        int index = failure.itemIndex();
        if (index >= 0 && index == pendingIndex) {
            pendingIndex = -1;
            itemRow(index, pendingMs, Outcome.FAILED, pendingStart);
        } else if (index >= 0 && index != currentItem) {
            // Could not even be opened: it played nothing, but the log says it was due and why it did not air.
            flushPending(Outcome.INTERRUPTED);
            itemRow(index, 0, Outcome.FAILED, null);
        }
        if (failure.fatal()) {
            flushPending(Outcome.FAILED);
            if (currentItem >= 0 && currentItemStart != null) {
                itemRow(currentItem, Math.max(0, clock.millis() - currentItemStart.toEpochMilli()), Outcome.FAILED,
                        currentItemStart);
                currentItem = -1;
            }
            end(Outcome.FAILED, String.join("; ", problems));
        }
    }

    @Override
    public synchronized void finished() {
        flushPending(Outcome.INTERRUPTED);
        end(problems.isEmpty() ? Outcome.COMPLETED : Outcome.FAILED, problems.isEmpty() ? null : String.join("; ", problems));
    }

    @Override
    public synchronized void stopped() {
        var outcome = stopOutcome == null ? Outcome.INTERRUPTED : stopOutcome;
        flushPending(outcome);
        var reason = stopReason == null ? "stopped" : stopReason;
        end(outcome, problems.isEmpty() ? reason : reason + "; " + String.join("; ", problems));
    }

    /** Ends a broadcast that never reached the player (no device, nothing playable). */
    synchronized void failBeforeStart(String reason) {
        problems.add(reason);
        end(Outcome.FAILED, String.join("; ", problems));
    }

    private void flushPending(Outcome outcome) {
        if (pendingIndex >= 0) {
            int index = pendingIndex;
            pendingIndex = -1;
            itemRow(index, pendingMs, outcome, pendingStart);
        }
    }

    private void itemRow(int index, long actualMs, Outcome outcome, @Nullable Instant itemStart) {
        var planned = items.get(index);
        var item = planned.item();
        playedMs += actualMs;
        try {
            airLog.itemPlayed(started, new PlayedItem(planned.position(), item.kind().name(), item.title(),
                    item.topicCode(), item.topicName(), item.assetId(), item.bulletinId(), item.sha256(),
                    item.durationMs(), actualMs, outcome, itemStart, playedHashes.get(index), gainDb(index)));
        } catch (RuntimeException e) {
            log.error("Could not write the air log row of item {} of {}", index, started, e);
        }
    }

    private @Nullable Double gainDb(int index) {
        var gains = gainsDb;
        return gains == null || index >= gains.length ? null : gains[index];
    }

    private void end(Outcome outcome, @Nullable String reason) {
        if (ended) {
            return;
        }
        ended = true;
        try {
            airLog.broadcastEnded(started, new BroadcastEnd(clock.instant(), playedMs, outcome, reason,
                    playedMs > 0 ? firstSampleOut : null));
        } catch (RuntimeException e) {
            log.error("Could not write the END row of {}", started, e);
        } finally {
            log.info("Broadcast {} '{}' ended {}{}", occurrence.key(), occurrence.title(), outcome,
                    reason == null ? "" : ": " + reason);
            // After the END row, so each village's OFF row follows the broadcast's end in the log.
            zones.close();
            onEnd.accept(this);
        }
    }
}
