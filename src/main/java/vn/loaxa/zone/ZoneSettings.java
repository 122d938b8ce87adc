package vn.loaxa.zone;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.security.CurrentUser;

/**
 * The switching driver's settings, kept in {@code zone_setting} (V0007) so an admin changes them in
 * the web UI or a schedule file without a restart. Every value is checked before anything is
 * stored: a refused setting leaves all of them as they were.
 */
@Service
public class ZoneSettings {

    private final JdbcClient jdbc;
    private final Clock clock;

    ZoneSettings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public SwitchingConfig config() {
        var stored = new HashMap<String, String>();
        jdbc.sql("SELECT key, value FROM zone_setting").query(rs -> {
            stored.put(rs.getString(1), rs.getString(2));
        });
        var d = SwitchingConfig.DEFAULT;
        Function<String, String> get = stored::get;
        try {
            return new SwitchingConfig(
                    DriverKind.valueOf(or(get, "driver", d.driver().name())),
                    Duration.ofMillis(Long.parseLong(or(get, "preroll.ms", Long.toString(d.preRoll().toMillis())))),
                    new SerialSettings(or(get, "serial.port", d.serial().port()),
                            Integer.parseInt(or(get, "serial.baud", Integer.toString(d.serial().baudRate()))),
                            Integer.parseInt(or(get, "serial.unit", Integer.toString(d.serial().unitId()))),
                            Duration.ofMillis(Long.parseLong(or(get, "serial.timeout.ms",
                                    Long.toString(d.serial().timeout().toMillis()))))),
                    new MqttSettings(or(get, "mqtt.broker", d.mqtt().brokerUri()),
                            or(get, "mqtt.username", d.mqtt().username()), or(get, "mqtt.password", d.mqtt().password()),
                            or(get, "mqtt.client", d.mqtt().clientId()),
                            Duration.ofMillis(Long.parseLong(or(get, "mqtt.timeout.ms",
                                    Long.toString(d.mqtt().timeout().toMillis()))))),
                    new CommandSettings(or(get, "command.program", d.command().program()),
                            Duration.ofMillis(Long.parseLong(or(get, "command.timeout.ms",
                                    Long.toString(d.command().timeout().toMillis()))))),
                    new DtmfSettings(Double.parseDouble(or(get, "dtmf.level", Double.toString(d.dtmf().levelDbfs()))),
                            Integer.parseInt(or(get, "dtmf.tone.ms", Integer.toString(d.dtmf().toneMs()))),
                            Integer.parseInt(or(get, "dtmf.pause.ms", Integer.toString(d.dtmf().pauseMs())))));
        } catch (IllegalArgumentException e) {
            // Only a hand-edited database gets here: play on, switching nothing, rather than refuse to start.
            return d;
        }
    }

    private static String or(Function<String, String> get, String key, String fallback) {
        var v = get.apply(key);
        return v == null ? fallback : v;
    }

