package vn.loaxa.schedulefile;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.QueueEntry;
import vn.loaxa.schedule.QueueService;
import vn.loaxa.schedulefile.Change.Action;
import vn.loaxa.schedulefile.Change.Detail;
import vn.loaxa.schedulefile.Change.Section;
import vn.loaxa.schedulefile.Change.Text;
import vn.loaxa.schedulefile.ScheduleDocument.AudioRef;
import vn.loaxa.schedulefile.ScheduleDocument.BulletinSpec;
import vn.loaxa.schedulefile.ScheduleDocument.ProgrammeSpec;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.zone.DriverKind;
import vn.loaxa.zone.SwitchingConfig;
import vn.loaxa.zone.ZoneAddress;

/** What an import of a checked document would change, compared field by field with the station. */
@Component
class ScheduleDiff {

    /**
     * The changes, plus what the import needs to carry them out.
     *
     * @param warnings what the admin should know before applying, though nothing is wrong with it
     */
    record Plan(Resolved resolved, List<Change> changes, Map<String, Programme> existingProgrammes,
                List<Programme> removedProgrammes, List<ScheduleFileProblem> warnings) {
    }

    private final ProgrammeService programmes;
    private final QueueService queue;
    private final BulletinService bulletins;
    private final VillageService villages;
    private final CampaignRepository campaigns;
    private final LibraryService library;

    ScheduleDiff(ProgrammeService programmes, QueueService queue, BulletinService bulletins, VillageService villages,
                 CampaignRepository campaigns, LibraryService library) {
        this.library = library;
        this.programmes = programmes;
        this.queue = queue;
        this.bulletins = bulletins;
        this.villages = villages;
        this.campaigns = campaigns;
    }

    Plan plan(Resolved r) {
        var doc = r.doc();
        var changes = new ArrayList<Change>();
        if (doc.station() != null) {
            var wanted = new StationProfile(doc.station().commune(), doc.station().name());
            var current = campaigns.profile();
            if (current.isEmpty() || !current.get().equals(wanted)) {
                changes.add(new Change(Section.STATION, current.isEmpty() ? Action.ADDED : Action.CHANGED,
                        wanted.stationName(), List.of("commune", "name")));
            }
        }
        var warnings = new ArrayList<ScheduleFileProblem>();
        if (doc.switching() != null) {
            var wanted = r.wantedSwitching();
            var details = new ArrayList<Detail>();
            var fields = wanted == null ? List.<String>of() : switchingChanges(r.switching(), wanted, details);
            if (!fields.isEmpty()) {
                changes.add(new Change(Section.SWITCHING, Action.CHANGED, "switching", fields, details));
            }
            var password = doc.switching().mqttPassword();
            if (password != null && password.value() != null && !password.value().isEmpty()) {
                warnings.add(ScheduleFileProblem.at(password.at(), "schedulefile.warning.passwordInFile"));
            }
        }
        if (doc.villages() != null) {
            var all = villages.findAll();
            var addressed = r.addressed();
            for (var name : r.villageNames()) {
                var v = all.stream().filter(x -> x.name().equals(name)).findFirst();
                var fields = new ArrayList<String>();
                var details = new ArrayList<Detail>();
                var spec = addressed.get(name);
                if (v.isPresent() && !v.get().enabled()) {
                    fields.add("enabled");
                }
                if (spec != null) {
                    var stored = r.stored(name);
                    addressChanges(stored, Resolved.address(stored, spec.address()), fields, details);
                }
                if (v.isEmpty()) {
                    changes.add(new Change(Section.VILLAGE, Action.ADDED, name, List.of(), details));
                } else if (!fields.isEmpty()) {
                    changes.add(new Change(Section.VILLAGE, Action.CHANGED, name, fields, details));
                }
            }
            all.stream().filter(v -> v.enabled() && !r.villageNames().contains(v.name()))
                    .forEach(v -> changes.add(new Change(Section.VILLAGE, Action.REMOVED, v.name(), List.of())));
        }
        var titles = bulletinTitles();
        if (doc.bulletins() != null) {
            var all = bulletins.findAll();
            doc.bulletins().stream().filter(b -> match(b, r, all).isEmpty())
                    .forEach(b -> changes.add(new Change(Section.BULLETIN, Action.ADDED, b.title(), List.of())));
        }
        var existing = new LinkedHashMap<String, Programme>();
        var removed = new ArrayList<Programme>();
        if (doc.programmes() != null) {
            var names = doc.programmes().stream().map(ProgrammeSpec::name).toList();
            for (var p : programmes.findAll()) {
                if (names.contains(p.name()) && !existing.containsKey(p.name())) {
                    existing.put(p.name(), p);
                } else {
                    removed.add(p);
                }
            }
            var villageNames = villageNames();
            for (var spec : doc.programmes()) {
                var old = existing.get(spec.name());
                if (old == null) {
                    changes.add(new Change(Section.PROGRAMME, Action.ADDED, spec.name(), List.of()));
                    continue;
                }
                var fields = fieldsChanged(spec, old, r, villageNames);
                if (!fields.isEmpty()) {
                    changes.add(new Change(Section.PROGRAMME, Action.CHANGED, spec.name(), fields,
                            programmeDetails(fields, spec, old, r, villageNames)));
                }
                var entries = queue.entries(old.id());
                if (spec.queue() != null && !r.queue(spec, entries, titles).equals(slots(entries, titles))) {
                    changes.add(new Change(Section.QUEUE, Action.CHANGED, spec.name(), List.of("queue")));
                }
            }
            removed.forEach(p -> changes.add(new Change(Section.PROGRAMME, Action.REMOVED, p.name(), List.of())));
        }
        if (doc.campaigns() != null) {
            diffCampaigns(doc.campaigns(), changes);
        }
        return new Plan(r, changes, existing, removed, warnings);
    }

