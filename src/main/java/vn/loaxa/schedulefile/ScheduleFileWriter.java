package vn.loaxa.schedulefile;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.QueueService;
import vn.loaxa.base.StationProperties;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.zone.VillageZones;
import vn.loaxa.zone.ZoneAddress;
import vn.loaxa.zone.ZoneSettings;

/**
 * Writes the station's schedule as a schedule file that imports back to the same schedule: every
 * date written out, audio named so that the name leads back to the same asset, every switching
 * setting but the MQTT password (a file is sent around; the station keeps its password).
 */
@Component
class ScheduleFileWriter {

    private final CampaignRepository campaigns;
    private final VillageService villages;
    private final ProgrammeService programmes;
    private final QueueService queue;
    private final BulletinService bulletins;
    private final TopicService topics;
    private final LibraryService library;
    private final ScheduleChecks checks;
    private final StationProperties station;
    private final VillageZones zones;
    private final ZoneSettings switching;

    ScheduleFileWriter(CampaignRepository campaigns, VillageService villages, ProgrammeService programmes,
                       QueueService queue, BulletinService bulletins, TopicService topics, LibraryService library,
                       ScheduleChecks checks, StationProperties station, VillageZones zones,
                       ZoneSettings switching) {
        this.zones = zones;
        this.switching = switching;
        this.campaigns = campaigns;
        this.villages = villages;
        this.programmes = programmes;
        this.queue = queue;
        this.bulletins = bulletins;
        this.topics = topics;
        this.library = library;
        this.checks = checks;
        this.station = station;
    }

    String write() {
        var out = new StringBuilder("# Lịch phát của đài (Loa Xã). Định dạng: xem README, mục \"Schedule files\".\n");
        var profile = campaigns.profile().orElse(new StationProfile("", ""));
        out.append("station:\n");
        field(out, 2, "commune", profile.commune().isEmpty() ? "?" : profile.commune());
        field(out, 2, "name", profile.stationName().isEmpty() ? "?" : profile.stationName());
        field(out, 2, "time_zone", station.timeZone().getId());

        var allVillages = villages.findAll();
        var enabledVillages = allVillages.stream().filter(Village::enabled).map(Village::name).toList();
        var villageNames = new HashMap<Long, String>();
        allVillages.forEach(v -> villageNames.put(v.id(), v.name()));
        writeSwitching(out);

        var addresses = new HashMap<String, ZoneAddress>();
        zones.all().forEach(a -> addresses.put(a.villageName(), a));
        out.append("\nvillages:\n");
        enabledVillages.forEach(v -> out.append("  - ").append(village(v, addresses.get(v))).append('\n'));

        var assets = library.findAll().stream().filter(a -> !a.retired()).toList();
        var assetById = new HashMap<Long, AudioAsset>();
        assets.forEach(a -> assetById.put(a.id(), a));
        var bulletinById = new HashMap<Long, Bulletin>();
        bulletins.findAll().forEach(b -> bulletinById.put(b.id(), b));
        var queued = new LinkedHashMap<Long, Bulletin>();

        out.append("\nprogrammes:\n");
        for (var p : programmes.findAll()) {
            out.append("  - name: ").append(quote(p.name())).append('\n');
            field(out, 4, "days", days(p.days()));
            field(out, 4, "time", p.startTime().toString());
            field(out, 4, "max_length", length(p.maxLengthSeconds()));
            var names = p.villageIds().stream().map(villageNames::get).toList();
            if (Set.copyOf(names).equals(Set.copyOf(enabledVillages))) {
                field(out, 4, "villages", "all");
            } else {
                out.append("    villages: [").append(String.join(", ", names.stream().map(this::quote).toList()))
                        .append("]\n");
            }
            if (p.openingAssetId() != null) {
                field(out, 4, "opening", audioName(assetById.get(p.openingAssetId()), assets));
            }
            if (p.closingAssetId() != null) {
                field(out, 4, "closing", audioName(assetById.get(p.closingAssetId()), assets));
            }
            field(out, 4, "priority", p.priority().name());
            field(out, 4, "start_policy", p.startPolicy().name());
            field(out, 4, "wait", length(p.waitSeconds()));
            field(out, 4, "valid_from", date(p.validFrom()));
            if (p.validTo() != null) {
                field(out, 4, "valid_to", date(p.validTo()));
            }
            field(out, 4, "enabled", String.valueOf(p.enabled()));
            var entries = queue.entries(p.id());
            out.append("    queue:").append(entries.isEmpty() ? " []\n" : "\n");
            for (var e : entries) {
                var b = bulletinById.get(e.bulletinId());
                if (b == null) {
                    continue;
                }
                queued.putIfAbsent(b.id(), b);
                out.append("      - {bulletin: ").append(quote(b.title())).append(", from: ")
                        .append(quote(date(e.fromDate()))).append(", to: ").append(quote(date(e.toDate())))
                        .append("}\n");
            }
        }

        out.append("\ncampaigns:\n");
        for (var c : campaigns.findAll()) {
            out.append("  - name: ").append(quote(c.name())).append('\n');
            field(out, 4, "from", date(c.from()));
            field(out, 4, "to", date(c.to()));
            out.append("    topics: [").append(String.join(", ", c.topicCodes())).append("]\n");
            if (!c.note().isEmpty()) {
                field(out, 4, "note", c.note());
            }
        }

        var topicCodes = new HashMap<Long, String>();
        topics.findAll().forEach(t -> topicCodes.put(t.id(), t.code()));
        out.append("\nbulletins:\n");
        for (var b : queued.values()) {
            out.append("  - title: ").append(quote(b.title())).append('\n');
            field(out, 4, "file", audioName(assetById.get(b.assetId()), assets));
            field(out, 4, "topic", topicCodes.get(b.topicId()));
            if (!b.author().isEmpty()) {
                field(out, 4, "author", b.author());
            }
            if (!b.source().isEmpty()) {
                field(out, 4, "source", b.source());
            }
            field(out, 4, "valid_from", date(b.validFrom()));
            if (b.validTo() != null) {
                field(out, 4, "valid_to", date(b.validTo()));
            }
        }
        return out.toString();
    }

