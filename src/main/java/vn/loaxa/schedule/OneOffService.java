package vn.loaxa.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.base.RefusedException;
import vn.loaxa.base.StationTime;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.security.Role;
import vn.loaxa.station.VillageService;

/**
 * One-off broadcasts, and emergencies (a one-off at "now" with EMERGENCY priority). This only
 * stores them; the engine plans and fires them like any other occurrence, under the key O<id>.
 * <p>
 * Who may order what is decided here, so the web UI and the API cannot disagree: a one-off airs
 * the audio of an approved bulletin, unless an ADMIN orders it (a one-off is scheduled ahead, so
 * there is time to have its audio approved). An emergency may air any audio, since a storm warning
 * cannot wait for an approval, but only the roles the station's settings name may order one
 * (by default ADMIN, OPERATOR and APPROVER: commune leadership too), and each says why.
 */
@Service
public class OneOffService {

    private final StationTime stationTime;

    /** How long a one-off waits for a broadcast already on air before it gives up (its start policy is WAIT). */
    public static final int WAIT_SECONDS = 60;

    /** The longest reason kept with a one-off, in characters. */
    public static final int MAX_REASON = 1000;

    private final OneOffRepository oneOffs;
    private final LibraryService library;
    private final VillageService villages;
    private final BulletinService bulletins;
    /** The grace window and the emergency roles are read each time: an admin may change them in the settings. */
    private final EmergencyRights emergencyRights;
    private final GraceSettings graceSettings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ScheduleService schedule;

