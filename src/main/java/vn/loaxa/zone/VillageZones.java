package vn.loaxa.zone;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/**
 * Each village's address on the switching drivers ({@code village_zone}, V0007): its code, relay,
 * DTMF codes and MQTT topic. A village nobody wired yet reads its default code {@code v<id>} and no
 * address, so switching it fails with that reason instead of reaching the wrong loudspeakers.
 */
@Service
public class VillageZones {

    /** Digits a DTMF receiver understands (ITU-T Q.23), up to 16 of them. */
    static final Pattern DTMF = Pattern.compile("[0-9*#A-D]{1,16}");
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    private static final Pattern TOPIC = Pattern.compile("[^#+\\s\\u0000]{1,200}");

    private final JdbcClient jdbc;
    private final VillageService villages;
    private final Clock clock;

    VillageZones(JdbcClient jdbc, VillageService villages, Clock clock) {
        this.jdbc = jdbc;
        this.villages = villages;
        this.clock = clock;
    }

    /** Every village's address, in the villages' order; disabled villages included. */
    @Transactional(readOnly = true)
    public List<ZoneAddress> all() {
        var stored = new HashMap<Long, ZoneAddress>();
        jdbc.sql("SELECT village_id, code, relay, dtmf_on, dtmf_off, mqtt_topic FROM village_zone").query(rs -> {
            long id = rs.getLong(1);
            int relay = rs.getInt(3);
            Integer relayOrNull = rs.wasNull() ? null : relay;
            stored.put(id, new ZoneAddress(id, "", rs.getString(2), relayOrNull, rs.getString(4), rs.getString(5),
                    rs.getString(6)));
        });
        return villages.findAll().stream().map(v -> withName(stored, v)).toList();
    }

    private static ZoneAddress withName(Map<Long, ZoneAddress> stored, Village v) {
        var a = stored.get(v.id());
        if (a == null) {
            return new ZoneAddress(v.id(), v.name(), "v" + v.id(), null, null, null, null);
        }
        return new ZoneAddress(v.id(), v.name(), a.code(), a.relay(), a.dtmfOn(), a.dtmfOff(), a.mqttTopic());
    }

    /** The station's villages (names, order, enabled), as the station module keeps them. */
    @Transactional(readOnly = true)
    public List<Village> villages() {
        return villages.findAll();
    }

    @Transactional(readOnly = true)
    public ZoneAddress of(long villageId) {
        return all().stream().filter(a -> a.villageId() == villageId).findFirst()
                .orElseThrow(() -> new InvalidInputException("UNKNOWN_VILLAGE", "error.schedule.unknownVillage",
                        "No village " + villageId, villageId));
    }

    /** Sets a village's addresses; blank values clear them. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "VILLAGE_ADDRESS_CHANGED", target = "VILLAGE", id = "#villageId", snapshot = "of(#villageId)")
    public ZoneAddress update(long villageId, String code, @Nullable Integer relay, @Nullable String dtmfOn,
                              @Nullable String dtmfOff, @Nullable String mqttTopic) {
        return store(villageId, code, relay, dtmfOn, dtmfOff, mqttTopic, CurrentUser.name());
    }

    /** Name, enabled and addresses of a village in one transaction: a refused address renames nothing. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "VILLAGE_UPDATED", target = "VILLAGE", id = "#villageId", name = "of(#villageId).villageName()",
            snapshot = "{'village': villages().^[id() == #villageId], 'address': of(#villageId)}")
    public ZoneAddress updateVillage(long villageId, @Nullable String name, @Nullable Boolean enabled, String code,
                                     @Nullable Integer relay, @Nullable String dtmfOn, @Nullable String dtmfOff,
                                     @Nullable String mqttTopic) {
        Limits.title(name);
        if (name != null || enabled != null) {
            var v = of(villageId);
            var current = villages.findAll().stream().filter(x -> x.id() == villageId).findFirst().orElseThrow();
            villages.update(villageId, name == null ? v.villageName() : name,
                    enabled == null ? current.enabled() : enabled);
        }
        return store(villageId, code, relay, dtmfOn, dtmfOff, mqttTopic, CurrentUser.name());
    }

    /** For a schedule file being applied, inside its import's transaction. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ZoneAddress updateFromScheduleFile(long villageId, String code, @Nullable Integer relay,
                                              @Nullable String dtmfOn, @Nullable String dtmfOff,
                                              @Nullable String mqttTopic, String by) {
        return store(villageId, code, relay, dtmfOn, dtmfOff, mqttTopic, by);
    }

    private ZoneAddress store(long villageId, String code, @Nullable Integer relay, @Nullable String dtmfOn,
                              @Nullable String dtmfOff, @Nullable String mqttTopic, String by) {
        of(villageId);
        var c = code.strip().toLowerCase(java.util.Locale.ROOT);
        if (!CODE.matcher(c).matches()) {
            throw new InvalidInputException("BAD_VILLAGE_CODE", "error.zone.code", "Bad village code: " + code);
        }
        if (relay != null && (relay < 1 || relay > 256)) {
            throw new InvalidInputException("BAD_RELAY", "error.zone.relay", "Relay must be 1..256: " + relay);
        }
        var on = blankToNull(dtmfOn);
        var off = blankToNull(dtmfOff);
        for (var d : new String[] {on, off}) {
            if (d != null && !DTMF.matcher(d).matches()) {
                throw new InvalidInputException("BAD_DTMF", "error.zone.dtmf", "Bad DTMF code: " + d, d);
            }
        }
        if (on != null && on.equals(off)) {
            throw new InvalidInputException("BAD_DTMF", "error.zone.dtmfSame", "On and off codes are the same", on);
        }
        var topic = blankToNull(mqttTopic);
        if (topic != null && !TOPIC.matcher(topic).matches()) {
            throw new InvalidInputException("BAD_TOPIC", "error.zone.topic", "Bad MQTT topic: " + topic);
        }
        // Two villages on one relay or topic would switch each other's loudspeakers: name the other one.
        for (var other : all()) {
            if (other.villageId() != villageId && (other.code().equals(c)
                    || relay != null && relay.equals(other.relay()) || topic != null && topic.equals(other.mqttTopic()))) {
                throw new InvalidInputException("ADDRESS_IN_USE", "error.zone.inUse",
                        "Code, relay or topic already used by " + other.villageName(), other.villageName());
            }
        }
        try {
            jdbc.sql("""
                            INSERT INTO village_zone (village_id, code, relay, dtmf_on, dtmf_off, mqtt_topic,
                                                      updated_at, updated_by)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (village_id) DO UPDATE SET code = excluded.code, relay = excluded.relay,
                                dtmf_on = excluded.dtmf_on, dtmf_off = excluded.dtmf_off, mqtt_topic = excluded.mqtt_topic,
                                updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                    .params(villageId, c, relay, on, off, topic, clock.instant().toString(), by).update();
        } catch (DataIntegrityViolationException e) {
            // A concurrent edit took the address between the check and the write.
            throw new InvalidInputException("ADDRESS_IN_USE", "error.zone.inUse",
                    "Code, relay or topic already used by another village", c);
        }
        return of(villageId);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
