package vn.loaxa.zone;

import java.time.Duration;

/**
 * The MQTT broker the village clusters use.
 *
 * @param brokerUri e.g. {@code tcp://192.168.1.10:1883}
 * @param username  blank when the broker needs none
 * @param timeout   how long to wait for a cluster to confirm a switch
 */
public record MqttSettings(String brokerUri, String username, String password, String clientId, Duration timeout) {
}
