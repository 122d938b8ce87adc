package vn.loaxa.schedulefile;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.schedule.QueueEntry;
import vn.loaxa.schedulefile.ScheduleDocument.AddressSpec;
import vn.loaxa.schedulefile.ScheduleDocument.BulletinSpec;
import vn.loaxa.schedulefile.ScheduleDocument.Given;
import vn.loaxa.schedulefile.ScheduleDocument.ProgrammeSpec;
import vn.loaxa.schedulefile.ScheduleDocument.QueueSpec;
import vn.loaxa.schedulefile.ScheduleDocument.VillageSpec;
import vn.loaxa.zone.CommandSettings;
import vn.loaxa.zone.DtmfSettings;
import vn.loaxa.zone.MqttSettings;
import vn.loaxa.zone.SerialSettings;
import vn.loaxa.zone.SwitchingConfig;
import vn.loaxa.zone.ZoneAddress;

/**
 * A schedule document checked against the station: every name it uses is known, every audio file
 * found. Also the one place that fills in what a file may leave out (dates default to the import
 * day, or to what the station already has), so the preview and the import agree.
 *
 * @param addresses every village's stored addresses, by village name
 * @param switching the stored switching settings
 */
record Resolved(ScheduleDocument doc, LocalDate today, List<String> villageNames, Map<String, Audio> audio,
                Map<String, Long> topicIds, Map<String, BulletinSpec> bulletinSpecs,
                Map<String, Bulletin> existingBulletins, Map<String, ZoneAddress> addresses,
                SwitchingConfig switching) {

    /**
     * An audio reference found: a file still to import (with its hash), or an asset already in the
     * library ({@code assetId}, also set when the file's content is already there).
     */
    record Audio(String name, @Nullable Path file, @Nullable String sha256, @Nullable Long assetId) {
    }

    /** One queue entry as it will be stored. */
    record Slot(String bulletinTitle, LocalDate from, LocalDate to) {
    }

    /** The same, with the asset ids an import has just given to files that were not yet in the library. */
    Resolved withAssets(Map<String, Long> assetIds) {
        var audio = new java.util.LinkedHashMap<String, Audio>();
        this.audio.forEach((name, a) -> audio.put(name, new Audio(name, a.file(), a.sha256(),
                a.assetId() != null ? a.assetId() : assetIds.get(name))));
        return new Resolved(doc, today, villageNames, audio, topicIds, bulletinSpecs, existingBulletins, addresses,
                switching);
    }

    /** The file's villages that carry addresses, by name (the first of a name; a second is a problem anyway). */
    Map<String, VillageSpec> addressed() {
        var result = new java.util.LinkedHashMap<String, VillageSpec>();
        if (doc.villages() != null) {
            doc.villages().stream().filter(v -> v.address() != null)
                    .forEach(v -> result.putIfAbsent(v.name().strip(), v));
        }
        return result;
    }

    /** A village's stored addresses; one the import adds has none yet (its code is left to the station). */
    ZoneAddress stored(String villageName) {
        var a = addresses.get(villageName);
        return a != null ? a : new ZoneAddress(0, villageName, "", null, null, null, null);
    }

    /** The addresses after the import: {@code base} with the keys the file gives laid over it. */
    static ZoneAddress address(ZoneAddress base, AddressSpec a) {
        var code = a.code() == null || a.code().value() == null ? base.code() : a.code().value();
        return new ZoneAddress(base.villageId(), base.villageName(), code, or(a.relay(), base.relay()),
                or(a.dtmfOn(), base.dtmfOn()), or(a.dtmfOff(), base.dtmfOff()), or(a.mqttTopic(), base.mqttTopic()));
    }

    /** The switching settings after the import, or null when the file has no switching section. */
    @Nullable SwitchingConfig wantedSwitching() {
        var s = doc.switching();
        if (s == null) {
            return null;
        }
        var c = switching;
        return new SwitchingConfig(get(s.driver(), c.driver()), get(s.preRoll(), c.preRoll()),
                new SerialSettings(get(s.serialPort(), c.serial().port()), get(s.baudRate(), c.serial().baudRate()),
                        get(s.unitId(), c.serial().unitId()), get(s.serialTimeout(), c.serial().timeout())),
                new MqttSettings(get(s.mqttBroker(), c.mqtt().brokerUri()), get(s.mqttUsername(), c.mqtt().username()),
                        get(s.mqttPassword(), c.mqtt().password()), get(s.mqttClientId(), c.mqtt().clientId()),
                        get(s.mqttTimeout(), c.mqtt().timeout())),
                new CommandSettings(get(s.commandProgram(), c.command().program()),
                        get(s.commandTimeout(), c.command().timeout())),
                new DtmfSettings(get(s.dtmfLevel(), c.dtmf().levelDbfs()), get(s.dtmfToneMs(), c.dtmf().toneMs()),
                        get(s.dtmfPauseMs(), c.dtmf().pauseMs())));
    }

    /** An address key: absent keeps the stored value, written empty clears it. */
    private static <T> @Nullable T or(@Nullable Given<T> given, @Nullable T stored) {
        return given == null ? stored : given.value();
    }

    /** A setting: absent (or refused, already a problem) keeps the stored value. */
    private static <T> T get(@Nullable Given<T> given, T stored) {
        return given == null || given.value() == null ? stored : given.value();
    }

    List<String> villagesOf(ProgrammeSpec p) {
        return p.villages() == null ? villageNames
                : p.villages().stream().map(v -> v.name().strip()).distinct().toList();
    }

    LocalDate validFrom(ProgrammeSpec p, @Nullable LocalDate existing) {
        return p.validFrom() != null ? p.validFrom() : existing != null ? existing : today;
    }

    /**
     * The programme's queue with every date filled in; an entry without dates keeps those of the
     * entry already at that place for the same bulletin, so importing the same file again is no change.
     */
    List<Slot> queue(ProgrammeSpec p, List<QueueEntry> existing, Map<Long, String> titleOfBulletin) {
        var specs = p.queue() == null ? List.<QueueSpec>of() : p.queue();
        var slots = new java.util.ArrayList<Slot>();
        for (int i = 0; i < specs.size(); i++) {
            var q = specs.get(i);
            var title = q.bulletin().strip();
            var old = i < existing.size() && title.equals(titleOfBulletin.get(existing.get(i).bulletinId()))
                    ? existing.get(i) : null;
            var from = q.from() != null ? q.from() : old != null ? old.fromDate() : today;
            var bulletinEnd = bulletinEnd(title);
            var to = q.to() != null ? q.to() : old != null && q.from() == null ? old.toDate()
                    : bulletinEnd != null ? bulletinEnd : from.plusYears(1).minusDays(1);
            slots.add(new Slot(title, from, to));
        }
        return slots;
    }

    private @Nullable LocalDate bulletinEnd(String title) {
        var spec = bulletinSpecs.get(title);
        if (spec != null) {
            return spec.validTo();
        }
        var existing = existingBulletins.get(title);
        return existing == null ? null : existing.validTo();
    }
}
