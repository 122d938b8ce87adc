package vn.loaxa.playout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.audio.output.NoOutputDeviceException;
import vn.loaxa.audio.output.PlayoutClock;
import vn.loaxa.base.DatabaseLane;
import vn.loaxa.playout.BroadcastRun.Planned;
import vn.loaxa.playout.CollisionRule.Action;
import vn.loaxa.schedule.Occurrence;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.ScheduleService;
import vn.loaxa.zone.ZoneSession;
import vn.loaxa.zone.ZoneSwitchboard;

/**
 * Plays occurrences: resolves their items at fire time, applies priorities and start policies
 * against what is on air, writes START before the player gets the broadcast (so before any sample
 * can play), and hands the player the planned instant. The air log's keys are the only idempotency
 * record: a key already logged never plays, whoever asks and however often.
 */
@Service
public class PlayoutEngine {

    private static final Logger log = LoggerFactory.getLogger(PlayoutEngine.class);

    private final ScheduleService schedule;
    private final AirLogService airLog;
    private final StationOutput player;
    private final BroadcastFactory broadcasts;
    /** The grace window is read each time: an admin may change it in the settings. */
    private final PlayoutSettings stationSettings;
    /** Fire-ahead, decide-ahead and late-start, checked against each other at start-up. */
    private final PlayoutTiming timing;
    /** "Now" for every decision: the station's wall clock, whose steps the grace window and {@link ClockWatch} must see. */
    private final Clock clock;
    /**
     * What the engine waits on (its sleeps and its condition), the monotonic time the output's lines
     * run on too; a test runs the engine on a virtual one.
     */
    private final PlayoutClock time;
    /** Shared with the scheduler, so a slot a clock jump skipped has one cause whichever of them logs it. */
    private final ClockWatch clockWatch;
    /** Village loudspeakers: switched on the pre-roll before each broadcast, off after it. */
    private final ZoneSwitchboard switchboard;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Written under the lock; read without it by a person's stop or skip, which must never wait for the engine. */
    private volatile @Nullable BroadcastRun current;
    private volatile boolean closing;

    PlayoutEngine(ScheduleService schedule, AirLogService airLog, StationOutput player, BroadcastFactory broadcasts,
                  PlayoutSettings stationSettings, PlayoutTiming timing, Clock clock, ClockWatch clockWatch,
                  ZoneSwitchboard switchboard, PlayoutClock time) {
        this.time = time;
        this.switchboard = switchboard;
        this.schedule = schedule;
        this.airLog = airLog;
        this.player = player;
        this.broadcasts = broadcasts;
        this.stationSettings = stationSettings;
        this.timing = timing;
        this.clock = clock;
        this.clockWatch = clockWatch;
    }

    /** The occurrence key on air, if any. */
    public Optional<String> onAirKey() {
        var c = current;
        return c == null ? Optional.empty() : Optional.of(c.started().occurrenceKey());
    }

    /**
     * What is on air, for the screens: the broadcast, its villages, its priority, and the item the
     * player reports. Reads no database, so a screen polling it every second costs the engine nothing.
     */
    public Optional<OnAir> onAir() {
        var c = current;
        if (c == null || c.ended()) {
            return Optional.empty();
        }
        var o = c.occurrence();
        var now = player.nowPlaying().orElse(null);
        int item = now == null ? -1 : c.programmeItem(now.itemIndex());
        return Optional.of(new OnAir(c.started().occurrenceKey(), o.title(), o.priority(), c.villageNames(),
                o.villageIds().isEmpty() && o.priority() == Priority.EMERGENCY, now, item, c.stopping(),
                o.items().stream().skip(Math.max(0, item + 1)).mapToLong(Occurrence.Item::durationMs).sum()));
    }

