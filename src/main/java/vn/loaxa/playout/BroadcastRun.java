package vn.loaxa.playout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
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

    private record StopRequest(Outcome outcome, String reason, @Nullable String by) {
    }

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
    /** The first stop asked for wins (a person's stop, a pre-emption, the shutdown): the END row has one cause. */
    private final AtomicReference<@Nullable StopRequest> stopRequest = new AtomicReference<>();
    /** Items a person skipped, by position in this run, and who: their rows say SKIPPED and by whom. */
    private final Map<Integer, String> skippedBy = new ConcurrentHashMap<>();
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

    /** Named once at the start: a screen polling what is on air never reads the database for it. */
    private volatile List<String> villageNames = List.of();
    /** Player items before the programme's first (the in-band switching tones): 0 or 1. */
    private volatile int firstItemOnPlayer;

    void shown(List<String> names, int firstItem) {
        villageNames = List.copyOf(names);
        firstItemOnPlayer = firstItem;
    }

    List<String> villageNames() {
        return villageNames;
    }

    /** The programme's item at the player's index, -1 for the switching tones around it. */
    int programmeItem(int playerIndex) {
        int index = playerIndex - firstItemOnPlayer;
        return index >= 0 && index < items.size() ? index : -1;
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
        if (stopRequest.get() != null) {
            handle.stop();
        }
    }

    /** Fades the broadcast out; its END row will carry this outcome and reason. */
    boolean stop(Outcome outcome, String reason) {
        return stop(outcome, reason, null);
    }

    /**
     * Fades the broadcast out; its END row will carry this outcome, reason and the person who asked
     * ({@code by}, null for the station itself). False when it has ended or another stop came first.
     */
    boolean stop(Outcome outcome, String reason, @Nullable String by) {
        if (ended || !stopRequest.compareAndSet(null, new StopRequest(outcome, reason, by))) {
            return false;
        }
        var p = playback;
        if (p != null) {
            p.stop();
        }
        return true;
    }

    boolean stopping() {
        return stopRequest.get() != null;
    }

    /**
     * Skips the item at {@code playerIndex} (the index {@link NowPlaying} shows) for {@code by}:
     * false when it is no longer the one playing, or the broadcast is ending.
     */
    boolean skip(int playerIndex, String by) {
        var p = playback;
        int index = programmeItem(playerIndex);
        if (ended || stopping() || p == null || index < 0) {
            return false;
        }
        skippedBy.put(index, by);
        if (!p.skip(playerIndex)) {
            skippedBy.remove(index, by);
            return false;
        }
        return true;
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
        var request = stopRequest.get();
        var outcome = request == null ? Outcome.INTERRUPTED : request.outcome();
        var by = request == null ? null : request.by();
        flushPending(outcome, by);
        var reason = request == null ? "stopped" : request.reason();
        end(outcome, problems.isEmpty() ? reason : reason + "; " + String.join("; ", problems), by);
    }

    /** Ends a broadcast that never reached the player (no device, nothing playable). */
    synchronized void failBeforeStart(String reason) {
        problems.add(reason);
        end(Outcome.FAILED, String.join("; ", problems));
    }

    private void flushPending(Outcome outcome) {
        flushPending(outcome, null);
    }

    /** An item cut short: skipped when a person skipped it, else cut by what ended the broadcast. */
    private void flushPending(Outcome outcome, @Nullable String by) {
        if (pendingIndex >= 0) {
            int index = pendingIndex;
            pendingIndex = -1;
            var skipper = skippedBy.get(index);
            if (skipper != null && outcome != Outcome.FAILED) {
                itemRow(index, pendingMs, Outcome.SKIPPED, pendingStart, "SKIPPED: " + skipper + " skipped it on air",
                        skipper);
            } else {
                itemRow(index, pendingMs, outcome, pendingStart, by == null ? null : outcome.name() + ": " + by,
                        by);
            }
        }
    }

    private void itemRow(int index, long actualMs, Outcome outcome, @Nullable Instant itemStart) {
        itemRow(index, actualMs, outcome, itemStart, null, null);
    }

    private void itemRow(int index, long actualMs, Outcome outcome, @Nullable Instant itemStart,
                         @Nullable String reason, @Nullable String by) {
        var planned = items.get(index);
        var item = planned.item();
        playedMs += actualMs;
        try {
            // A live item is its recording: no library asset yet (it is imported after), the recording's hash.
            boolean live = item.kind() == Occurrence.ItemKind.LIVE;
            var played = playedHashes.get(index);
            airLog.itemPlayed(started, new PlayedItem(planned.position(), item.kind().name(), item.title(),
                    item.topicCode(), item.topicName(), live ? null : item.assetId(), item.bulletinId(),
                    live ? (played == null ? "" : played) : item.sha256(),
                    item.durationMs(), actualMs, outcome, itemStart, playedHashes.get(index), reason, by, gainDb(index)));
        } catch (RuntimeException e) {
            log.error("Could not write the air log row of item {} of {}", index, started, e);
        }
    }

    private @Nullable Double gainDb(int index) {
        var gains = gainsDb;
        return gains == null || index >= gains.length ? null : gains[index];
    }

    private void end(Outcome outcome, @Nullable String reason) {
        if (outcome == Outcome.COMPLETED && !skippedBy.isEmpty() && reason == null) {
            // It played to its end, shorter by what people skipped: the END row says so, each ITEM row says which.
            reason = "SKIPPED: " + skippedBy.size() + " item(s) skipped on air";
        }
        end(outcome, reason, null);
    }

    private void end(Outcome outcome, @Nullable String reason, @Nullable String by) {
        if (ended) {
            return;
        }
        ended = true;
        try {
            airLog.broadcastEnded(started, new BroadcastEnd(clock.instant(), playedMs, outcome, reason,
                    playedMs > 0 ? firstSampleOut : null, by));
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
