package vn.loaxa.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
import vn.loaxa.bulletin.BulletinService;
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

    OneOffService(OneOffRepository oneOffs, LibraryService library, VillageService villages, BulletinService bulletins,
                  EmergencyRights emergencyRights, GraceSettings graceSettings, Clock clock, ApplicationEventPublisher events,
                  StationTime stationTime) {
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
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "ONE_OFF_SCHEDULED", target = "ONE_OFF", snapshot = "#result")
    public OneOff schedule(@Nullable String title, Instant startsAt, List<Long> assetIds, List<Long> villageIds,
                           Priority priority, @Nullable String reason) {
        boolean emergency = priority == Priority.EMERGENCY;
        if (emergency) {
            requireEmergencyRole();
        }
        var why = reason(reason, emergency);
        checkLimits(title, assetIds, villageIds);
        // Before any arithmetic on it: the maximum instant would overflow the planner's milliseconds.
        Limits.instant(startsAt, clock);
        var now = clock.instant();
        var grace = graceSettings.grace();
        if (startsAt.isBefore(now.minus(grace))) {
            throw new InvalidInputException("IN_THE_PAST", "error.schedule.inThePast", "startsAt " + startsAt
                    + " is more than " + grace + " before " + now, grace.toMinutes());
        }
        return store(title, startsAt, assetIds, villageIds, priority, now, why, true);
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
        return store(title, now, assetIds, villageIds, Priority.EMERGENCY, now, why, false);
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

    private OneOff store(@Nullable String title, Instant startsAt, List<Long> assetIds, List<Long> villageIds,
                         Priority priority, Instant now, @Nullable String reason, boolean approvedOnly) {
        if (assetIds.isEmpty()) {
            throw new InvalidInputException("NO_ASSETS", "error.schedule.noAssets", "No asset given");
        }
        var assets = assetIds.stream().map(id -> library.find(id).filter(a -> !a.retired())
                .orElseThrow(() -> new InvalidInputException("UNKNOWN_ASSET", "error.schedule.unknownAsset",
                        "No asset " + id, id))).toList();
        var targets = villages.require(villageIds);
        if (approvedOnly && !mayAirUnapproved()) {
            var approved = bulletins.approvedAssets(stationTime.date(startsAt));
            for (var a : assets) {
                if (!approved.contains(a.id())) {
                    throw new RefusedException("UNAPPROVED_AUDIO", "error.oneOff.unapprovedAudio",
                            "Asset " + a.id() + " is the audio of no bulletin approved for that day", a.title());
                }
            }
        }
        var name = title == null || title.isBlank() ? assets.stream().map(AudioAsset::title).findFirst().orElseThrow()
                : title.strip();
        // Emergencies cut whatever is on air; others wait for it, for up to a minute.
        var policy = priority == Priority.EMERGENCY ? StartPolicy.CUT : StartPolicy.WAIT;
        var draft = new OneOff(0, name, startsAt, priority, policy, priority == Priority.EMERGENCY ? 0 : 60,
                assetIds, targets.stream().map(v -> v.id()).toList(), CurrentUser.name(), false, reason);
        var stored = require(oneOffs.insert(draft, now));
        events.publishEvent(new ScheduleChanged("one-off " + stored.id()));
        return stored;
    }
}
