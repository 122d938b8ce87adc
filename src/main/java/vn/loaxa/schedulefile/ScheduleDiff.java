package vn.loaxa.schedulefile;

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
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.QueueEntry;
import vn.loaxa.schedule.QueueService;
import vn.loaxa.schedulefile.Change.Action;
import vn.loaxa.schedulefile.Change.Section;
import vn.loaxa.schedulefile.ScheduleDocument.AudioRef;
import vn.loaxa.schedulefile.ScheduleDocument.BulletinSpec;
import vn.loaxa.schedulefile.ScheduleDocument.ProgrammeSpec;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/** What an import of a checked document would change, compared field by field with the station. */
@Component
class ScheduleDiff {

    /** The changes, plus what the import needs to carry them out. */
    record Plan(Resolved resolved, List<Change> changes, Map<String, Programme> existingProgrammes,
                List<Programme> removedProgrammes) {
    }

    private final ProgrammeService programmes;
    private final QueueService queue;
    private final BulletinService bulletins;
    private final VillageService villages;
    private final CampaignRepository campaigns;

    ScheduleDiff(ProgrammeService programmes, QueueService queue, BulletinService bulletins, VillageService villages,
                 CampaignRepository campaigns) {
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
        if (doc.villages() != null) {
            var all = villages.findAll();
            for (var name : r.villageNames()) {
                var v = all.stream().filter(x -> x.name().equals(name)).findFirst();
                if (v.isEmpty()) {
                    changes.add(new Change(Section.VILLAGE, Action.ADDED, name, List.of()));
                } else if (!v.get().enabled()) {
                    changes.add(new Change(Section.VILLAGE, Action.CHANGED, name, List.of("enabled")));
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
                    changes.add(new Change(Section.PROGRAMME, Action.CHANGED, spec.name(), fields));
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
        return new Plan(r, changes, existing, removed);
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
