package vn.loaxa.playout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.event.TransactionalEventListener;

import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.base.DatabaseLane;
import vn.loaxa.schedule.Occurrence;
import vn.loaxa.schedule.PlanningLedger;
import vn.loaxa.schedule.PlanningLedger.MissCause;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.ScheduleService;
import vn.loaxa.zone.ZoneSwitchboard;

/**
 * Keeps Quartz's in-memory triggers equal to the schedule: one trigger per occurrence key in the
 * next {@code horizon}, rebuilt from our tables at start-up, after every schedule change and every
 * {@code replanEvery}. Occurrences already due are played late (within grace) or logged MISSED.
 */
@Service
public class PlayoutScheduler {

    private static final Logger log = LoggerFactory.getLogger(PlayoutScheduler.class);
    private static final String GROUP = "occurrence";
    private static final JobKey REPLAN = JobKey.jobKey("replan", "engine");
    /** More than the re-plan period (1 min), less than how long a check ahead stands (10 min). */
    static final Duration CHECK_AHEAD = Duration.ofMinutes(3);

    private final Scheduler quartz;
    private final ScheduleService schedule;
    private final AirLogService airLog;
    private final PlayoutEngine engine;
    private final StartupRecovery recovery;
    private final BroadcastFactory broadcasts;
    private final PlayoutState state;
    /** The grace window is read each time: an admin may change it in the settings. */
    private final PlayoutSettings stationSettings;
    private final EngineProperties settings;
    /** The fire-ahead, checked against the other margins at start-up. */
    private final PlayoutTiming timing;
    private final Clock clock;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean replanQueued = new AtomicBoolean();
    /** Shared with the engine: a slot a clock jump skipped has one cause whichever of them logs it. */
    private final ClockWatch clockWatch;
    /** Whether the last heartbeat write failed; re-plans run one at a time (synchronized). */
    private boolean heartbeatFailing;
    /** Re-plans one at a time, off the caller's thread (an edit's transaction must commit first). */
    private final ExecutorService planner = Executors.newSingleThreadExecutor(r -> daemon(r, "loaxa-replan"));
    /** Late normal broadcasts one after the other, in planned order. */
    private final ExecutorService late = Executors.newSingleThreadExecutor(r -> daemon(r, "loaxa-late"));
    /** Emergencies never queue behind anything. */
    private final ExecutorService urgent = Executors.newCachedThreadPool(r -> daemon(r, "loaxa-emergency"));

    private final ZoneSwitchboard switchboard;

    PlayoutScheduler(Scheduler quartz, ScheduleService schedule, AirLogService airLog, PlayoutEngine engine,
                     StartupRecovery recovery, BroadcastFactory broadcasts, PlayoutState state,
                     PlayoutSettings stationSettings, EngineProperties settings, PlayoutTiming timing,
                     Clock clock, ClockWatch clockWatch, ZoneSwitchboard switchboard) {
        this.timing = timing;
        this.switchboard = switchboard;
        this.state = state;
        this.quartz = quartz;
        this.schedule = schedule;
        this.airLog = airLog;
        this.engine = engine;
        this.recovery = recovery;
        this.broadcasts = broadcasts;
        this.stationSettings = stationSettings;
        this.settings = settings;
        this.clock = clock;
        this.clockWatch = clockWatch;
    }

    public boolean isRunning() {
        return started.get();
    }