    private static void addressChanges(ZoneAddress from, ZoneAddress to, List<String> fields, List<Detail> details) {
        detail(fields, details, "code", "village.code", text(from.code()), text(to.code()));
        detail(fields, details, "relay", "village.relay", text(from.relay()), text(to.relay()));
        detail(fields, details, "dtmf.on", "village.dtmfOn", text(from.dtmfOn()), text(to.dtmfOn()));
        detail(fields, details, "dtmf.off", "village.dtmfOff", text(from.dtmfOff()), text(to.dtmfOff()));
        detail(fields, details, "mqtt", "village.mqtt", text(from.mqttTopic()), text(to.mqttTopic()));
    }

    /** The file's names of the settings that change; their details for people in {@code details}. */
    private static List<String> switchingChanges(SwitchingConfig from, SwitchingConfig to, List<Detail> details) {
        var fields = new ArrayList<String>();
        detail(fields, details, "driver", "switching.driver", driver(from.driver()), driver(to.driver()));
        detail(fields, details, "preroll", "switching.preroll", text(from.preRoll()), text(to.preRoll()));
        detail(fields, details, "serial.port", "switching.serialPort", text(from.serial().port()),
                text(to.serial().port()));
        detail(fields, details, "serial.baud", "switching.serialBaud", text(from.serial().baudRate()),
                text(to.serial().baudRate()));
        detail(fields, details, "serial.unit", "switching.serialUnit", text(from.serial().unitId()),
                text(to.serial().unitId()));
        detail(fields, details, "serial.timeout", "switching.serialTimeout", text(from.serial().timeout()),
                text(to.serial().timeout()));
        detail(fields, details, "mqtt.broker", "switching.mqttBroker", text(from.mqtt().brokerUri()),
                text(to.mqtt().brokerUri()));
        detail(fields, details, "mqtt.username", "switching.mqttUsername", text(from.mqtt().username()),
                text(to.mqtt().username()));
        if (!from.mqtt().password().equals(to.mqtt().password())) {
            // Never the password itself: previews are shown on screens and returned by the API.
            fields.add("mqtt.password");
            details.add(new Detail("switching.mqttPassword",
                    secret(from.mqtt().password(), "schedulefile.value.secretSet"),
                    secret(to.mqtt().password(), "schedulefile.value.secretNew")));
        }
        detail(fields, details, "mqtt.client-id", "switching.mqttClientId", text(from.mqtt().clientId()),
                text(to.mqtt().clientId()));
        detail(fields, details, "mqtt.timeout", "switching.mqttTimeout", text(from.mqtt().timeout()),
                text(to.mqtt().timeout()));
        detail(fields, details, "command.program", "switching.commandProgram", text(from.command().program()),
                text(to.command().program()));
        detail(fields, details, "command.timeout", "switching.commandTimeout", text(from.command().timeout()),
                text(to.command().timeout()));
        detail(fields, details, "dtmf.level", "switching.dtmfLevel", level(from.dtmf().levelDbfs()),
                level(to.dtmf().levelDbfs()));
        detail(fields, details, "dtmf.tone", "switching.dtmfTone", millis(from.dtmf().toneMs()),
                millis(to.dtmf().toneMs()));
        detail(fields, details, "dtmf.pause", "switching.dtmfPause", millis(from.dtmf().pauseMs()),
                millis(to.dtmf().pauseMs()));
        return fields;
    }

    private static void detail(List<String> fields, List<Detail> details, String field, String label, Text from,
                               Text to) {
        if (!from.equals(to)) {
            fields.add(field);
            details.add(new Detail(label, from, to));
        }
    }

