package vn.loaxa.playout;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code output}: can the station's sound output be opened now? DOWN without a
 * device: the station cannot do what it is for. It is in neither probe group (decision 0010): a
 * restart does not bring a sound card back, and the web UI must stay in service to pick another.
 */
@Component
class OutputHealthIndicator implements HealthIndicator {

    private final StationOutput player;

    OutputHealthIndicator(StationOutput player) {
        this.player = player;
    }

    @Override
    public Health health() {
        var device = player.deviceStatus();
        if (device.ok()) {
            return Health.up().withDetail("device", device.device()).build();
        }
        var health = Health.down().withDetail("device", device.device())
                .withDetail("problem", String.valueOf(device.problem()))
                .withDetail("available", device.available());
        if (device.detail() != null) {
            health.withDetail("detail", device.detail());
        }
        return health.build();
    }
}
