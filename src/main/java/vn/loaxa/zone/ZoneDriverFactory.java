package vn.loaxa.zone;

import java.time.Clock;

import org.springframework.stereotype.Component;

/** The real drivers, one per kind; the switchboard asks for a new one whenever the settings change. */
@Component
class ZoneDriverFactory implements ZoneDrivers {

    private final Clock clock;

    ZoneDriverFactory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ZoneDriver create(SwitchingConfig c) {
        return switch (c.driver()) {
            case MODBUS -> new ModbusRelayDriver(c.serial(), clock);
            case RELAY_A0 -> new SerialRelayDriver(c.serial(), clock);
            case MQTT -> new MqttClusterDriver(c.mqtt(), clock);
            case COMMAND -> new CommandHookDriver(c.command(), clock);
            case NONE, DTMF -> throw new IllegalArgumentException(c.driver() + " switches nothing outside the audio");
        };
    }
}