    private static Text text(@Nullable Object value) {
        var s = value == null ? "" : String.valueOf(value);
        return s.isEmpty() ? Text.of("schedulefile.value.none") : Text.of("schedulefile.value.plain", s);
    }

    private static Text text(Duration d) {
        return d.toMillis() % 1000 == 0 ? Text.of("schedulefile.value.seconds", Long.toString(d.toSeconds()))
                : millis(d.toMillis());
    }

    private static Text millis(long ms) {
        return Text.of("schedulefile.value.millis", Long.toString(ms));
    }

    private static Text level(double dbfs) {
        return Text.of("schedulefile.value.dbfs", BigDecimal.valueOf(dbfs).stripTrailingZeros().toPlainString());
    }

    private static Text driver(DriverKind kind) {
        return Text.of("schedulefile.driver." + ScheduleFileParser.driverName(kind));
    }

    private static Text secret(String password, String key) {
        return Text.of(password.isEmpty() ? "schedulefile.value.none" : key);
    }

    private List<String> fieldsChanged(ProgrammeSpec s, Programme p, Resolved r, Map<Long, String> villageNames) {
        var fields = new ArrayList<String>();
        differs(fields, "days", s.days(), p.days());
        differs(fields, "time", s.time(), p.startTime());
        differs(fields, "valid_from", r.validFrom(s, p.validFrom()), p.validFrom());
        differs(fields, "valid_to", s.validTo(), p.validTo());
        differs(fields, "max_length", s.maxLengthSeconds(), p.maxLengthSeconds());
        differs(fields, "priority", s.priority(), p.priority());
        differs(fields, "start_policy", s.startPolicy(), p.startPolicy());
        differs(fields, "wait", s.waitSeconds(), p.waitSeconds());
        differs(fields, "opening", assetId(s.opening(), r), p.openingAssetId());
        differs(fields, "closing", assetId(s.closing(), r), p.closingAssetId());
        differs(fields, "villages", new TreeSet<>(r.villagesOf(s)),
                new TreeSet<>(p.villageIds().stream().map(villageNames::get).toList()));
        differs(fields, "enabled", s.enabled(), p.enabled());
        return fields;
    }

    /**
     * Each changed field of a programme as "label: old → new" in words an operator knows, not the
     * file's keys: an admin approving a preview should see that the morning programme moves from
     * 05:30 to 06:00, not that "time" differs.
     */
    private List<Detail> programmeDetails(List<String> fields, ProgrammeSpec s, Programme p, Resolved r,
                                          Map<Long, String> villageNames) {
        var details = new ArrayList<Detail>();
        for (var field : fields) {
            var label = "programme." + field;
            switch (field) {
                case "days" -> details.add(new Detail(label, days(p.days()), days(s.days())));
                case "time" -> details.add(new Detail(label, text(p.startTime()), text(s.time())));
                case "valid_from" -> details.add(new Detail(label, date(p.validFrom()), date(r.validFrom(s, p.validFrom()))));
                case "valid_to" -> details.add(new Detail(label, date(p.validTo()), date(s.validTo())));
                case "max_length" -> details.add(new Detail(label, minutes(p.maxLengthSeconds()),
                        minutes(s.maxLengthSeconds())));
                case "priority" -> details.add(new Detail(label, Text.of("airlog.priority." + p.priority().name()),
                        Text.of("airlog.priority." + s.priority().name())));
                case "start_policy" -> details.add(new Detail(label, Text.of("ui.policy." + p.startPolicy().name()),
                        Text.of("ui.policy." + s.startPolicy().name())));
                case "wait" -> details.add(new Detail(label, Text.of("schedulefile.value.seconds",
                        Integer.toString(p.waitSeconds())), Text.of("schedulefile.value.seconds",
                        Integer.toString(s.waitSeconds()))));
                case "opening" -> details.add(new Detail(label, assetName(p.openingAssetId()), audioName(s.opening())));
                case "closing" -> details.add(new Detail(label, assetName(p.closingAssetId()), audioName(s.closing())));
                case "villages" -> details.add(new Detail(label,
                        text(String.join(", ", new TreeSet<>(p.villageIds().stream().map(villageNames::get).toList()))),
                        text(String.join(", ", new TreeSet<>(r.villagesOf(s))))));
                case "enabled" -> details.add(new Detail(label, Text.of(p.enabled() ? "ui.yes" : "ui.no"),
                        Text.of(s.enabled() ? "ui.yes" : "ui.no")));
                default -> details.add(new Detail("programme.other", text(field), Text.of("schedulefile.value.changed")));
            }
        }
        return details;
    }

