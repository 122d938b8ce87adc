package vn.loaxa.zone;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import vn.loaxa.airlog.AirLogRecords.VillageSwitch;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.base.DatabaseLane;
import vn.loaxa.zone.SwitchResult.Ack;

/**
 * The station's village switches. Holds which villages are on and for whom: a village stays on
 * while any broadcast holds it, so back-to-back broadcasts to the same village do not click its
 * relay off and on, and a broadcast that pre-empts another takes over the villages they share. Every
 * switch becomes a VILLAGE row in the air log. All driver calls and all state changes run on one
 * thread ("loaxa-zones"): the engine and the player only hand work over, and a dead board costs
 * that thread its timeout, never a sample.
 */
@Service
public class ZoneSwitchboard {

    private static final Logger log = LoggerFactory.getLogger(ZoneSwitchboard.class);
    /** Drivers that can be polled are checked this often. */
    static final Duration POLL_EVERY = Duration.ofMinutes(1);
    /**
     * A released village waits this long before it is switched off, so the broadcast starting right
     * after (the player starts it at least {@code loaxa.playout.late-start} from its decision) can
     * keep it on; shorter than that, so a village the next broadcast does not want is off before its
     * first sample.
     */
    static final Duration HANDOVER = Duration.ofMillis(250);
    /** A village whose switch-off failed is tried again after this. */
    static final Duration RETRY_OFF = Duration.ofSeconds(30);
    /** A format of one frame per millisecond: the tones' length in frames is then their length in ms. */
    private static final PcmFormat MILLIS = new PcmFormat(1_000, 1);
    /** Ack of an OFF row for a village the next broadcast took over: it was never switched off. */
    static final String KEPT_ON = "KEPT_ON";

