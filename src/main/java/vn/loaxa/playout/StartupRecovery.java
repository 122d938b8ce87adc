package vn.loaxa.playout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.LoggedBroadcast;
import vn.loaxa.airlog.AirLogRecords.Query;
import vn.loaxa.airlog.AirLogRecords.Started;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.schedule.Occurrence;
import vn.loaxa.schedule.ScheduleService;

/**
 * After a crash or kill -9, the log holds STARTs without an END. Each is closed INTERRUPTED with
 * what its ITEM rows say was played, and, if the interruption is within the grace window, the items
 * not fully played air again as a resumption under the key {@code <key>/R<n>}, which names what it
 * resumes. An item counts as played only if an ITEM row says COMPLETED (rows are written after the
 * line played the item), so nothing fully played comes back, and the item cut by the crash plays
 * again from its beginning.
 */
@Component
class StartupRecovery {

    static final String RESUMPTION = "/R";
    private static final Logger log = LoggerFactory.getLogger(StartupRecovery.class);

    private final AirLogService airLog;
    private final ScheduleService schedule;
    private final PlayoutEngine engine;
    /** The grace window is read each time: an admin may change it in the settings. */
    private final PlayoutSettings stationSettings;
    private final Clock clock;

    StartupRecovery(AirLogService airLog, ScheduleService schedule, PlayoutEngine engine, PlayoutSettings stationSettings,
                    Clock clock) {
        this.airLog = airLog;
        this.schedule = schedule;
        this.engine = engine;
        this.stationSettings = stationSettings;
        this.clock = clock;
    }

    void recover(Executor resumptions) {
        for (var open : airLog.unfinished()) {
            try {
                recover(open, resumptions);
            } catch (RuntimeException e) {
                log.error("Could not reconcile the unfinished broadcast {}", open, e);
            }
        }
    }

    private void recover(Started open, Executor resumptions) {
        var planned = airLog.plannedStartOf(open.seq()).orElseThrow();
        var root = rootKey(open.occurrenceKey());
        var family = airLog.query(new Query(planned, planned.plusMillis(1), null, null, null, 0, 1_000)).rows().stream()
                .filter(b -> b.occurrenceKey().equals(root) || b.occurrenceKey().startsWith(root + RESUMPTION))
                .toList();
        var self = family.stream().filter(b -> b.seq() == open.seq()).findFirst().orElseThrow();
        long playedMs = self.items().stream().mapToLong(i -> i.actualMs()).sum();
        // When the station died is unknown; the end of the last item logged is the last thing we know aired.
        var start = self.actualStart() == null ? planned : self.actualStart();
        var lastKnown = start.plusMillis(playedMs);
        airLog.broadcastEnded(open, new BroadcastEnd(lastKnown, playedMs, Outcome.INTERRUPTED,
                "STATION_STOPPED: the station stopped during this broadcast; " + self.items().size()
                        + " item(s) logged as played, end time estimated from them"));
        log.warn("Closed the broadcast {} left open by a crash: INTERRUPTED after {} ms", open.occurrenceKey(), playedMs);

        var now = clock.instant();
        if (Duration.between(lastKnown, now).compareTo(stationSettings.grace()) > 0) {
            return;
        }
        var occurrence = resolve(root, planned);
        if (occurrence == null) {
            return;
        }
        var done = new HashSet<String>();
        family.forEach(b -> b.items().stream().filter(i -> i.outcome() == Outcome.COMPLETED)
                .forEach(i -> done.add(i.position() + ":" + i.sha256())));
        var remaining = new ArrayList<Integer>();
        for (int i = 0; i < occurrence.items().size(); i++) {
            if (!done.contains(i + ":" + occurrence.items().get(i).sha256())) {
                remaining.add(i);
            }
        }
        if (remaining.isEmpty()) {
            return;
        }
        var key = root + RESUMPTION + (resumptionCount(family) + 1);
        var resumes = "resumes " + open.occurrenceKey() + " #" + open.seq();
        log.info("Resuming {} as {}: items {}", open.occurrenceKey(), key, remaining);
        resumptions.execute(() -> engine.resume(occurrence, remaining, key, resumes));
    }

    private static long resumptionCount(List<LoggedBroadcast> family) {
        return family.stream().filter(b -> b.occurrenceKey().contains(RESUMPTION)).count();
    }

    static String rootKey(String key) {
        int i = key.indexOf(RESUMPTION);
        return i < 0 ? key : key.substring(0, i);
    }

    private @Nullable Occurrence resolve(String key, Instant planned) {
        return schedule.plan(planned, planned.plusMillis(1)).stream().filter(o -> o.key().equals(key)).findFirst()
                .orElse(null);
    }
}