    /**
     * Stops the broadcast on air for a person: a short fade (the output's fade), then the line is
     * released, the villages are switched off as after any end, and the END row says STOPPED and by
     * whom. Never waits for the engine's lock or the database: the engine may be deciding what plays
     * next, or the UI may hold the database, and a stop must take effect at once.
     *
     * @param expectedKey the broadcast the person saw on air; null stops whatever is on air
     * @param reason      why, for the END row (after "STOPPED: ")
     * @throws NothingOnAirException nothing (or another broadcast than expected) is on air, or it is already stopping
     */
    public OnAirAction stop(@Nullable String expectedKey, String by, String reason) {
        var run = current;
        if (run == null || run.ended()) {
            throw NothingOnAirException.nothing();
        }
        var key = run.started().occurrenceKey();
        if (expectedKey != null && !expectedKey.isBlank() && !expectedKey.equals(key)) {
            throw NothingOnAirException.changed();
        }
        if (!run.stop(Outcome.STOPPED, "STOPPED: " + reason, by)) {
            throw run.ended() ? NothingOnAirException.nothing() : NothingOnAirException.stopping();
        }
        log.warn("Broadcast {} '{}' stopped on air by {}", key, run.occurrence().title(), by);
        return new OnAirAction(key, run.occurrence().title(), -1, null);
    }

    /**
     * Skips the item on air for a person: it fades out like a stop and the broadcast's next item
     * follows, joined as items always are; skipping the last item ends the broadcast. Its ITEM row
     * says SKIPPED and by whom. Waits for nothing, like {@link #stop}.
     *
     * @param expectedItem the item index the person saw ({@link NowPlaying#itemIndex()}); -1 for the current one
     * @throws NothingOnAirException nothing is on air, or the item the person saw is no longer playing
     */
    public OnAirAction skip(@Nullable String expectedKey, int expectedItem, String by) {
        var run = current;
        var now = player.nowPlaying().orElse(null);
        if (run == null || run.ended() || now == null) {
            throw NothingOnAirException.nothing();
        }
        var key = run.started().occurrenceKey();
        if (expectedKey != null && !expectedKey.isBlank() && !expectedKey.equals(key)
                || expectedItem >= 0 && expectedItem != now.itemIndex()) {
            throw NothingOnAirException.changed();
        }
        int item = run.programmeItem(now.itemIndex());
        if (item < 0 || !run.skip(now.itemIndex(), by)) {
            // The switching tones, or an item already ending with the audio queued in the line.
            throw run.stopping() ? NothingOnAirException.stopping() : NothingOnAirException.ending();
        }
        log.warn("Item {} '{}' of {} skipped on air by {}", item, now.item(), key, by);
        return new OnAirAction(key, run.occurrence().title(), item, now.item());
    }

    /** A person's cancelling of a one-off stops it if it is on air, logged as stopped by that person. */
    void stopIfOnAir(String key, String by, String reason) {
        var run = current;
        if (run != null && run.started().occurrenceKey().equals(key) && run.stop(Outcome.STOPPED, "STOPPED: " + reason, by)) {
            log.warn("Broadcast {} stopped on air: {}", key, reason);
        }
    }

    boolean isHandling(String key) {
        return inFlight.contains(key);
    }

    /**
     * Plays the occurrence {@code key} planned at {@code planned}, unless the log already has it.
     * Returns once it is on air, skipped, or not to be played; may wait for the broadcast on air.
     *
     * @param reconciled true when a re-plan or start-up recovery starts it after its planned instant, not its trigger
     */
    public void fire(String key, Instant planned, boolean reconciled) {
        if (!inFlight.add(key)) {
            return;
        }
        DatabaseLane.engine(() -> fireInLane(key, planned, reconciled));
    }

