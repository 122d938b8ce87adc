package vn.loaxa.watch;

import java.util.LinkedHashMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import vn.loaxa.base.Texts;

/**
 * Health component {@code watch}: DOWN while any of the station's own checks reports a problem
 * (low disk, changed or missing audio, clock not synchronised or just jumped), with each alert's
 * English text. Like {@code output}, it is in neither probe group (decision 0024): none of these
 * is mended by a restart, and readiness DOWN would lock the operator out of the UI that shows
 * them; a monitor learns of them from the whole health, which turns 503.
 */
@Component
class WatchHealthIndicator implements HealthIndicator {

    private final WatchAlerts alerts;
    private final ClockSyncProbe clock;

    private final java.time.Clock wall;

    WatchHealthIndicator(WatchAlerts alerts, ClockSyncProbe clock, java.time.Clock wall) {
        this.alerts = alerts;
        this.clock = clock;
        this.wall = wall;
    }

    @Override
    public Health health() {
        var current = alerts.current();
        var details = new LinkedHashMap<String, Object>();
        for (var c : current) {
            details.put(c.key(), Texts.get(Texts.ENGLISH, c.messageKey(), c.messageArgs(wall.getZone())));
        }
        var sync = clock.last();
        details.put("clockSync", sync.state() + ": " + sync.note());
        return (current.isEmpty() ? Health.up() : Health.down()).withDetails(details).build();
    }
}
