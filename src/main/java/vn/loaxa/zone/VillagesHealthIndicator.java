package vn.loaxa.zone;

import java.util.LinkedHashMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code villages}: can every enabled village's loudspeakers be switched? A village
 * that failed to switch or reports offline makes it OUT_OF_SERVICE, not DOWN: the station still
 * plays, and it is in neither probe group (a restart does not fix a relay board in a village hall).
 */
@Component
class VillagesHealthIndicator implements HealthIndicator {

    private final ZoneSwitchboard switchboard;

    VillagesHealthIndicator(ZoneSwitchboard switchboard) {
        this.switchboard = switchboard;
    }

    @Override
    public Health health() {
        var driver = switchboard.config().driver();
        if (driver == DriverKind.NONE) {
            return Health.up().withDetail("driver", driver.name()).build();
        }
        var villages = new LinkedHashMap<String, String>();
        boolean alert = false;
        for (var v : switchboard.health()) {
            if (!v.enabled()) {
                continue;
            }
            alert |= v.alert();
            villages.put(v.name(), v.problem() != null ? v.problem()
                    : v.online() == null ? "unknown" : v.online() ? "online" : "offline");
        }
        return Health.status(alert ? Status.OUT_OF_SERVICE : Status.UP).withDetail("driver", driver.name())
                .withDetail("villages", villages).build();
    }
}
