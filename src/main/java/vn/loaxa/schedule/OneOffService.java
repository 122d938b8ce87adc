package vn.loaxa.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.station.StationSettings;
import vn.loaxa.station.VillageService;

/**
 * One-off broadcasts, and emergencies (a one-off at "now" with EMERGENCY priority). This only
 * stores them; the engine plans and fires them like any other occurrence, under the key O<id>.
 * An emergency may also be ordered by commune leadership (APPROVER): a storm warning cannot wait
 * for an operator.
 */
@Service
public class OneOffService {

    private final OneOffRepository oneOffs;
    private final LibraryService library;
    private final VillageService villages;
    /** The grace window is read each time: an admin may change it in the settings. */
    private final StationSettings stationSettings;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    OneOffService(OneOffRepository oneOffs, LibraryService library, VillageService villages, StationSettings stationSettings,
                  Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.oneOffs = oneOffs;
        this.library = library;
        this.villages = villages;
        this.stationSettings = stationSettings;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public OneOff require(long id) {
        return oneOffs.findById(id).orElseThrow(() -> new InvalidInputException("UNKNOWN_ONE_OFF",
                "error.api.badRequest", "No one-off broadcast " + id));
    }

    @Transactional(readOnly = true)
    public List<OneOff> findBetween(Instant from, Instant to) {
        return oneOffs.findBetween(from, to);
    }

    /** A broadcast at {@code startsAt}; no more than the grace window in the past, since it would be missed. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "ONE_OFF_SCHEDULED", target = "ONE_OFF", snapshot = "#result")
    public OneOff schedule(@Nullable String title, Instant startsAt, List<Long> assetIds, List<Long> villageIds,
                           Priority priority) {
        var now = clock.instant();
        var grace = stationSettings.grace();
        if (startsAt.isBefore(now.minus(grace))) {
            throw new InvalidInputException("IN_THE_PAST", "error.schedule.inThePast", "startsAt " + startsAt
                    + " is more than " + grace + " before " + now, grace.toMinutes());
        }
        return store(title, startsAt, assetIds, villageIds, priority, now);
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'APPROVER')")
    @Audited(value = "EMERGENCY_ORDERED", target = "ONE_OFF", snapshot = "#result")
    public OneOff emergency(@Nullable String title, List<Long> assetIds, List<Long> villageIds) {
        var now = clock.instant();
        return store(title, now, assetIds, villageIds, Priority.EMERGENCY, now);
    }

    /** Cancelled, not deleted, so its key is never reused. Has no effect on a broadcast already logged. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "ONE_OFF_CANCELLED", target = "ONE_OFF", snapshot = "require(#id)")
    public void cancel(long id) {
        require(id);
        oneOffs.cancel(id, CurrentUser.name(), clock.instant());
        events.publishEvent(new ScheduleChanged("one-off " + id));
    }

    private OneOff store(@Nullable String title, Instant startsAt, List<Long> assetIds, List<Long> villageIds,
                         Priority priority, Instant now) {
        if (assetIds.isEmpty()) {
            throw new InvalidInputException("NO_ASSETS", "error.schedule.noAssets", "No asset given");
        }
        var assets = assetIds.stream().map(id -> library.find(id).filter(a -> !a.retired())
                .orElseThrow(() -> new InvalidInputException("UNKNOWN_ASSET", "error.schedule.unknownAsset",
                        "No asset " + id, id))).toList();
        var targets = villages.require(villageIds);
        var name = title == null || title.isBlank() ? assets.stream().map(AudioAsset::title).findFirst().orElseThrow()
                : title.strip();
        // Emergencies cut whatever is on air; others wait for it, for up to a minute.
        var policy = priority == Priority.EMERGENCY ? StartPolicy.CUT : StartPolicy.WAIT;
        var draft = new OneOff(0, name, startsAt, priority, policy, priority == Priority.EMERGENCY ? 0 : 60,
                assetIds, targets.stream().map(v -> v.id()).toList(), CurrentUser.name(), false);
        var stored = require(oneOffs.insert(draft, now));
        events.publishEvent(new ScheduleChanged("one-off " + stored.id()));
        return stored;
    }
}
