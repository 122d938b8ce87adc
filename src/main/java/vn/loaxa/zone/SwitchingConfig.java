package vn.loaxa.zone;

import java.time.Duration;

/**
 * The station's switching set-up, as an admin saved it: the driver, its settings, and the pre-roll.
 * The settings of the drivers not chosen are kept, so switching back restores them.
 *
 * @param preRoll how long before a broadcast's instant its villages are switched on (relays and
 *                receivers need a moment; an amplifier behind a relay needs more)
 */
public record SwitchingConfig(DriverKind driver, Duration preRoll, SerialSettings serial, MqttSettings mqtt,
                              CommandSettings command, DtmfSettings dtmf) {

    /** Longer than any relay or receiver needs; beyond it a broadcast's trigger would fire needlessly early. */
    public static final Duration MAX_PRE_ROLL = Duration.ofSeconds(30);

    public static final SwitchingConfig DEFAULT = new SwitchingConfig(DriverKind.NONE, Duration.ofSeconds(2),
            new SerialSettings("", 9_600, 1, Duration.ofMillis(500)),
            new MqttSettings("", "", "", "loaxa-station", Duration.ofSeconds(2)),
            new CommandSettings("", Duration.ofSeconds(5)), DtmfSettings.DEFAULT);
}