    private void fireInLane(String key, Instant planned, boolean reconciled) {
        try {
            var occurrence = resolve(key, planned);
            if (occurrence != null) {
                run(key, occurrence, occurrence.items().stream().map(i -> i).toList(), allPositions(occurrence),
                        reconciled, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Firing {} failed", key, e);
        } finally {
            inFlight.remove(key);
        }
    }

    /**
     * Plays an occurrence that is not in the schedule (a live broadcast) now, on a thread of its own:
     * the same decisions as a scheduled one due now (it cuts or waits by its priority), the same
     * START before the player gets it. Returns at once; false when the key is already being handled.
     *
     * @param onDone run on the broadcast's thread once it is on air, skipped or failed to start
     */
    boolean playNow(Occurrence occurrence, Runnable onDone) {
        var key = occurrence.key();
        if (!inFlight.add(key)) {
            return false;
        }
        Thread.ofPlatform().name("loaxa-live-" + key).daemon().start(() -> {
            DatabaseLane.engine(() -> {
                try {
                    run(key, occurrence, occurrence.items(), allPositions(occurrence), false, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.error("Starting {} failed", key, e);
                } finally {
                    inFlight.remove(key);
                }
            });
            // Outside the engine's lane: what the caller does next (keeping a recording) is not the engine's work.
            onDone.run();
        });
        return true;
    }

    /**
     * Plays the items of {@code occurrence} at {@code positions} under a key of its own, after a
     * broadcast of it was interrupted by a crash; reconciliation calls this.
     */
    void resume(Occurrence occurrence, List<Integer> positions, String resumptionKey, String resumes) {
        if (!inFlight.add(resumptionKey)) {
            return;
        }
        DatabaseLane.engine(() -> resumeInLane(occurrence, positions, resumptionKey, resumes));
    }

    private void resumeInLane(Occurrence occurrence, List<Integer> positions, String resumptionKey, String resumes) {
        try {
            var items = positions.stream().map(p -> occurrence.items().get(p)).toList();
            run(resumptionKey, occurrence, items, positions, true, resumes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Resuming {} failed", resumptionKey, e);
        } finally {
            inFlight.remove(resumptionKey);
        }
    }

    private void run(String key, Occurrence occurrence, List<Occurrence.Item> items, List<Integer> positions,
                     boolean reconciled, @Nullable String resumes) throws InterruptedException {
        boolean emergency = occurrence.priority() == Priority.EMERGENCY;
        var planned = occurrence.plannedStart();
        if (!emergency) {
            sleepUntil(planned.minus(timing.fireAhead()).minus(switchboard.preRoll()));
        }
        boolean firstLook = true;
        while (!closing) {
            BroadcastRun victim;
            lock.lock();
            try {
                if (!airLog.loggedKeys(Set.of(key)).isEmpty()) {
                    return;
                }
                var now = clock.instant();
                // A resumption is due from the moment the crash cut its broadcast, which start-up recovery
                // already held against the grace window; its planned start may be long past in a long programme.
                if (firstLook && resumes == null && tooLate(key, occurrence, now)) {
                    return;
                }
                firstLook = false;
                var onAir = current;
                if (onAir == null) {
                    var zones = broadcasts.zones(key, occurrence, resumes);
                    // DTMF tones play before the first item: the earliest instant leaves room for them.
                    var earliest = now.plus(timing.lateStart()).plusMillis(zones.leadMs());
                    var startAt = planned.isAfter(earliest) ? planned : earliest;
                    start(key, occurrence, items, positions, startAt, resumes, zones);
                    return;
                }
                var decideAt = planned.minus(timing.decideAhead());
                if (!emergency && !reconciled && now.isBefore(decideAt)) {
                    // Busy, but not yet time to decide: what is on air may still end in time.
                    time.await(changed, TimeUnit.MILLISECONDS.toNanos(Duration.between(now, decideAt).toMillis() + 1));
                    continue;
                }
                var decision = CollisionRule.decide(occurrence.priority(), occurrence.startPolicy(),
                        occurrence.waitSeconds(), planned, reconciled, onAir.priority(), now, stationSettings.grace());
                if (decision.action() == Action.SKIP) {
                    skip(key, occurrence, decision.reason() + " (" + onAir.started().occurrenceKey() + ")");
                    return;
                }
                if (decision.action() == Action.WAIT) {
                    time.await(changed, TimeUnit.MILLISECONDS.toNanos(200));
                    continue;
                }
                victim = onAir;
                var outcome = emergency ? Outcome.PREEMPTED : Outcome.INTERRUPTED;
                victim.stop(outcome, (emergency ? "PREEMPTED" : decision.reason()) + ": " + key + " " + occurrence.title());
            } finally {
                lock.unlock();
            }
            awaitEnd(victim, Duration.ofSeconds(5));
        }
    }

    /** Called with the lock held; the broadcast is on air (or ended FAILED) when this returns. */
    private void start(String key, Occurrence occurrence, List<Occurrence.Item> items, List<Integer> positions,
                       Instant startAt, @Nullable String resumes, ZoneSession zones) {
        var planned = new ArrayList<Planned>();
        for (int i = 0; i < items.size(); i++) {
            planned.add(new Planned(positions.get(i), items.get(i)));
        }
        var prepared = broadcasts.prepare(key, occurrence, planned, startAt, resumes, zones, this::ended);
        var run = prepared.run();
        current = run;
        if (prepared.requests().isEmpty()) {
            run.failBeforeStart("NOTHING_TO_PLAY: no playable item");
            return;
        }
        log.info("Broadcast {} '{}' planned {} starts at {}", key, occurrence.title(), occurrence.plannedStart(), startAt);
        zones.switchOnBefore(startAt);
        for (int attempt = 0; ; attempt++) {
            try {
                run.attach(player.play(occurrence.title(), prepared.requests(), prepared.audioStart(),
                        prepared.listener()));
                return;
            } catch (NoOutputDeviceException e) {
                run.failBeforeStart("NO_DEVICE: " + e.getMessage());
                return;
            } catch (StationBusyException e) {
                // Only something outside the schedule (the test tone) holds the output without being ours.
                if (attempt > 0 || !stopOther()) {
                    run.failBeforeStart("BUSY: " + e.getMessage());
                    return;
                }
            } catch (RuntimeException e) {
                run.failBeforeStart("PLAYER: " + e);
                return;
            }
        }
    }

    private boolean stopOther() {
        try {
            return player.stopCurrent(Duration.ofSeconds(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Decides on the real clock, when the trigger has fired: later than the grace window after the
     * planned start the slot is logged MISSED and nothing airs; within it the broadcast plays and its
     * row records how late it started. The reason says whether the wall clock jumped over the slot
     * (Quartz fires every trigger a jump skipped at once) or the trigger itself came late (a frozen
     * process, a starved JVM).
     */
    private boolean tooLate(String key, Occurrence o, Instant now) {
        var grace = stationSettings.grace();
        var late = Duration.between(o.plannedStart(), now);
        if (late.compareTo(grace) <= 0) {
            return false;
        }
        var reason = clockWatch.missCause(o.plannedStart(), now, grace).reason(late, grace);
        log.warn("Missed {} '{}': {}", key, o.title(), reason);
        airLog.notAired(notAired(key, o).missed(reason));
        return true;
    }

    private void skip(String key, Occurrence o, String reason) {
        log.warn("Skipping {} '{}': {}", key, o.title(), reason);
        airLog.notAired(notAired(key, o).skipped(reason));
    }

    private NotAired.Builder notAired(String key, Occurrence o) {
        return NotAired.of(key, o.title(), o.plannedStart(), o.nominalMs(), o.priority())
                .villages(o.villageIds(), broadcasts.villageNames(o.villageIds()))
                .triggeredBy(broadcasts.trigger(o), broadcasts.triggeredBy(o));
    }

    private void ended(BroadcastRun run) {
        lock.lock();
        try {
            if (current == run) {
                current = null;
            }
            time.signalAll(changed);
        } finally {
            lock.unlock();
        }
    }

    private void awaitEnd(BroadcastRun run, Duration timeout) throws InterruptedException {
        long deadline = time.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!run.ended() && current == run && time.nanoTime() < deadline) {
                time.await(changed, TimeUnit.MILLISECONDS.toNanos(50));
            }
            if (current == run) {
                // The player never reported the end: free the station rather than block every broadcast after it.
                log.error("Broadcast {} did not end after being stopped; releasing the output", run.started());
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private @Nullable Occurrence resolve(String key, Instant planned) {
        return schedule.plan(planned, planned.plusMillis(1)).stream().filter(o -> o.key().equals(key)).findFirst()
                .orElseGet(() -> {
                    log.info("Occurrence {} at {} is no longer in the schedule; nothing to play", key, planned);
                    return null;
                });
    }

    private void sleepUntil(Instant instant) throws InterruptedException {
        while (!closing) {
            long ms = Duration.between(clock.instant(), instant).toMillis();
            if (ms <= 0) {
                return;
            }
            time.sleep(TimeUnit.MILLISECONDS.toNanos(Math.min(ms, 200)));
        }
    }

    private static List<Integer> allPositions(Occurrence o) {
        var list = new ArrayList<Integer>();
        for (int i = 0; i < o.items().size(); i++) {
            list.add(i);
        }
        return list;
    }

    /** A clean shutdown ends what is on air with an END row instead of leaving it to reconciliation. */
    @PreDestroy
    void shutdown() throws InterruptedException {
        closing = true;
        BroadcastRun onAir;
        lock.lock();
        try {
            onAir = current;
            if (onAir != null) {
                onAir.stop(Outcome.INTERRUPTED, "SHUTDOWN: the station was shut down");
            }
        } finally {
            lock.unlock();
        }
        if (onAir != null) {
            awaitEnd(onAir, Duration.ofSeconds(3));
        }
    }
}