    private static Text days(Set<java.time.DayOfWeek> days) {
        if (days.isEmpty()) {
            return Text.of("schedulefile.value.none");
        }
        // One key per set of days would be 127 keys: the days are the station's own short names instead.
        return Text.of("schedulefile.value.plain", days.stream().sorted()
                .map(d -> vn.loaxa.base.Texts.get(vn.loaxa.base.Texts.VIETNAMESE, "ui.day.short." + d.name()))
                .collect(java.util.stream.Collectors.joining(" ")));
    }

    private static Text date(java.time.@Nullable LocalDate d) {
        return d == null ? Text.of("schedulefile.value.open")
                : Text.of("schedulefile.value.plain", d.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
    }

    private static Text minutes(int seconds) {
        return seconds % 60 == 0 ? Text.of("schedulefile.value.minutes", Integer.toString(seconds / 60))
                : Text.of("schedulefile.value.seconds", Integer.toString(seconds));
    }

    private Text assetName(@Nullable Long id) {
        return id == null ? Text.of("schedulefile.value.none")
                : Text.of("schedulefile.value.plain", library.find(id).map(a -> a.title()).orElse("#" + id));
    }

    private static Text audioName(@Nullable AudioRef ref) {
        return ref == null ? Text.of("schedulefile.value.none") : Text.of("schedulefile.value.plain", ref.name());
    }

    private void diffCampaigns(List<ScheduleDocument.CampaignSpec> specs, List<Change> changes) {
        var current = campaigns.findAll();
        for (var c : specs) {
            var old = current.stream().filter(x -> x.name().equals(c.name())).findFirst();
            var wanted = new Campaign(0, c.name(), c.from(), c.to(),
                    c.topics().stream().map(t -> t.code().strip()).toList(), c.note());
            if (old.isEmpty()) {
                changes.add(new Change(Section.CAMPAIGN, Action.ADDED, c.name(), List.of()));
            } else if (!new Campaign(0, old.get().name(), old.get().from(), old.get().to(), old.get().topicCodes(),
                    old.get().note()).equals(wanted)) {
                changes.add(new Change(Section.CAMPAIGN, Action.CHANGED, c.name(), List.of()));
            }
        }
        var names = specs.stream().map(ScheduleDocument.CampaignSpec::name).toList();
        current.stream().filter(c -> !names.contains(c.name()))
                .forEach(c -> changes.add(new Change(Section.CAMPAIGN, Action.REMOVED, c.name(), List.of())));
    }

    /** An approved bulletin the station already has with exactly this content, so it is reused. */
    static Optional<Bulletin> match(BulletinSpec b, Resolved r, List<Bulletin> all) {
        var audio = r.audio().get(b.file().name());
        Long assetId = audio == null ? null : audio.assetId();
        Long topicId = r.topicIds().get(b.topic().code().strip());
        return all.stream().filter(x -> x.state() == BulletinState.APPROVED && !x.deleted())
                .filter(x -> x.title().equals(b.title()) && Objects.equals(x.assetId(), assetId)
                        && Objects.equals(x.topicId(), topicId) && x.author().equals(b.author())
                        && x.source().equals(b.source()) && Objects.equals(x.validTo(), b.validTo())
                        && (b.validFrom() == null || b.validFrom().equals(x.validFrom())))
                .findFirst();
    }

    static @Nullable Long assetId(@Nullable AudioRef ref, Resolved r) {
        if (ref == null) {
            return null;
        }
        var audio = r.audio().get(ref.name());
        // A file not yet in the library is a new asset: -1 never equals a stored id.
        return audio == null || audio.assetId() == null ? Long.valueOf(-1) : audio.assetId();
    }

    Map<Long, String> bulletinTitles() {
        var titles = new HashMap<Long, String>();
        bulletins.findAll().forEach(b -> titles.put(b.id(), b.title()));
        return titles;
    }

    private Map<Long, String> villageNames() {
        var names = new HashMap<Long, String>();
        villages.findAll().forEach(v -> names.put(v.id(), v.name()));
        return names;
    }

    static List<Resolved.Slot> slots(List<QueueEntry> entries, Map<Long, String> titles) {
        return entries.stream().map(e -> new Resolved.Slot(String.valueOf(titles.get(e.bulletinId())), e.fromDate(),
                e.toDate())).toList();
    }

    private static void differs(List<String> fields, String name, @Nullable Object a, @Nullable Object b) {
        if (!Objects.equals(a, b)) {
            fields.add(name);
        }
    }

    static Set<String> enabledNames(List<Village> all) {
        return new TreeSet<>(all.stream().filter(Village::enabled).map(Village::name).toList());
    }
}