    private void writeSwitching(StringBuilder out) {
        var c = switching.config();
        out.append("\nswitching:\n");
        field(out, 2, "driver", ScheduleFileParser.driverName(c.driver()));
        field(out, 2, "preroll", duration(c.preRoll()));
        out.append("  serial:\n");
        field(out, 4, "port", c.serial().port());
        raw(out, 4, "baud", Integer.toString(c.serial().baudRate()));
        raw(out, 4, "unit", Integer.toString(c.serial().unitId()));
        field(out, 4, "timeout", duration(c.serial().timeout()));
        out.append("  mqtt:\n");
        field(out, 4, "broker", c.mqtt().brokerUri());
        field(out, 4, "username", c.mqtt().username());
        out.append("    # password: không ghi ra tệp; đài giữ mật khẩu đã lưu.\n");
        field(out, 4, "client-id", c.mqtt().clientId());
        field(out, 4, "timeout", duration(c.mqtt().timeout()));
        out.append("  command:\n");
        field(out, 4, "program", c.command().program());
        field(out, 4, "timeout", duration(c.command().timeout()));
        out.append("  dtmf:\n");
        raw(out, 4, "level", BigDecimal.valueOf(c.dtmf().levelDbfs()).stripTrailingZeros().toPlainString());
        field(out, 4, "tone", c.dtmf().toneMs() + "ms");
        field(out, 4, "pause", c.dtmf().pauseMs() + "ms");
    }

    /**
     * {@code "Thôn 1"} for a village nobody wired, else its addresses on one line; its default code
     * ({@code v<id>}) is left out, so the file means the same on another station.
     */
    private String village(String name, @Nullable ZoneAddress a) {
        if (a == null) {
            return quote(name);
        }
        var parts = new ArrayList<String>();
        if (!a.code().equals("v" + a.villageId())) {
            parts.add("code: " + quote(a.code()));
        }
        if (a.relay() != null) {
            parts.add("relay: " + a.relay());
        }
        var dtmf = new ArrayList<String>();
        if (a.dtmfOn() != null) {
            dtmf.add("on: " + quote(a.dtmfOn()));
        }
        if (a.dtmfOff() != null) {
            dtmf.add("off: " + quote(a.dtmfOff()));
        }
        if (!dtmf.isEmpty()) {
            parts.add("dtmf: {" + String.join(", ", dtmf) + "}");
        }
        if (a.mqttTopic() != null) {
            parts.add("mqtt: " + quote(a.mqttTopic()));
        }
        return parts.isEmpty() ? quote(name) : "{name: " + quote(name) + ", " + String.join(", ", parts) + "}";
    }

    private static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** The original file name when it leads back to this asset, else the unique stored name. */
    private String audioName(@Nullable AudioAsset asset, List<AudioAsset> assets) {
        if (asset == null) {
            return "?";
        }
        var byOriginal = checks.lookUp(asset.originalFilename(), assets);
        return byOriginal != null && Long.valueOf(asset.id()).equals(byOriginal.assetId())
                && !asset.originalFilename().contains("/") ? asset.originalFilename() : asset.storedName();
    }

    private static String days(Set<DayOfWeek> days) {
        if (days.equals(EnumSet.allOf(DayOfWeek.class))) {
            return "daily";
        }
        var names = new ArrayList<String>();
        days.stream().sorted().forEach(d -> names.add(ScheduleFileParser.dayName(d)));
        return String.join(", ", names);
    }

    private static String length(int seconds) {
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static String date(LocalDate d) {
        return d.format(ScheduleFileParser.VN_DATE);
    }

    private void field(StringBuilder out, int indent, String key, String value) {
        out.append(" ".repeat(indent)).append(key).append(": ").append(quote(value)).append('\n');
    }

    /** A number as it is: the parser reads every value as text, so YAML's own typing never applies. */
    private static void raw(StringBuilder out, int indent, String key, String number) {
        out.append(" ".repeat(indent)).append(key).append(": ").append(number).append('\n');
    }

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile(
            "[A-Za-z][A-Za-z0-9_.-]*|\\d+(ms|[smh])|\\d\\d/\\d\\d/\\d{4}");

    /**
     * Codes, lengths and dd/MM/yyyy dates as they are; anything else double-quoted (escapes as in
     * JSON), which is safe for every value: colons, '#', and times that YAML 1.1 would read as numbers.
     */
    private String quote(String s) {
        return PLAIN.matcher(s).matches() ? s : "\"" + vn.loaxa.base.Texts.jsonEscape(s) + "\"";
    }
}
