package vn.loaxa.schedulefile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.base.InvalidInputException;

import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.library.ImportRejectedException;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.QueueService;
import vn.loaxa.schedulefile.Change.Action;
import vn.loaxa.schedulefile.Change.Section;
import vn.loaxa.schedulefile.ScheduleDocument.AudioRef;
import vn.loaxa.schedulefile.ScheduleDocument.ProgrammeSpec;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.zone.VillageZones;
import vn.loaxa.zone.ZoneAddress;
import vn.loaxa.zone.ZoneSettings;
import vn.loaxa.zone.ZoneSwitchboard;

/**
 * Carries out a {@link ScheduleDiff.Plan}: first the audio files it names go into the library, each
 * through the library's own import (decoding and copying, outside any transaction); then every
 * schedule change in one short transaction, through the feature services (so their checks and role
 * rules apply). If the changes fail, the transaction rolls back and the station's schedule is as it
 * was; audio already imported stays in the library, where a later import finds and reuses it.
 * Village addresses and switching settings are written in the same transaction; the switchboard
 * takes them up only once it has committed, so a rolled-back import never switches by them.
 */
@Component
class ScheduleApplier {

    private static final Logger log = LoggerFactory.getLogger(ScheduleApplier.class);
    private static final int SQLITE_CONSTRAINT = 19;

    private final TransactionTemplate transactions;
    private final LibraryService library;
    private final VillageService villages;
    private final BulletinService bulletins;
    private final ProgrammeService programmes;
    private final QueueService queue;
    private final CampaignRepository campaigns;
    private final VillageZones zones;
    private final ZoneSettings switching;
    private final ZoneSwitchboard switchboard;
    private final ScheduleDiff diff;
    private final Clock clock;

    ScheduleApplier(PlatformTransactionManager tm, LibraryService library, VillageService villages,
                    BulletinService bulletins, ProgrammeService programmes, QueueService queue,
                    CampaignRepository campaigns, VillageZones zones, ZoneSettings switching,
                    ZoneSwitchboard switchboard, ScheduleDiff diff, Clock clock) {
        this.transactions = new TransactionTemplate(tm);
        this.zones = zones;
        this.switching = switching;
        this.switchboard = switchboard;
        this.library = library;
        this.villages = villages;
        this.bulletins = bulletins;
        this.programmes = programmes;
        this.queue = queue;
        this.campaigns = campaigns;
        this.diff = diff;
        this.clock = clock;
    }

    void apply(ScheduleDiff.Plan plan, String sourceNames) {
        var assetIds = importAudio(plan.resolved());
        transactions.executeWithoutResult(status -> run(plan, sourceNames, assetIds));
    }