    /** Checks and stores every setting at once. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "SWITCHING_SETTINGS_CHANGED", target = "SETTING", id = "'switching'", snapshot = "config()")
    public SwitchingConfig save(SwitchingConfig c) {
        return store(c, CurrentUser.name());
    }

    /** For a schedule file being applied: the import is already an admin's (or the first start's) decision. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public SwitchingConfig saveFromScheduleFile(SwitchingConfig c, String by) {
        return store(c, by);
    }

    private SwitchingConfig store(SwitchingConfig c, String by) {
        check(c);
        var values = new LinkedHashMap<String, String>();
        values.put("driver", c.driver().name());
        values.put("preroll.ms", Long.toString(c.preRoll().toMillis()));
        values.put("serial.port", c.serial().port().strip());
        values.put("serial.baud", Integer.toString(c.serial().baudRate()));
        values.put("serial.unit", Integer.toString(c.serial().unitId()));
        values.put("serial.timeout.ms", Long.toString(c.serial().timeout().toMillis()));
        values.put("mqtt.broker", c.mqtt().brokerUri().strip());
        values.put("mqtt.username", c.mqtt().username());
        values.put("mqtt.password", c.mqtt().password());
        values.put("mqtt.client", c.mqtt().clientId().strip());
        values.put("mqtt.timeout.ms", Long.toString(c.mqtt().timeout().toMillis()));
        values.put("command.program", c.command().program().strip());
        values.put("command.timeout.ms", Long.toString(c.command().timeout().toMillis()));
        values.put("dtmf.level", Double.toString(c.dtmf().levelDbfs()));
        values.put("dtmf.tone.ms", Integer.toString(c.dtmf().toneMs()));
        values.put("dtmf.pause.ms", Integer.toString(c.dtmf().pauseMs()));
        var now = clock.instant().toString();
        for (Map.Entry<String, String> e : values.entrySet()) {
            jdbc.sql("""
                            INSERT INTO zone_setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                                updated_by = excluded.updated_by""")
                    .params(e.getKey(), e.getValue(), now, by).update();
        }
        return config();
    }

    /** Refuses what would leave the chosen driver unable to work, with the reason. */
    static void check(SwitchingConfig c) {
        if (c.preRoll().isNegative() || c.preRoll().compareTo(SwitchingConfig.MAX_PRE_ROLL) > 0) {
            throw bad("BAD_PRE_ROLL", "error.zone.preRoll", "Pre-roll must be 0..30 s", SwitchingConfig.MAX_PRE_ROLL.toSeconds());
        }
        var serial = c.serial();
        if (serial.baudRate() < 300 || serial.baudRate() > 921_600) {
            throw bad("BAD_BAUD", "error.zone.baud", "Baud rate out of range: " + serial.baudRate());
        }
        if (serial.unitId() < 1 || serial.unitId() > 247) {
            throw bad("BAD_UNIT", "error.zone.unit", "Modbus unit must be 1..247: " + serial.unitId());
        }
        for (var t : new Duration[] {serial.timeout(), c.mqtt().timeout(), c.command().timeout()}) {
            if (t.toMillis() < 50 || t.toMillis() > 60_000) {
                throw bad("BAD_TIMEOUT", "error.zone.timeout", "Timeouts must be 50 ms..60 s: " + t);
            }
        }
        var dtmf = c.dtmf();
        if (dtmf.toneMs() < DtmfTones.MIN_TONE_MS || dtmf.toneMs() > DtmfTones.MAX_TONE_MS
                || dtmf.pauseMs() < DtmfTones.MIN_PAUSE_MS || dtmf.pauseMs() > DtmfTones.MAX_PAUSE_MS) {
            throw bad("BAD_DTMF_TIMING", "error.zone.dtmfTiming", "DTMF tone and pause must be 40..1000 ms");
        }
        if (dtmf.levelDbfs() < DtmfTones.MIN_LEVEL_DBFS || dtmf.levelDbfs() > DtmfTones.MAX_LEVEL_DBFS) {
            // Two tones above -7 dBFS each would clip, and clipping makes receivers misread digits.
            throw bad("BAD_DTMF_LEVEL", "error.zone.dtmfLevel", "DTMF level must be -30..-7 dBFS");
        }
        switch (c.driver()) {
            case MODBUS, RELAY_A0 -> {
                if (serial.port().isBlank()) {
                    throw bad("NO_SERIAL_PORT", "error.zone.noPort", "A relay board needs its serial port");
                }
            }
            case MQTT -> {
                var uri = c.mqtt().brokerUri().strip();
                if (!uri.matches("(tcp|ssl|ws|wss)://[^\\s/]+(:\\d{1,5})?/?")) {
                    throw bad("BAD_BROKER", "error.zone.broker", "Broker address like tcp://host:1883: " + uri);
                }
                if (c.mqtt().clientId().isBlank()) {
                    throw bad("NO_CLIENT_ID", "error.zone.clientId", "The station needs an MQTT client id");
                }
            }
            case COMMAND -> {
                var program = java.nio.file.Path.of(c.command().program().strip());
                if (c.command().program().isBlank() || !program.isAbsolute()) {
                    throw bad("BAD_PROGRAM", "error.zone.program", "The switching program needs an absolute path");
                }
            }
            case NONE, DTMF -> {
            }
        }
    }

    private static InvalidInputException bad(String code, String key, String detail, Object... args) {
        return new InvalidInputException(code, key, detail, args);
    }
}
