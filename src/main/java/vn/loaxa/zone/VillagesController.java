package vn.loaxa.zone;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;

/**
 * Villages with their switching addresses and what the station last heard from their loudspeakers,
 * and the switching driver's settings.
 */
@RestController
class VillagesController {

    /** A village as the API shows it: the station's fields, its addresses, its loudspeakers' state. */
    record VillageJson(long id, String name, int position, boolean enabled, String code, @Nullable Integer relay,
                       @Nullable String dtmfOn, @Nullable String dtmfOff, @Nullable String mqttTopic, String driver,
                       @Nullable Boolean online, @Nullable String lastSeen, boolean on, @Nullable Integer volume,
                       @Nullable String problem, @Nullable String problemKind, @Nullable String problemAt) {
    }

    /** PUT body: every address at once (blank clears one); name and enabled optional. */
    record VillageUpdate(@Size(max = Limits.TITLE) @Nullable String name, @Nullable Boolean enabled,
                         @Size(max = Limits.SHORT) @Nullable String code, @Nullable Integer relay,
                         @Size(max = Limits.SHORT) @Nullable String dtmfOn,
                         @Size(max = Limits.SHORT) @Nullable String dtmfOff,
                         @Size(max = Limits.TITLE) @Nullable String mqttTopic) {
    }

    /**
     * The switching settings; the MQTT password is never sent back, only whether one is set
     * ({@code mqttPasswordSet}, ignored in a PUT).
     */
    record SwitchingJson(DriverKind driver, long preRollMs, @Size(max = Limits.SETTING) String serialPort, int baudRate,
                         int modbusUnit, long serialTimeoutMs, @Size(max = Limits.SETTING) String mqttBroker,
                         @Size(max = Limits.SETTING) String mqttUsername,
                         // Write-only: left out of every answer, not even as null.
                         @JsonInclude(JsonInclude.Include.NON_NULL) @Size(max = Limits.SETTING) @Nullable String mqttPassword,
                         @Nullable Boolean mqttPasswordSet,
                         @Size(max = Limits.SETTING) String mqttClientId, long mqttTimeoutMs,
                         @Size(max = Limits.SETTING) String commandProgram, long commandTimeoutMs, double dtmfLevelDbfs,
                         int dtmfToneMs, int dtmfPauseMs) {

        static SwitchingJson of(SwitchingConfig c) {
            return new SwitchingJson(c.driver(), c.preRoll().toMillis(), c.serial().port(), c.serial().baudRate(),
                    c.serial().unitId(), c.serial().timeout().toMillis(), c.mqtt().brokerUri(), c.mqtt().username(),
                    null, !c.mqtt().password().isEmpty(), c.mqtt().clientId(), c.mqtt().timeout().toMillis(),
                    c.command().program(), c.command().timeout().toMillis(), c.dtmf().levelDbfs(), c.dtmf().toneMs(),
                    c.dtmf().pauseMs());
        }

        /** A password left out keeps the stored one: the client never saw it. */
        SwitchingConfig toConfig(SwitchingConfig stored) {
            return new SwitchingConfig(driver, Duration.ofMillis(preRollMs),
                    new SerialSettings(serialPort, baudRate, modbusUnit, Duration.ofMillis(serialTimeoutMs)),
                    new MqttSettings(mqttBroker, mqttUsername, mqttPassword == null ? stored.mqtt().password()
                            : mqttPassword, mqttClientId, Duration.ofMillis(mqttTimeoutMs)),
                    new CommandSettings(commandProgram, Duration.ofMillis(commandTimeoutMs)),
                    new DtmfSettings(dtmfLevelDbfs, dtmfToneMs, dtmfPauseMs));
        }
    }

    private final VillageZones zones;
    private final ZoneSwitchboard switchboard;
    private final ZoneSettings settings;

    VillagesController(VillageZones zones, ZoneSwitchboard switchboard, ZoneSettings settings) {
        this.zones = zones;
        this.switchboard = switchboard;
        this.settings = settings;
    }

    @GetMapping("/api/villages")
    List<VillageJson> list() {
        var health = switchboard.health();
        var villages = zones.villages();
        return zones.all().stream().map(a -> json(a, villages, health)).toList();
    }

    @GetMapping("/api/villages/{id}")
    VillageJson one(@PathVariable @Positive long id) {
        var a = zones.of(id);
        return json(a, zones.villages(), switchboard.health());
    }

    @PutMapping("/api/villages/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    VillageJson update(@PathVariable @Positive long id, @Valid @RequestBody VillageUpdate body) {
        var current = zones.of(id);
        zones.updateVillage(id, body.name(), body.enabled(), body.code() == null ? current.code() : body.code(),
                body.relay(), body.dtmfOn(), body.dtmfOff(), body.mqttTopic());
        return one(id);
    }

    @GetMapping("/api/settings/switching")
    @PreAuthorize("hasRole('ADMIN')")
    SwitchingJson switching() {
        return SwitchingJson.of(settings.config());
    }

    @PutMapping("/api/settings/switching")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<SwitchingJson> saveSwitching(@Valid @RequestBody SwitchingJson body) {
        if (body.driver() == null) {
            throw new InvalidInputException("BAD_DRIVER", "error.zone.driver", "driver is required");
        }
        var saved = settings.save(body.toConfig(settings.config()));
        switchboard.reload();
        return ResponseEntity.status(HttpStatus.OK).body(SwitchingJson.of(saved));
    }

    private static VillageJson json(ZoneAddress a, List<vn.loaxa.station.Village> villages, List<VillageHealth> health) {
        var v = villages.stream().filter(x -> x.id() == a.villageId()).findFirst().orElseThrow();
        var h = health.stream().filter(x -> x.villageId() == a.villageId()).findFirst().orElse(null);
        return new VillageJson(v.id(), v.name(), v.position(), v.enabled(), a.code(), a.relay(), a.dtmfOn(),
                a.dtmfOff(), a.mqttTopic(), h == null ? "NONE" : h.driver().name(), h == null ? null : h.online(),
                h == null || h.lastSeen() == null ? null : h.lastSeen().toString(), h != null && h.on(),
                h == null ? null : h.volume(), h == null ? null : h.problem(),
                h == null || h.problemKind() == null ? null : h.problemKind().name(),
                h == null || h.problemAt() == null ? null : h.problemAt().toString());
    }
}
