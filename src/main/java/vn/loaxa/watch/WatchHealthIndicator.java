package vn.loaxa.watch;

import java.util.LinkedHashMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import vn.loaxa.base.StationTime;
import vn.loaxa.base.Texts;

/**
 * Health component {@code watch}: {@code WARNING} while any of the station's own checks reports a
 * problem (low disk, changed or missing audio, clock not synchronised or just jumped), with each
 * alert's English text. It is in neither probe group (decision 0024): none of these is mended by a
 * restart, and readiness DOWN would lock the operator out of the UI that shows them. WARNING ranks
 * below DOWN and above UP, so the whole health says WARNING (HTTP 200: the station still plays)
 * unless something is down; a monitor reads the status word.
 */
@Component
class WatchHealthIndicator implements HealthIndicator {

    private final StationTime stationTime;

    /** Ordered between OUT_OF_SERVICE and UP by {@code management.endpoint.health.status.order}. */
    static final Status WARNING = new Status("WARNING");

    private final WatchAlerts alerts;
    private final ClockSyncProbe clock;


    WatchHealthIndicator(WatchAlerts alerts, ClockSyncProbe clock, StationTime stationTime) {
        this.stationTime = stationTime;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Override
    public Health health() {
        var current = alerts.current();
        var details = new LinkedHashMap<String, Object>();
        for (var c : current) {
            details.put(c.key(), Texts.get(Texts.ENGLISH, c.messageKey(), c.messageArgs(stationTime.zone())));
        }
        var sync = clock.last();
        details.put("clockSync", sync.state() + ": " + sync.note());
        return (current.isEmpty() ? Health.up() : Health.status(WARNING)).withDetails(details).build();
    }
}
