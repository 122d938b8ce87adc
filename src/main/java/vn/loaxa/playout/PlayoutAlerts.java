package vn.loaxa.playout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import vn.loaxa.airlog.AirLogRecords.LoggedBroadcast;
import vn.loaxa.airlog.AirLogRecords.Query;
import vn.loaxa.airlog.AirLogRecords.Verification;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.zone.VillageHealth;
import vn.loaxa.zone.ZoneSwitchboard;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.watch.WatchAlerts;

/**
 * What the station screen must shout about besides a missing device: broadcasts that failed or
 * were missed in the last day, and an air log whose chain no longer verifies.
 */
@Service
public class PlayoutAlerts {

    /** @param messageKey translation key; its arguments are {@code args} */
    public record Alert(String code, String messageKey, List<Object> args) {
    }

    static final Duration RECENT = Duration.ofHours(24);
    private static final Duration VERIFY_EVERY = Duration.ofMinutes(5);
    /** Rows are normally committed within milliseconds; older ones waiting mean the database is in trouble. */
    private static final Duration BACKLOG_ALERT_AFTER = Duration.ofSeconds(3);
    private static final java.time.format.DateTimeFormatter LOCAL =
            java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    private final AirLogService airLog;
    private final PlayoutScheduler scheduler;
    private final Clock clock;
    private @Nullable Verification lastVerification;
    private Instant verifiedAt = Instant.EPOCH;

    private final ZoneSwitchboard switchboard;
    private final WatchAlerts watch;

    PlayoutAlerts(AirLogService airLog, PlayoutScheduler scheduler, ZoneSwitchboard switchboard, WatchAlerts watch,
                  Clock clock) {
        this.switchboard = switchboard;
        this.watch = watch;
        this.airLog = airLog;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public List<Alert> current() {
        var now = clock.instant();
        var alerts = new ArrayList<Alert>();
        if (!scheduler.isRunning()) {
            alerts.add(new Alert("PLAYOUT_STOPPED", "playout.alert.stopped", List.of()));
        }
        for (var outcome : List.of(Outcome.FAILED, Outcome.MISSED, Outcome.SKIPPED)) {
            var page = airLog.query(new Query(now.minus(RECENT), now.plusSeconds(1), null, null, outcome, 0, 1_000));
            if (page.total() > 0) {
                var latest = page.rows().stream().max(java.util.Comparator.comparing(LoggedBroadcast::plannedStart))
                        .orElseThrow();
                alerts.add(new Alert("PLAYOUT_" + outcome, "playout.alert." + outcome, List.of(page.total(),
                        latest.title(), latest.reason() == null ? "" : latest.reason())));
            }
        }
        airLogBacklog().ifPresent(alerts::add);
        for (var v : switchboard.alerts()) {
            // The audio plays on; the village it did not reach is what the technician must go and see.
            if (v.problem() != null && v.problemKind() != VillageHealth.ProblemKind.OFFLINE) {
                alerts.add(new Alert("VILLAGE_SWITCH_FAILED", "zone.alert.failed." + v.problemKind(),
                        List.of(v.name(), v.problem(), v.problemAt() == null ? "" : LOCAL.format(v.problemAt().atZone(clock.getZone())))));
            } else {
                alerts.add(v.lastSeen() == null
                        ? new Alert("VILLAGE_OFFLINE", "zone.alert.offlineNever", List.of(v.name()))
                        : new Alert("VILLAGE_OFFLINE", "zone.alert.offline", List.of(v.name(),
                        LOCAL.format(v.lastSeen().atZone(clock.getZone())))));
            }
        }
        var verification = verification(now);
        if (!verification.intact()) {
            alerts.add(new Alert("AIRLOG_NOT_INTACT", "playout.alert.airlog",
                    List.of(String.valueOf(verification.firstBadRow()))));
        }
        alerts.addAll(watchAlerts());
        return alerts;
    }

    /**
     * What the station's own checks found (disk, stored audio, clock; decision 0024): each with its
     * numbers and, as the last argument, since when.
     */
    public List<Alert> watchAlerts() {
        return watch.current().stream()
                .map(c -> new Alert(c.code(), c.messageKey(), List.of(c.messageArgs(clock.getZone())))).toList();
    }

    /**
     * Log rows kept in the journal that the database has not taken for a few seconds (normally they
     * land in milliseconds), or a journal that cannot be written: the station plays on, but a person
     * must free disk space or look at the database. Shown by the dashboard and /api/status.
     */
    public Optional<Alert> airLogBacklog() {
        var backlog = airLog.backlog();
        var now = clock.instant();
        if (backlog.rows() > 0 && (backlog.problem() != null || backlog.oldest() != null
                && Duration.between(backlog.oldest(), now).compareTo(BACKLOG_ALERT_AFTER) > 0)) {
            var since = backlog.oldest() == null ? "" : LOCAL.format(backlog.oldest().atZone(clock.getZone()));
            return Optional.of(new Alert("AIRLOG_BACKLOG", "playout.alert.backlog", List.of(backlog.rows(), since,
                    backlog.problem() == null ? "" : backlog.problem())));
        }
        if (backlog.problem() != null && backlog.problem().startsWith("JOURNAL")) {
            return Optional.of(new Alert("AIRLOG_BACKLOG", "playout.alert.backlog", List.of(0, "", backlog.problem())));
        }
        return Optional.empty();
    }

    /**
     * The air log check every screen and /api/status share: the full chain walk is not free on a
     * year's log, so it runs at most once every few minutes, or now when {@code fresh}.
     */
    public Verification airLogVerification(boolean fresh) {
        return fresh ? refreshVerification(clock.instant()) : verification(clock.instant());
    }

    private synchronized Verification refreshVerification(Instant now) {
        lastVerification = airLog.verify();
        verifiedAt = now;
        return lastVerification;
    }

    private synchronized Verification verification(Instant now) {
        if (lastVerification == null || Duration.between(verifiedAt, now).compareTo(VERIFY_EVERY) > 0
                || now.isBefore(verifiedAt)) {
            lastVerification = airLog.verify();
            verifiedAt = now;
        }
        return lastVerification;
    }
}