    private void run(ScheduleDiff.Plan plan, String sourceNames, Map<String, Long> assetIds) {
        var r = plan.resolved();
        var doc = r.doc();
        if (doc.station() != null) {
            campaigns.saveProfile(new StationProfile(doc.station().commune(), doc.station().name()),
                    CurrentUser.name(), clock.instant());
        }
        if (doc.villages() != null) {
            applyVillages(r);
        }
        boolean switchingChanged = doc.villages() != null && applyAddresses(r);
        switchingChanged |= applySwitching(r);
        if (switchingChanged) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    try {
                        switchboard.reload();
                    } catch (RuntimeException e) {
                        // The import stands (it committed); the caller must not be told it failed.
                        log.error("Schedule import saved new switching settings, but the switchboard did not "
                                + "take them up; they apply after the next save or restart", e);
                    }
                }
            });
        }
        var villageIds = new HashMap<String, Long>();
        villages.findAll().forEach(v -> villageIds.put(v.name(), v.id()));

        var bulletinIds = new HashMap<String, Long>();
        r.existingBulletins().forEach((title, b) -> bulletinIds.put(title, b.id()));
        if (doc.bulletins() != null) {
            var all = bulletins.findAll();
            for (var spec : doc.bulletins()) {
                var found = ScheduleDiff.match(spec, r.withAssets(assetIds), all);
                bulletinIds.put(spec.title(), found.map(Bulletin::id).orElseGet(() -> {
                    // The file is the commune's decision to air it: recorded as approved by whoever imports it.
                    return bulletins.createApproved(new Bulletin.Draft(assetIds.get(spec.file().name()), spec.title(),
                            r.topicIds().get(spec.topic().code().strip()), spec.author(), spec.source(),
                            spec.validFrom() != null ? spec.validFrom() : r.today(), spec.validTo()),
                            "Nhập từ tệp lịch " + sourceNames).id();
                }));
            }
        }
        if (doc.programmes() != null) {
            var titles = diff.bulletinTitles();
            plan.removedProgrammes().forEach(p -> programmes.delete(p.id()));
            var changed = plan.changes().stream()
                    .filter(c -> c.section() == Section.PROGRAMME && c.action() == Action.CHANGED)
                    .map(Change::name).toList();
            for (var spec : doc.programmes()) {
                var old = plan.existingProgrammes().get(spec.name());
                var draft = draft(spec, old, r, villageIds, assetIds);
                long id;
                if (old == null) {
                    id = programmes.create(draft).programme().id();
                } else {
                    id = old.id();
                    if (changed.contains(spec.name())) {
                        programmes.update(id, draft);
                    }
                }
                if (spec.queue() != null) {
                    var entries = queue.entries(id);
                    var slots = r.queue(spec, entries, titles);
                    if (!slots.equals(ScheduleDiff.slots(entries, titles))) {
                        entries.forEach(e -> queue.remove(e.id()));
                        slots.forEach(s -> queue.assign(bulletinIds.get(s.bulletinTitle()), id, s.from(), s.to()));
                    }
                }
            }
        }
        if (doc.campaigns() != null && plan.changes().stream().anyMatch(c -> c.section() == Section.CAMPAIGN)) {
            campaigns.deleteAll();
            int position = 1;
            for (var c : doc.campaigns()) {
                var codes = c.topics().stream().map(t -> t.code().strip()).distinct().toList();
                campaigns.insert(new Campaign(0, c.name(), c.from(), c.to(), codes, c.note()),
                        codes.stream().map(r.topicIds()::get).toList(), position++);
            }
        }
    }

    private void applyVillages(Resolved r) {
        var all = villages.findAll();
        for (var name : r.villageNames()) {
            var v = all.stream().filter(x -> x.name().equals(name)).findFirst();
            if (v.isEmpty()) {
                villages.create(name);
            } else if (!v.get().enabled()) {
                villages.update(v.get().id(), name, true);
            }
        }
        for (Village v : all) {
            if (v.enabled() && !r.villageNames().contains(v.name())) {
                villages.update(v.id(), v.name(), false);
            }
        }
    }

    /**
     * Stores the addresses of the file's villages that change. Two villages may trade relays (or codes,
     * or topics), which row by row would clash with the other's old value: every changing village
     * first lets go of its unique values, then takes its new ones. True when anything was stored.
     */
    private boolean applyAddresses(Resolved r) {
        var current = new HashMap<String, ZoneAddress>();
        zones.all().forEach(a -> current.put(a.villageName(), a));
        var changing = new java.util.LinkedHashMap<ScheduleDocument.VillageSpec, ZoneAddress>();
        r.addressed().forEach((name, spec) -> {
            var now = current.get(name);
            var wanted = Resolved.address(now, spec.address());
            if (!wanted.equals(now)) {
                changing.put(spec, wanted);
            }
        });
        var by = CurrentUser.name();
        changing.forEach((spec, wanted) -> {
            var now = current.get(wanted.villageName());
            var code = now.code().equals(wanted.code()) ? now.code() : "import.tmp." + now.villageId();
            store(spec, code, () -> zones.updateFromScheduleFile(now.villageId(), code, null, now.dtmfOn(),
                    now.dtmfOff(), null, by));
        });
        changing.forEach((spec, a) -> store(spec, a.code(), () -> zones.updateFromScheduleFile(a.villageId(),
                a.code(), a.relay(), a.dtmfOn(), a.dtmfOff(), a.mqttTopic(), by)));
        return !changing.isEmpty();
    }

    /**
     * The checks found every problem they could; what the station still refuses (e.g. a code equal to
     * the default code {@code v<id>} a village added by this import takes) is named at the village.
     */
    private static void store(ScheduleDocument.VillageSpec spec, String code, Runnable write) {
        try {
            write.run();
        } catch (InvalidInputException e) {
            throw refused(spec.at(), e);
        } catch (DataAccessException e) {
            if (!isConstraint(e)) {
                throw e;
            }
            // SQLite gives no SQL state, so a unique address can reach here untranslated.
            throw new ScheduleFileException(List.of(ScheduleFileProblem.at(spec.at(), "error.zone.inUse", code)));
        }
    }

    private static boolean isConstraint(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLiteException e) {
                return (e.getResultCode().code & 0xFF) == SQLITE_CONSTRAINT;
            }
        }
        return error instanceof DataIntegrityViolationException;
    }

    private boolean applySwitching(Resolved r) {
        var wanted = r.wantedSwitching();
        var spec = r.doc().switching();
        if (wanted == null || spec == null || wanted.equals(switching.config())) {
            return false;
        }
        try {
            switching.saveFromScheduleFile(wanted, CurrentUser.name());
        } catch (InvalidInputException e) {
            throw refused(spec.at(), e);
        }
        return true;
    }

    private static ScheduleFileException refused(ScheduleDocument.Where at, InvalidInputException e) {
        return new ScheduleFileException(List.of(ScheduleFileProblem.at(at, e.messageKey(), e.args())));
    }

    /** Every referenced audio file's asset id; files not yet in the library go through its import checks. */
    private Map<String, Long> importAudio(Resolved r) {
        var ids = new HashMap<String, Long>();
        for (var audio : r.audio().values()) {
            if (audio.assetId() != null || audio.file() == null) {
                ids.put(audio.name(), audio.assetId());
                continue;
            }
            try (InputStream in = Files.newInputStream(audio.file())) {
                var imported = library.importFile(in, audio.file().getFileName().toString(),
                        titleOf(r, audio.name()), CurrentUser.name());
                if (!imported.duplicate()) {
                    log.info("Schedule import placed '{}' in the library as asset {}", audio.name(),
                            imported.asset().id());
                }
                ids.put(audio.name(), imported.asset().id());
            } catch (ImportRejectedException e) {
                if (e.code() == ImportRejectedException.Code.DATABASE_BUSY) {
                    // Nothing is wrong with the file: the caller is told to try again (503), not to fix it.
                    throw new CannotAcquireLockException(e.getMessage(), e);
                }
                throw badAudio(r, audio.name(), e);
            } catch (IOException e) {
                throw badAudio(r, audio.name(), e);
            }
        }
        return ids;
    }

    /**
     * The title a file takes when this import brings it into the library: the one the file gives it,
     * else the title of the first bulletin made from it; null leaves the library to name it after the
     * file. Only new assets are named so: one already in the library keeps the title it has.
     */
    static @Nullable String titleOf(Resolved r, String name) {
        var refs = new ArrayList<AudioRef>();
        if (r.doc().programmes() != null) {
            r.doc().programmes().forEach(p -> {
                refs.add(p.opening());
                refs.add(p.closing());
            });
        }
        if (r.doc().bulletins() != null) {
            r.doc().bulletins().forEach(b -> refs.add(b.file()));
        }
        var given = refs.stream().filter(a -> a != null && a.name().equals(name) && a.title() != null).findFirst();
        if (given.isPresent()) {
            return given.get().title();
        }
        if (r.doc().bulletins() != null) {
            return r.doc().bulletins().stream().filter(b -> b.file().name().equals(name) && !b.title().isBlank())
                    .map(ScheduleDocument.BulletinSpec::title).findFirst().orElse(null);
        }
        return null;
    }

    private static ScheduleFileException badAudio(Resolved r, String name, Exception e) {
        return new ScheduleFileException(List.of(ScheduleFileProblem.at(whereUsed(r, name),
                "schedulefile.error.badAudio", name, e.getMessage())));
    }

    private static ScheduleDocument.Where whereUsed(Resolved r, String name) {
        var refs = new ArrayList<AudioRef>();
        if (r.doc().bulletins() != null) {
            r.doc().bulletins().forEach(b -> refs.add(b.file()));
        }
        if (r.doc().programmes() != null) {
            r.doc().programmes().forEach(p -> {
                refs.add(p.opening());
                refs.add(p.closing());
            });
        }
        return refs.stream().filter(a -> a != null && a.name().equals(name)).findFirst().map(AudioRef::at)
                .orElse(new ScheduleDocument.Where("?", 1, ""));
    }

    private static Programme.Draft draft(ProgrammeSpec s, @Nullable Programme old, Resolved r,
                                         Map<String, Long> villageIds, Map<String, Long> assetIds) {
        return new Programme.Draft(s.name(), s.days(), s.time(), r.validFrom(s, old == null ? null : old.validFrom()),
                s.validTo(), s.maxLengthSeconds(), s.priority(), s.startPolicy(), s.waitSeconds(),
                s.opening() == null ? null : assetIds.get(s.opening().name()),
                s.closing() == null ? null : assetIds.get(s.closing().name()),
                r.villagesOf(s).stream().map(villageIds::get).toList(), s.enabled());
    }
}