    OneOffService(OneOffRepository oneOffs, LibraryService library, VillageService villages, BulletinService bulletins,
                  EmergencyRights emergencyRights, GraceSettings graceSettings, Clock clock, ApplicationEventPublisher events,
                  StationTime stationTime, ScheduleService schedule) {
        this.schedule = schedule;
        this.stationTime = stationTime;
        this.events = events;
        this.oneOffs = oneOffs;
        this.library = library;
        this.villages = villages;
        this.bulletins = bulletins;
        this.emergencyRights = emergencyRights;
        this.graceSettings = graceSettings;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public OneOff require(long id) {
        return oneOffs.findById(id).orElseThrow(() -> new InvalidInputException("UNKNOWN_ONE_OFF",
                "error.api.badRequest", "No one-off broadcast " + id));
    }

    /** The one-off an occurrence key ({@code O<id>}) names, if it is one. */
    @Transactional(readOnly = true)
    public Optional<OneOff> byKey(String occurrenceKey) {
        if (!occurrenceKey.matches("O\\d{1,18}")) {
            return Optional.empty();
        }
        return oneOffs.findById(Long.parseLong(occurrenceKey.substring(1)));
    }

    @Transactional(readOnly = true)
    public List<OneOff> findBetween(Instant from, Instant to) {
        return oneOffs.findBetween(from, to);
    }

    /**
     * A broadcast at {@code startsAt}; no more than the grace window in the past, since it would be
     * missed. At EMERGENCY priority it needs an emergency role and a reason, like {@link #emergency}.
     * Each asset that an approved bulletin valid that day carries airs as that bulletin; any other
     * asset is raw audio, which only an ADMIN may order.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "ONE_OFF_SCHEDULED", target = "ONE_OFF", snapshot = "#result")
    public OneOff schedule(@Nullable String title, Instant startsAt, List<Long> assetIds, List<Long> villageIds,
                           Priority priority, @Nullable String reason) {
        return scheduleItems(title, startsAt, List.of(), assetIds, villageIds, priority, reason);
    }

    /**
     * Like {@link #schedule(String, Instant, List, List, Priority, String)}, with bulletins first:
     * each must be approved and valid on the day (for anyone, an ADMIN too: whoever wants other
     * audio names the asset), and airs with its CCHC topic in the air log. Then the assets, if any.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "ONE_OFF_SCHEDULED", target = "ONE_OFF", snapshot = "#result")
    public OneOff schedule(@Nullable String title, Instant startsAt, List<Long> bulletinIds, List<Long> assetIds,
                           List<Long> villageIds, Priority priority, @Nullable String reason) {
        return scheduleItems(title, startsAt, bulletinIds, assetIds, villageIds, priority, reason);
    }

    private OneOff scheduleItems(@Nullable String title, Instant startsAt, List<Long> bulletinIds,
                                 List<Long> assetIds, List<Long> villageIds, Priority priority,
                                 @Nullable String reason) {
        boolean emergency = priority == Priority.EMERGENCY;
        if (emergency) {
            requireEmergencyRole();
        }
        var why = reason(reason, emergency);
        Limits.assets(bulletinIds);
        checkLimits(title, assetIds, villageIds);
        Limits.assets(concat(bulletinIds, assetIds));
        // Before any arithmetic on it: the maximum instant would overflow the planner's milliseconds.
        Limits.instant(startsAt, clock);
        var now = clock.instant();
        var grace = graceSettings.grace();
        if (startsAt.isBefore(now.minus(grace))) {
            throw new InvalidInputException("IN_THE_PAST", "error.schedule.inThePast", "startsAt " + startsAt
                    + " is more than " + grace + " before " + now, grace.toMinutes());
        }
        return store(title, startsAt, bulletinIds, assetIds, villageIds, priority, now, why, true);
    }

    /**
     * The programme broadcasts a one-off at {@code startsAt} of the given items would meet, and
     * what the engine would do about each: those planned to start while it plays, and one still on
     * air at its start. For the form's warning before saving; nothing is refused.
     */
    @Transactional(readOnly = true)
    public List<OneOffCollision> collisions(Instant startsAt, List<Long> bulletinIds, List<Long> assetIds,
                                            Priority priority) {
        Limits.assets(concat(bulletinIds, assetIds));
        Limits.instant(startsAt, clock);
        long lengthMs = 0;
        var all = bulletins.findAll();
        for (long id : bulletinIds) {
            lengthMs += all.stream().filter(b -> b.id() == id).findFirst()
                    .flatMap(b -> library.find(b.assetId())).map(AudioAsset::durationMs).orElse(0L);
        }
        for (long id : assetIds) {
            lengthMs += library.find(id).map(AudioAsset::durationMs).orElse(0L);
        }
        var end = startsAt.plusMillis(Math.max(lengthMs, 1));
        var grace = graceSettings.grace();
        long length = lengthMs;
        // A programme lasts at most hours; a day back finds any still on air at the start.
        return schedule.plan(startsAt.minus(java.time.Duration.ofDays(1)), end).stream()
                .filter(o -> o.source() == Occurrence.Source.PROGRAMME)
                .filter(o -> o.plannedStart().plusMillis(o.nominalMs()).isAfter(startsAt))
                .map(o -> OneOffCollision.of(o, startsAt, length, priority, WAIT_SECONDS, grace))
                .toList();
    }

    /** Whether the signed-in user may order an emergency now (the header's red button is shown to them). */
    public boolean mayOrderEmergency() {
        return emergencyRights.mayOrderEmergency();
    }

    /** Whether the signed-in user may air audio that is no approved bulletin's. */
    public boolean mayAirUnapproved() {
        return CurrentUser.roles().contains(Role.ADMIN);
    }

    /** An emergency now: who may order one is a station setting, checked here rather than by a fixed role list. */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    @Audited(value = "EMERGENCY_ORDERED", target = "ONE_OFF", snapshot = "#result")
    public OneOff emergency(@Nullable String title, List<Long> assetIds, List<Long> villageIds,
                            @Nullable String reason) {
        requireEmergencyRole();
        var why = reason(reason, true);
        checkLimits(title, assetIds, villageIds);
        var now = clock.instant();
        return store(title, now, List.of(), assetIds, villageIds, Priority.EMERGENCY, now, why, false);
    }

    /** Cancelled, not deleted, so its key is never reused. Has no effect on a broadcast already logged. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "ONE_OFF_CANCELLED", target = "ONE_OFF", snapshot = "require(#id)")
    public void cancel(long id) {
        require(id);
        oneOffs.cancel(id, CurrentUser.name(), clock.instant());
        events.publishEvent(new ScheduleChanged("one-off " + id));
        events.publishEvent(new OneOffCancelled(id, CurrentUser.name()));
    }

    /** Before any lookup: each asset is looked up one by one, so their number is bounded first. */
    private static void checkLimits(@Nullable String title, List<Long> assetIds, List<Long> villageIds) {
        Limits.title(title);
        Limits.assets(assetIds);
        Limits.villages(villageIds);
    }

    private void requireEmergencyRole() {
        if (!emergencyRights.mayOrderEmergency()) {
            throw new RefusedException("FORBIDDEN", "error.oneOff.emergencyNotAllowed", CurrentUser.name()
                    + " has none of the emergency roles " + emergencyRights.emergencyRoles());
        }
    }

    /** The reason stripped, or null when none is given and none is needed. */
    private static @Nullable String reason(@Nullable String reason, boolean required) {
        var why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            if (required) {
                throw new InvalidInputException("REASON_REQUIRED", "error.oneOff.reasonRequired",
                        "An emergency needs a reason");
            }
            return null;
        }
        if (why.length() > MAX_REASON) {
            throw new InvalidInputException("REASON_TOO_LONG", "error.oneOff.reasonTooLong",
                    "reason has " + why.length() + " characters, at most " + MAX_REASON, MAX_REASON);
        }
        return why;
    }

