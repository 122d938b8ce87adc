package vn.loaxa.schedule;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.library.LibraryService;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.station.VillageService;

/**
 * Programmes (recurring slots). Overlaps with other programmes on a shared village and day are
 * reported, not refused: the start policies decide at air time, and the UI shows the conflicts
 * before the operator saves.
 */
@Service
public class ProgrammeService {

    /** Another programme that would be on air at the same time on a shared village and day. */
    public record Conflict(long programmeId, String name, Set<DayOfWeek> days, Set<Long> villageIds,
                           LocalTime otherStart, LocalTime otherEnd) {
    }

    public record Saved(Programme programme, List<Conflict> conflicts) {
    }

    private final ProgrammeRepository programmes;
    private final VillageService villages;
    private final LibraryService library;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ProgrammeService(ProgrammeRepository programmes, VillageService villages, LibraryService library, Clock clock,
                     ApplicationEventPublisher events) {
        this.events = events;
        this.programmes = programmes;
        this.villages = villages;
        this.library = library;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Programme> findAll() {
        return programmes.findAll();
    }

    @Transactional(readOnly = true)
    public Programme require(long id) {
        return programmes.findById(id).orElseThrow(() -> new InvalidInputException("UNKNOWN_PROGRAMME",
                "error.schedule.unknownProgramme", "No programme " + id, id));
    }

    /** The enabled programmes {@code draft} would overlap; {@code editedId} is the programme being edited, if any. */
    @Transactional(readOnly = true)
    public List<Conflict> conflicts(Programme.Draft draft, @Nullable Long editedId) {
        if (!draft.enabled()) {
            return List.of();
        }
        int start = draft.startTime().toSecondOfDay();
        int end = start + draft.maxLengthSeconds();
        return programmes.findAll().stream()
                .filter(p -> p.enabled() && (editedId == null || p.id() != editedId))
                .filter(p -> datesOverlap(draft, p))
                .filter(p -> p.startTime().toSecondOfDay() < end
                        && start < p.startTime().toSecondOfDay() + p.maxLengthSeconds())
                .map(p -> {
                    var days = EnumSet.noneOf(DayOfWeek.class);
                    days.addAll(p.days());
                    days.retainAll(draft.days());
                    var shared = new HashSet<>(p.villageIds());
                    shared.retainAll(draft.villageIds());
                    return new Conflict(p.id(), p.name(), days, shared, p.startTime(),
                            p.startTime().plusSeconds(p.maxLengthSeconds()));
                })
                .filter(c -> !c.days().isEmpty() && !c.villageIds().isEmpty())
                .toList();
    }

    /** Where a new programme's form starts looking for a free time: the usual morning slot. */
    public static final LocalTime FIRST_SLOT = LocalTime.of(5, 30);
    private static final int STEP_MINUTES = 15;

    /**
     * The first start time from {@link #FIRST_SLOT} on, in quarter hours through the day, at which
     * {@code draft} overlaps no enabled programme; {@link #FIRST_SLOT} when the day is full. A new
     * programme's form opens there rather than on top of the morning slot.
     */
    @Transactional(readOnly = true)
    public LocalTime freeStart(Programme.Draft draft, @Nullable Long editedId) {
        for (int m = 0; m < 24 * 60; m += STEP_MINUTES) {
            var at = FIRST_SLOT.plusMinutes(m);
            var candidate = new Programme.Draft(draft.name(), draft.days(), at, draft.validFrom(), draft.validTo(),
                    draft.maxLengthSeconds(), draft.priority(), draft.startPolicy(), draft.waitSeconds(),
                    draft.openingAssetId(), draft.closingAssetId(), draft.villageIds(), true);
            // Running past midnight would be a different day's slot: not offered.
            if (at.toSecondOfDay() + draft.maxLengthSeconds() <= 24 * 3600 && conflicts(candidate, editedId).isEmpty()) {
                return at;
            }
        }
        return FIRST_SLOT;
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "PROGRAMME_CREATED", target = "PROGRAMME", snapshot = "#result?.programme()")
    public Saved create(Programme.Draft draft) {
        check(draft);
        var now = clock.instant();
        long id = programmes.insert(draft, now, CurrentUser.name(), now);
        events.publishEvent(new ScheduleChanged("programme " + id));
        return new Saved(require(id), conflicts(draft, id));
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "PROGRAMME_UPDATED", target = "PROGRAMME", snapshot = "require(#id)")
    public Saved update(long id, Programme.Draft draft) {
        var before = require(id);
        check(draft);
        var now = clock.instant();
        // Re-enabling starts a fresh life: the days it was off are not "missed".
        var activeSince = draft.enabled() && !before.enabled() ? now : before.activeSince();
        programmes.update(id, draft, activeSince, now);
        events.publishEvent(new ScheduleChanged("programme " + id));
        return new Saved(require(id), conflicts(draft, id));
    }

    /** Removes the programme and its queue; what it aired stays in the air log, copied. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "PROGRAMME_DELETED", target = "PROGRAMME", snapshot = "require(#id)")
    public void delete(long id) {
        require(id);
        programmes.delete(id);
        events.publishEvent(new ScheduleChanged("programme " + id));
    }

    private static boolean datesOverlap(Programme.Draft d, Programme p) {
        boolean dEndsBefore = d.validTo() != null && d.validTo().isBefore(p.validFrom());
        boolean pEndsBefore = p.validTo() != null && p.validTo().isBefore(d.validFrom());
        return !dEndsBefore && !pEndsBefore;
    }

    private void check(Programme.Draft d) {
        Limits.title(d.name());
        Limits.villages(d.villageIds());
        if (d.name().isBlank() || d.days().isEmpty() || d.maxLengthSeconds() <= 0 || d.waitSeconds() < 0) {
            throw new InvalidInputException("BAD_PROGRAMME", "error.schedule.badProgramme",
                    "A programme needs a name, at least one day, a positive length and a wait >= 0");
        }
        if (d.validTo() != null && d.validTo().isBefore(d.validFrom())) {
            throw new InvalidInputException("BAD_DATES", "error.schedule.badDates", "validTo before validFrom");
        }
        villages.require(d.villageIds());
        for (var asset : new Long[] {d.openingAssetId(), d.closingAssetId()}) {
            if (asset != null && library.find(asset).filter(a -> !a.retired()).isEmpty()) {
                throw new InvalidInputException("UNKNOWN_ASSET", "error.schedule.unknownAsset", "No asset " + asset,
                        asset);
            }
        }
    }
}
