package vn.loaxa.playout;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code airLog}: does the air log's hash chain still verify? It shares the
 * dashboard's check ({@link PlayoutAlerts#airLogVerification(boolean)}), so a monitor polling
 * often does not walk a year's log each time.
 */
@Component
class AirLogHealthIndicator implements HealthIndicator {

    private final PlayoutAlerts alerts;

    AirLogHealthIndicator(PlayoutAlerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public Health health() {
        var check = alerts.airLogVerification(false);
        var health = (check.intact() ? Health.up() : Health.down())
                .withDetail("intact", check.intact())
                .withDetail("checkedRows", check.checkedRows())
                .withDetail("headHash", check.headHash() == null ? "" : check.headHash());
        if (check.firstBadRow() != null) {
            health.withDetail("firstBadRow", check.firstBadRow());
        }
        if (check.problem() != null) {
            health.withDetail("problem", check.problem());
        }
        return health.build();
    }
}