    private final ZoneSettings settings;
    private final VillageZones addresses;
    private final AirLogService airLog;
    private final ZoneDrivers drivers;
    private final Clock clock;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "loaxa-zones");
        thread.setDaemon(true);
        workerThread = thread;
        return thread;
    });
    /** The worker's thread, to show where it stands when it stops answering. */
    private volatile @Nullable Thread workerThread;
    private volatile SwitchingConfig config = SwitchingConfig.DEFAULT;
    private final Map<Long, VillageHealth> health = new ConcurrentHashMap<>();

    // Touched only on the worker thread.
    private @Nullable ZoneDriver driver;
    private @Nullable SwitchingConfig driverConfig;
    private final Map<Long, Zone> zones = new HashMap<>();

    /** One village's switch as the switchboard believes it. */
    private static final class Zone {
        boolean on;
        @Nullable String onAck;
        final Set<ZoneSession> holders = new HashSet<>();
        @Nullable ZoneSession releasedBy;
        @Nullable ScheduledFuture<?> pendingOff;
    }

    @Autowired
    ZoneSwitchboard(ZoneSettings settings, VillageZones addresses, AirLogService airLog, ZoneDriverFactory drivers,
                    Clock clock) {
        this(settings, addresses, airLog, (ZoneDrivers) drivers, clock);
    }

    ZoneSwitchboard(ZoneSettings settings, VillageZones addresses, AirLogService airLog, ZoneDrivers drivers,
                    Clock clock) {
        this.settings = settings;
        this.addresses = addresses;
        this.airLog = airLog;
        this.drivers = drivers;
        this.clock = clock;
        this.config = DatabaseLane.engine(settings::config);
        // First in the worker's queue, before any broadcast (a resumption after a crash) can hand it
        // work: relays keep their state through a crash or a power cut of the PC, so every village is
        // switched off, and the ON rows the crash left open get their OFF rows.
        worker.execute(this::switchEverythingOffAfterStart);
    }

    /** Once the station is up, the drivers that can be polled are polled. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = POLL_EVERY.toMillis();
        worker.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * On a clean shutdown the engine has already ended what was on air; the villages it released are
     * switched off now rather than after the hand-over wait, which would never come.
     */
    @PreDestroy
    void close() {
        try {
            worker.submit(() -> {
                var released = new LinkedHashMap<ZoneSession, List<ZoneAddress>>();
                zones.forEach((id, zone) -> {
                    if (zone.releasedBy != null && zone.holders.isEmpty()) {
                        released.computeIfAbsent(zone.releasedBy, k -> new ArrayList<>()).addAll(
                                zone.releasedBy.zones().stream().filter(a -> a.villageId() == id).toList());
                    }
                });
                released.forEach(this::switchOff);
            }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            log.warn("Villages not switched off at shutdown: {}", e.toString());
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var d = driver;
        if (d != null) {
            d.close();
        }
    }

    /** The configuration in force; re-read after every save. */
    public SwitchingConfig config() {
        return config;
    }

    /** Applies settings an admin just saved: the next switch uses the new driver. */
    public void reload() {
        var before = config;
        // Called by whoever saved (a screen, the API, a schedule file) on their own connections.
        config = settings.config();
        if (config.equals(before)) {
            return; // saved unchanged: nothing to forget, no driver to reopen
        }
        worker.execute(() -> {
            health.clear();
            // What the old driver switched says nothing about the new one's villages: a village on
            // air keeps its holders, every other one is taken as off (start-up switched all off).
            zones.values().forEach(z -> {
                if (z.holders.isEmpty()) {
                    z.on = false;
                }
            });
            currentDriver();
        });
    }

    /**
     * How long before a broadcast's instant its trigger must act, on top of the engine's own margin:
     * the pre-roll, or for DTMF the longest lead the tones can need.
     */
    public Duration preRoll() {
        var c = config;
        return switch (c.driver()) {
            case NONE -> Duration.ZERO;
            case DTMF -> Duration.ofMillis(Math.max(c.preRoll().toMillis(),
                    leadMillis(allOnCodes(), c.dtmf(), Duration.ZERO)));
            default -> c.preRoll();
        };
    }

    /**
     * Takes a broadcast's villages (every enabled one for an emergency). For DTMF the session carries
     * the tones to play; for the other drivers {@link ZoneSession#switchOnBefore} switches them.
     */
    public ZoneSession open(ZoneRequest request) {
        var c = config;
        if (c.driver() == DriverKind.NONE) {
            return ZoneSession.none(this, request);
        }
        var all = DatabaseLane.engine(addresses::all);
        var enabled = DatabaseLane.engine(() -> enabledIds());
        // A village taken out of use is never switched, even by a programme made before.
        var wanted = all.stream().filter(a -> enabled.contains(a.villageId())
                && (request.everyVillage() || request.villageIds().contains(a.villageId()))).toList();
        if (c.driver() != DriverKind.DTMF) {
            return new ZoneSession(this, request, wanted, null);
        }
        var on = new ArrayList<String>();
        var off = new ArrayList<String>();
        for (var a : wanted) {
            if (a.dtmfOn() != null) {
                on.add(a.dtmfOn());
            }
            if (a.dtmfOff() != null) {
                off.add(a.dtmfOff());
            }
        }
        var tones = new ControlTones(on, off, leadMillis(on, c.dtmf(), c.preRoll()), c.dtmf());
        return new ZoneSession(this, request, wanted, tones);
    }

    private Set<Long> enabledIds() {
        var ids = new HashSet<Long>();
        addresses.villages().stream().filter(v -> v.enabled()).forEach(v -> ids.add(v.id()));
        return ids;
    }

    /** The lead of a DTMF broadcast: the tones, or the pre-roll when longer, in whole 10 ms. */
    static long leadMillis(List<String> codes, DtmfSettings s, Duration preRoll) {
        // Measured at one frame per ms, plus 10 ms: at the line's rate each tone's length rounds to
        // whole frames, and the tones must never be longer than the lead that holds them.
        long tones = codes.isEmpty() ? 0 : DtmfTones.frames(codes, MILLIS, s) + 10;
        long lead = Math.max(tones, preRoll.toMillis());
        return (lead + 9) / 10 * 10;
    }

    private List<String> allOnCodes() {
        return DatabaseLane.engine(addresses::all).stream().map(ZoneAddress::dtmfOn)
                .filter(java.util.Objects::nonNull).toList();
    }

    /** Every village as last known, in the villages' order. */
    public List<VillageHealth> health() {
        var c = config;
        var out = new ArrayList<VillageHealth>();
        // Read by screens and the API on their own connections: never the engine's.
        for (var v : addresses.villages()) {
            var h = health.get(v.id());
            out.add(h == null ? new VillageHealth(v.id(), v.name(), v.enabled(), c.driver(), null, null, false, null,
                    null, null, null) : new VillageHealth(v.id(), v.name(), v.enabled(), c.driver(), h.online(),
                    h.lastSeen(), h.on(), h.volume(), h.problem(), h.problemKind(), h.problemAt()));
        }
        return out;
    }

    /** The villages that need the technician now. */
    public List<VillageHealth> alerts() {
        return health().stream().filter(VillageHealth::alert).toList();
    }

    // ---- work handed over by sessions ----

    void scheduleOn(ZoneSession session, Instant firstSample) {
        long delay = Math.max(0, Duration.between(clock.instant(), firstSample.minus(config.preRoll())).toMillis());
        worker.schedule(() -> switchOn(session), delay, TimeUnit.MILLISECONDS);
    }

    void release(ZoneSession session) {
        worker.execute(() -> releaseNow(session));
    }

    /** DTMF: the lead (on) or tail (off) tones of a session have played, or were cut. */
    void tonesPlayed(ZoneSession session, boolean on, boolean complete) {
        worker.execute(() -> {
            var at = clock.instant();
            for (var a : session.zones()) {
                var code = on ? a.dtmfOn() : a.dtmfOff();
                var result = code == null
                        ? SwitchResult.failed(a.villageId(), at, "no DTMF " + (on ? "on" : "off") + " code for "
                        + a.villageName())
                        : complete ? new SwitchResult(a.villageId(), Ack.SENT, at, "DTMF " + code)
                        : SwitchResult.failed(a.villageId(), at, "DTMF " + code + " cut: the broadcast was stopped");
                var zone = zones.computeIfAbsent(a.villageId(), id -> new Zone());
                if (result.switched()) {
                    zone.on = on;
                }
                record(session, a, on, result, null);
            }
        });
    }

    private void switchOn(ZoneSession session) {
        if (session.closed()) {
            return;
        }
        var toSwitch = new ArrayList<ZoneAddress>();
        for (var a : session.zones()) {
            var zone = zones.computeIfAbsent(a.villageId(), id -> new Zone());
            boolean alreadyOn = zone.on || !zone.holders.isEmpty();
            zone.holders.add(session);
            if (zone.pendingOff != null) {
                // The pending switch-off is shared by all the villages its broadcast released; this
                // one drops out of it (switchOff skips a village no longer released by that broadcast).
                zone.pendingOff = null;
                var previous = zone.releasedBy;
                zone.releasedBy = null;
                if (previous != null) {
                    record(previous, a, false, new SwitchResult(a.villageId(), Ack.SENT, clock.instant(),
                            "kept on for " + session.request().occurrenceKey()), KEPT_ON);
                }
            }
            if (alreadyOn && zone.on) {
                record(session, a, true, new SwitchResult(a.villageId(), Ack.valueOf(zone.onAck == null ? "SENT"
                        : zone.onAck), clock.instant(), "already on"), null);
            } else {
                toSwitch.add(a);
            }
        }
        if (!toSwitch.isEmpty()) {
            for (var r : call(toSwitch, true)) {
                var a = find(toSwitch, r.villageId());
                var zone = zones.get(r.villageId());
                if (r.switched()) {
                    zone.on = true;
                    zone.onAck = r.ack().name();
                }
                record(session, a, true, r, null);
            }
        }
    }

    private void releaseNow(ZoneSession session) {
        var toOff = new ArrayList<ZoneAddress>();
        for (var a : session.zones()) {
            var zone = zones.get(a.villageId());
            if (zone == null || !zone.holders.remove(session)) {
                continue; // closed before its switch-on ran: nothing was switched
            }
            if (zone.holders.isEmpty()) {
                toOff.add(a);
                zone.releasedBy = session;
            } else {
                record(session, a, false, new SwitchResult(a.villageId(), Ack.SENT, clock.instant(),
                        "kept on for another broadcast"), KEPT_ON);
            }
        }
        if (toOff.isEmpty()) {
            return;
        }
        var future = worker.schedule(() -> switchOff(session, toOff), HANDOVER.toMillis(), TimeUnit.MILLISECONDS);
        for (var a : toOff) {
            zones.get(a.villageId()).pendingOff = future;
        }
    }

    private void switchOff(ZoneSession session, List<ZoneAddress> released) {
        var still = new ArrayList<ZoneAddress>();
        for (var a : released) {
            var zone = zones.get(a.villageId());
            if (zone != null && zone.holders.isEmpty() && zone.releasedBy == session) {
                zone.pendingOff = null;
                zone.releasedBy = null;
                still.add(a);
            }
        }
        if (still.isEmpty()) {
            return;
        }
        var failed = new ArrayList<ZoneAddress>();
        for (var r : call(still, false)) {
            var a = find(still, r.villageId());
            if (r.switched()) {
                zones.get(r.villageId()).on = false;
            } else {
                failed.add(a);
            }
            record(session, a, false, r, null);
        }
        if (!failed.isEmpty()) {
            // A village left on would carry every later broadcast: keep trying while nobody holds it.
            worker.schedule(() -> retryOff(failed), RETRY_OFF.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void retryOff(List<ZoneAddress> villages) {
        var free = villages.stream().filter(a -> {
            var z = zones.get(a.villageId());
            return z != null && z.holders.isEmpty() && z.on;
        }).toList();
        if (free.isEmpty()) {
            return;
        }
        var failed = new ArrayList<ZoneAddress>();
        for (var r : call(free, false)) {
            if (r.switched()) {
                zones.get(r.villageId()).on = false;
                log.info("Village {} switched off on retry", find(free, r.villageId()).villageName());
            } else {
                failed.add(find(free, r.villageId()));
            }
        }
        if (!failed.isEmpty()) {
            worker.schedule(() -> retryOff(failed), RETRY_OFF.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // ---- start-up, polling, village test ----

    private void switchEverythingOffAfterStart() {
        try {
            var c = config;
            if (c.driver() == DriverKind.NONE || c.driver() == DriverKind.DTMF) {
                return;
            }
            var all = DatabaseLane.engine(addresses::all);
            var results = call(all, false);
            var byVillage = new HashMap<Long, SwitchResult>();
            results.forEach(r -> byVillage.put(r.villageId(), r));
            var failed = all.stream().filter(a -> !byVillage.get(a.villageId()).switched()).toList();
            if (!failed.isEmpty()) {
                failed.forEach(a -> zones.computeIfAbsent(a.villageId(), id -> new Zone()).on = true);
                worker.schedule(() -> retryOff(failed), RETRY_OFF.toMillis(), TimeUnit.MILLISECONDS);
            }
            log.info("Village loudspeakers switched off at start-up: {}", results.stream()
                    .map(r -> r.villageId() + "=" + r.ack()).toList());
            closeOpenSwitches(byVillage);
        } catch (RuntimeException e) {
            log.error("Could not switch the villages off at start-up", e);
        }
    }

    /** ON rows of the last days without their OFF (the station stopped mid-broadcast) get one now. */
    private void closeOpenSwitches(Map<Long, SwitchResult> offAtStart) {
        var now = clock.instant();
        var rows = DatabaseLane.engine(() -> airLog.villageSwitches(now.minus(Duration.ofDays(3)),
                now.plus(Duration.ofDays(1))));
        var open = new LinkedHashMap<String, vn.loaxa.airlog.AirLogRecords.LoggedSwitch>();
        for (var r : rows) {
            var key = r.occurrenceKey() + "|" + r.villageId();
            if (r.on()) {
                open.put(key, r);
            } else {
                open.remove(key);
            }
        }
        for (var r : open.values()) {
            var result = offAtStart.get(r.villageId());
            var ack = result == null ? "FAILED" : result.ack().name();
            var detail = "switched off when the station started again"
                    + (result != null && result.detail() != null ? ": " + result.detail() : "");
            airLog.villageSwitched(new VillageSwitch(r.occurrenceKey(), r.startSeq(), r.title(), r.plannedStart(),
                    r.villageId(), r.villageName(), false, config.driver().name(), ack,
                    result == null ? now : result.at(), detail, "system"));
        }
    }

    /** Polls now and returns once done: what the minute's poll does, for a test or a technician's check. */
    void pollNow() throws InterruptedException {
        submit(() -> {
            poll();
            return null;
        });
    }

    private void poll() {
        try {
            var d = currentDriver();
            if (d == null) {
                return;
            }
            var all = DatabaseLane.engine(addresses::all);
            var polled = d.poll(all);
            polled.ifPresent(list -> list.forEach(s -> {
                var before = health.get(s.villageId());
                var name = find(all, s.villageId()).villageName();
                var problem = s.online() ? null : (s.detail() == null ? "offline" : s.detail());
                if (!s.online() && (before == null || before.problem() == null)) {
                    log.warn("Village {} is offline: {}", name, problem);
                }
                // A failed switch says more than "offline" (the village missed a broadcast): an offline
                // poll keeps it; a device answering again clears both.
                var keep = problem != null && before != null && before.problemKind() != null
                        && before.problemKind() != VillageHealth.ProblemKind.OFFLINE;
                health.put(s.villageId(), new VillageHealth(s.villageId(), name, true, d.kind(), s.online(),
                        s.lastSeen() != null ? s.lastSeen() : before == null ? null : before.lastSeen(),
                        s.on() != null ? s.on() : before != null && before.on(), s.volume(),
                        keep ? before.problem() : problem,
                        keep ? before.problemKind() : problem == null ? null : VillageHealth.ProblemKind.OFFLINE,
                        keep ? before.problemAt() : problem == null ? null
                                : before != null && before.problemAt() != null ? before.problemAt() : clock.instant()));
            }));
        } catch (RuntimeException e) {
            log.error("Polling the villages failed", e);
        }
    }

    /**
     * One step of "Thử loa các thôn" (test villages): switches one village on or off outside any
     * broadcast and logs it under the test's own key, so a report never counts it as a broadcast. A
     * village a broadcast holds is left alone. Blocks until the driver has answered.
     */
    public SwitchResult testSwitch(String testKey, ZoneAddress village, boolean on, String by)
            throws InterruptedException {
        var session = new ZoneSession(this, new ZoneRequest(testKey, "Thử loa các thôn", clock.instant(),
                List.of(village.villageId()), false, by), List.of(village), null);
        return submit(() -> {
            var zone = zones.computeIfAbsent(village.villageId(), id -> new Zone());
            if (!zone.holders.isEmpty()) {
                return SwitchResult.failed(village.villageId(), clock.instant(), "on air: not tested");
            }
            var r = call(List.of(village), on);
            var result = r.getFirst();
            if (result.switched()) {
                zone.on = on;
            }
            record(session, village, on, result, null);
            return result;
        });
    }

    /** DTMF: a village test's tones for one village played (or not), logged like {@link #testSwitch}. */
    public void testTonesPlayed(String testKey, ZoneAddress village, boolean on, boolean complete, String by) {
        var session = new ZoneSession(this, new ZoneRequest(testKey, "Thử loa các thôn", clock.instant(),
                List.of(village.villageId()), false, by), List.of(village), null);
        worker.execute(() -> {
            var at = clock.instant();
            var code = on ? village.dtmfOn() : village.dtmfOff();
            var result = code == null ? SwitchResult.failed(village.villageId(), at, "no DTMF code")
                    : complete ? new SwitchResult(village.villageId(), Ack.SENT, at, "DTMF " + code)
                    : SwitchResult.failed(village.villageId(), at, "DTMF " + code + " cut");
            record(session, village, on, result, null);
        });
    }

    private <T> T submit(Callable<T> work) throws InterruptedException {
        try {
            return worker.submit(work).get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            var stuck = workerThread;
            if (stuck != null) {
                var where = new StringBuilder();
                for (var frame : stuck.getStackTrace()) {
                    where.append("\n\tat ").append(frame);
                }
                log.error("The village switch worker has not answered for 2 minutes; it is {} at:{}",
                        stuck.getState(), where);
            }
            throw new IllegalStateException("The village switches did not answer", e);
        }
    }

    // ---- helpers (worker thread) ----

    private @Nullable ZoneDriver currentDriver() {
        var c = config;
        if (driver != null && c.equals(driverConfig)) {
            return driver;
        }
        if (driver != null) {
            // Closing a serial port can take seconds (longer when the device vanished): never on this thread.
            var old = driver;
            Thread.ofVirtual().name("loaxa-zones-close").start(old::close);
            driver = null;
        }
        driverConfig = c;
        if (c.driver() == DriverKind.NONE || c.driver() == DriverKind.DTMF) {
            return null;
        }
        driver = drivers.create(c);
        return driver;
    }

    private List<SwitchResult> call(List<ZoneAddress> targets, boolean on) {
        ZoneDriver d;
        var now = clock.instant();
        try {
            d = currentDriver();
        } catch (RuntimeException e) {
            // Settings the driver cannot work with (checked when saved, so a library's own refusal):
            // every village fails with the reason, and the next switch tries again.
            log.error("The {} driver could not start", config.driver(), e);
            return targets.stream().map(a -> SwitchResult.failed(a.villageId(), now,
                    config.driver() + " driver could not start: " + e.getMessage())).toList();
        }
        if (d == null) {
            return targets.stream().map(a -> new SwitchResult(a.villageId(), Ack.SENT, now, "no switching driver"))
                    .toList();
        }
        List<SwitchResult> results;
        try {
            results = d.switchZones(targets, on);
        } catch (RuntimeException e) {
            log.error("The {} driver failed", d.kind(), e);
            results = targets.stream().map(a -> SwitchResult.failed(a.villageId(), clock.instant(),
                    d.kind() + " driver error: " + e.getMessage())).toList();
        }
        for (var r : results) {
            var a = find(targets, r.villageId());
            var before = health.get(r.villageId());
            if (r.switched()) {
                health.put(r.villageId(), new VillageHealth(r.villageId(), a.villageName(), true, d.kind(),
                        r.ack() == Ack.ACKNOWLEDGED ? Boolean.TRUE : before == null ? null : before.online(),
                        r.ack() == Ack.ACKNOWLEDGED ? r.at() : before == null ? null : before.lastSeen(), on,
                        before == null ? null : before.volume(), null, null, null));
            } else {
                log.warn("Village {} could not be switched {}: {}", a.villageName(), on ? "on" : "off", r.detail());
                health.put(r.villageId(), new VillageHealth(r.villageId(), a.villageName(), true, d.kind(),
                        before == null ? null : before.online(), before == null ? null : before.lastSeen(),
                        before != null && before.on(), before == null ? null : before.volume(),
                        r.detail() == null ? "no answer" : r.detail(),
                        on ? VillageHealth.ProblemKind.SWITCH_ON : VillageHealth.ProblemKind.SWITCH_OFF, r.at()));
            }
        }
        return results;
    }

    private void record(ZoneSession session, ZoneAddress a, boolean on, SwitchResult r, @Nullable String ack) {
        var q = session.request();
        try {
            airLog.villageSwitched(new VillageSwitch(q.occurrenceKey(), session.startSeq(), q.title(), q.plannedStart(),
                    a.villageId(), a.villageName(), on, config.driver().name(), ack != null ? ack : r.ack().name(),
                    r.at(), r.detail(), q.triggeredBy()));
        } catch (RuntimeException e) {
            // A second ON/OFF of one village for one broadcast (a retried release): the first stands.
            log.warn("Village switch of {} for {} not logged: {}", a.villageName(), q.occurrenceKey(), e.getMessage());
        }
    }

    private static ZoneAddress find(List<ZoneAddress> list, long villageId) {
        return list.stream().filter(a -> a.villageId() == villageId).findFirst()
                .orElseThrow(() -> new IllegalStateException("driver answered for village " + villageId));
    }
}
