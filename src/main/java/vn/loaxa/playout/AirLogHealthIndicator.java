package vn.loaxa.playout;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import vn.loaxa.airlog.AirLogService;

/**
 * Health component {@code airLog}: does the air log's hash chain still verify? It shares the
 * dashboard's check ({@link PlayoutAlerts#airLogVerification(boolean)}), so a monitor polling
 * often does not walk a year's log each time. Rows waiting in the journal for the database are
 * shown as details but do not make it DOWN: they are safe, and the station keeps serving.
 */
@Component
class AirLogHealthIndicator implements HealthIndicator {

    private final PlayoutAlerts alerts;
    private final AirLogService airLog;

    AirLogHealthIndicator(PlayoutAlerts alerts, AirLogService airLog) {
        this.alerts = alerts;
        this.airLog = airLog;
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
        var backlog = airLog.backlog();
        health.withDetail("rowsWaitingForDatabase", backlog.rows());
        if (backlog.problem() != null) {
            health.withDetail("writeProblem", backlog.problem());
        }
        return health.build();
    }
}
