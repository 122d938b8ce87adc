package vn.loaxa.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param grace how late an occurrence may still start (station down at its time, or a one-off
 *              requested for a moment just past); older ones are logged MISSED
 */
@ConfigurationProperties("loaxa.playout")
public record PlayoutProperties(@DefaultValue("10m") Duration grace) {
}