    private OneOff store(@Nullable String title, Instant startsAt, List<Long> bulletinIds, List<Long> assetIds,
                         List<Long> villageIds, Priority priority, Instant now, @Nullable String reason,
                         boolean approvedOnly) {
        if (assetIds.isEmpty() && bulletinIds.isEmpty()) {
            throw new InvalidInputException("NO_ASSETS", "error.schedule.noAssets", "No asset given");
        }
        var day = stationTime.date(startsAt);
        // Approved and valid that day, by id; the lowest id first, so an asset two bulletins carry
        // always resolves to the same one.
        var approved = new TreeMap<Long, Bulletin>();
        bulletins.findAll().stream()
                .filter(b -> b.state() == BulletinState.APPROVED && !b.deleted() && b.validOn(day))
                .forEach(b -> approved.put(b.id(), b));
        // What is unknown first, then where, then whether it may air: the order of the answers is the API's.
        var chosen = bulletinIds.stream().map(bulletins::require).toList();
        var audio = assetIds.stream().map(this::asset).toList();
        var targets = villages.require(villageIds);
        var items = new ArrayList<AudioAsset>();
        var itemBulletins = new ArrayList<@Nullable Long>();
        for (var known : chosen) {
            var b = approved.get(known.id());
            if (b == null) {
                throw new RefusedException("UNAPPROVED_BULLETIN", "error.oneOff.unapprovedBulletin",
                        "Bulletin " + known.id() + " is not approved for " + day, known.title(),
                        StationTime.formatDate(day));
            }
            items.add(asset(b.assetId()));
            itemBulletins.add(b.id());
        }
        for (var a : audio) {
            var carrier = approved.values().stream().filter(b -> b.assetId() == a.id()).findFirst();
            if (carrier.isEmpty() && approvedOnly && !mayAirUnapproved()) {
                throw new RefusedException("UNAPPROVED_AUDIO", "error.oneOff.unapprovedAudio",
                        "Asset " + a.id() + " is the audio of no bulletin approved for that day", a.title());
            }
            items.add(a);
            itemBulletins.add(carrier.map(Bulletin::id).orElse(null));
        }
        var name = title == null || title.isBlank() ? items.getFirst().title() : title.strip();
        // Emergencies cut whatever is on air; others wait for it, for up to a minute.
        var policy = priority == Priority.EMERGENCY ? StartPolicy.CUT : StartPolicy.WAIT;
        var draft = new OneOff(0, name, startsAt, priority, policy, priority == Priority.EMERGENCY ? 0 : WAIT_SECONDS,
                items.stream().map(AudioAsset::id).toList(), itemBulletins, targets.stream().map(v -> v.id()).toList(),
                CurrentUser.name(), false, reason);
        var stored = require(oneOffs.insert(draft, now));
        events.publishEvent(new ScheduleChanged("one-off " + stored.id()));
        return stored;
    }

    private AudioAsset asset(long id) {
        return library.find(id).filter(a -> !a.retired())
                .orElseThrow(() -> new InvalidInputException("UNKNOWN_ASSET", "error.schedule.unknownAsset",
                        "No asset " + id, id));
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        var all = new ArrayList<Long>(a);
        all.addAll(b);
        return all;
    }
}