    /** Reconciles what happened while the station was down, then starts the timers. */
    @EventListener(ApplicationReadyEvent.class)
    void start() throws SchedulerException {
        if (!settings.enabled() || !started.compareAndSet(false, true)) {
            log.info("Playout engine disabled (loaxa.playout.enabled=false)");
            return;
        }
        DatabaseLane.engine(() -> {
            try {
                // Rows an earlier run left in the air log journal must be in the database before
                // recovery reads what was on air.
                if (!airLog.flush(Duration.ofSeconds(10))) {
                    log.error("The air log journal could not be written to the database: {}", airLog.backlog());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recovery.recover(late);
        });
        clockWatch.watch();
        replan(true);
        var replanJob = JobBuilder.newJob(ReplanJob.class).withIdentity(REPLAN).build();
        quartz.scheduleJob(replanJob, periodicReplan());
        clockWatch.onJump(jump -> {
            if (!planner.isShutdown()) {
                planner.execute(this::clockJumped);
            }
        });
        quartz.start();
        log.info("Playout engine started: horizon {}, grace {}, fire {} ahead", settings.horizon(), stationSettings.grace(),
                timing.fireAhead());
    }

    /** The periodic re-plan, its first run one period from now. */
    private Trigger periodicReplan() {
        return TriggerBuilder.newTrigger().withIdentity(REPLAN.getName(), REPLAN.getGroup()).forJob(REPLAN)
                .startAt(Date.from(clock.instant().plus(settings.replanEvery())))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(settings.replanEvery().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    /**
     * Re-plans at once after a clock jump, so the slots a jump forward skipped are logged without
     * waiting for their triggers, and restarts the periodic re-plan from the new time: its trigger is
     * on the wall clock too, and after a clock set back by an hour it would not fire for an hour.
     */
    private void clockJumped() {
        replan(false);
        try {
            var next = quartz.rescheduleJob(TriggerKey.triggerKey(REPLAN.getName(), REPLAN.getGroup()), periodicReplan());
            log.info("Re-planned after the clock jump; the periodic re-plan runs again from {}",
                    next == null ? null : next.toInstant());
        } catch (SchedulerException e) {
            log.error("Could not restart the periodic re-plan after the clock jump", e);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void scheduleChanged(vn.loaxa.schedule.ScheduleChanged change) {
        if (started.get() && replanQueued.compareAndSet(false, true)) {
            log.debug("Schedule changed ({}): re-planning", change.what());
            planner.execute(() -> {
                replanQueued.set(false);
                replan(false);
            });
        }
    }

    /** Plans the horizon and makes Quartz's triggers match it; logs what can no longer play. */
    synchronized void replan(boolean atStartUp) {
        DatabaseLane.engine(() -> replanInLane(atStartUp));
    }

    private void replanInLane(boolean atStartUp) {
        try {
            var now = clock.instant();
            var grace = stationSettings.grace();
            // From the newest logged occurrence, or the last instant the engine was running if that is
            // older (a station whose log is still empty), and never less than the grace window back.
            var lookback = PlanningLedger.lookbackStart(airLog.newestPlannedStart().orElse(null), now, grace);
            var runningAt = state.runningAt().filter(t -> t.isBefore(lookback)).orElse(lookback);
            var from = runningAt.isBefore(now.minus(grace)) ? runningAt : now.minus(grace);
            var planned = schedule.plan(from, now.plus(settings.horizon()));
            var logged = airLog.loggedKeys(planned.stream().map(Occurrence::key).toList());
            var result = PlanningLedger.reconcile(planned, logged, now, grace, o -> atStartUp ? MissCause.STATION_DOWN
                    : clockWatch.missCause(o.plannedStart(), now, grace));
            for (var missed : result.missed()) {
                if (!engine.isHandling(missed.occurrence().key())) {
                    logMissed(missed.occurrence(), missed.reason(grace));
                }
            }
            for (var due : result.playNow()) {
                if (!engine.isHandling(due.key())) {
                    var pool = due.priority() == Priority.EMERGENCY ? urgent : late;
                    pool.execute(() -> engine.fire(due.key(), due.plannedStart(), true));
                }
            }
            var wanted = new HashMap<String, Instant>();
            result.upcoming().forEach(o -> wanted.put(o.key(), o.plannedStart()));
            syncTriggers(wanted);
            checkAhead(result.upcoming(), now);
            heartbeat(now);
        } catch (RuntimeException | SchedulerException e) {
            log.error("Re-planning failed; keeping the triggers as they were", e);
        }
    }

    /**
     * The files of what is due within {@link #CHECK_AHEAD} are hashed now rather than in the lead
     * (decision 0038); a failure to ask is said and planning goes on, as the check before air
     * still hashes what was not checked ahead.
     */
    private void checkAhead(List<Occurrence> upcoming, Instant now) {
        try {
            broadcasts.checkAhead(upcoming.stream().filter(o -> o.plannedStart().isBefore(now.plus(CHECK_AHEAD))).toList());
        } catch (RuntimeException e) {
            log.warn("Could not check the next broadcasts' files ahead of air: {}", e.toString());
        }
    }

    /**
     * Writes the heartbeat; a failure (a full disk, a database held too long) is said once and
     * planning goes on: the heartbeat only widens what a restart looks back over, and the air log,
     * journaled first, stays the record. It used to fail the whole re-plan with a stack trace every
     * minute for as long as the disk was full.
     */
    private void heartbeat(Instant now) {
        try {
            state.running(now);
            if (heartbeatFailing) {
                log.info("The engine heartbeat is written again");
                heartbeatFailing = false;
            }
        } catch (DataAccessException | TransactionException e) {
            if (!heartbeatFailing) {
                log.warn("The engine heartbeat could not be written; planning goes on: {}", e.getMessage());
                heartbeatFailing = true;
            }
        }
    }

    private void logMissed(Occurrence o, String reason) {
        log.warn("Missed {} '{}' planned {}: {}", o.key(), o.title(), o.plannedStart(), reason);
        try {
            airLog.notAired(NotAired.of(o.key(), o.title(), o.plannedStart(), o.nominalMs(), o.priority())
                    .villages(o.villageIds(), broadcasts.villageNames(o.villageIds()))
                    .triggeredBy(broadcasts.trigger(o), broadcasts.triggeredBy(o)).missed(reason));
        } catch (IllegalStateException e) {
            // Logged meanwhile by the engine itself: the key decides, nothing to add.
        }
    }

    private void syncTriggers(Map<String, Instant> wanted) throws SchedulerException {
        for (var key : quartz.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
            var trigger = quartz.getTrigger(key);
            var at = wanted.remove(key.getName());
            if (trigger != null && at != null && trigger.getJobDataMap().getLong(OccurrenceJob.PLANNED) == at.toEpochMilli()) {
                continue;
            }
            quartz.deleteJob(JobKey.jobKey(key.getName(), GROUP));
            if (at != null) {
                wanted.put(key.getName(), at);
            }
        }
        var now = clock.instant();
        // Villages are switched on the pre-roll before the instant: the trigger acts that much earlier.
        var ahead = timing.fireAhead().plus(switchboard.preRoll());
        for (var e : wanted.entrySet()) {
            var fireAt = e.getValue().minus(ahead);
            var job = JobBuilder.newJob(OccurrenceJob.class).withIdentity(e.getKey(), GROUP).build();
            var trigger = TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(e.getKey(), GROUP))
                    .usingJobData(OccurrenceJob.KEY, e.getKey())
                    .usingJobData(OccurrenceJob.PLANNED, e.getValue().toEpochMilli())
                    .startAt(Date.from(fireAt.isBefore(now) ? now : fireAt))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .build();
            quartz.scheduleJob(job, trigger);
        }
    }

    /** The planned instants of the triggers Quartz holds now, by occurrence key (for tests and status). */
    public Map<String, Instant> triggers() throws SchedulerException {
        var out = new HashMap<String, Instant>();
        for (var key : quartz.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
            var t = quartz.getTrigger(key);
            if (t != null) {
                out.put(key.getName(), Instant.ofEpochMilli(t.getJobDataMap().getLong(OccurrenceJob.PLANNED)));
            }
        }
        return out;
    }

    @PreDestroy
    void stop() {
        planner.shutdownNow();
        late.shutdownNow();
        urgent.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        var t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
