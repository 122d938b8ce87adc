package vn.loaxa.playout;

import org.quartz.SchedulerException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code engine}: is the playout engine running? An instance started with
 * {@code loaxa.playout.enabled=false} is UNKNOWN with the reason, not DOWN: it was asked not to
 * play, and UNKNOWN leaves the readiness of its web side alone.
 */
@Component
class EngineHealthIndicator implements HealthIndicator {

    private final PlayoutScheduler scheduler;
    private final EngineProperties properties;

    EngineHealthIndicator(PlayoutScheduler scheduler, EngineProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public Health health() {
        if (!properties.enabled()) {
            return Health.unknown().withDetail("running", false)
                    .withDetail("reason", "disabled (loaxa.playout.enabled=false): this instance does not play").build();
        }
        if (!scheduler.isRunning()) {
            // The engine starts once start-up reconciliation is done, just before the station is ready.
            return Health.outOfService().withDetail("running", false)
                    .withDetail("reason", "not started yet: it starts when the station is ready").build();
        }
        var health = Health.up().withDetail("running", true);
        try {
            health.withDetail("upcomingBroadcasts", scheduler.triggers().size());
        } catch (SchedulerException e) {
            return Health.down(e).withDetail("running", true).build();
        }
        return health.build();
    }
}
