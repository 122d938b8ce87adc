package vn.loaxa.schedule;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.bulletin.QueuedBulletins;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.security.CurrentUser;

/**
 * The queue: which approved bulletins play in a programme, on which dates, in which order. Only an
 * approved bulletin can be queued; the planner checks again on each day, so a bulletin rejected or
 * expired after queuing simply stops airing (and the plan says why).
 */
@Service
public class QueueService implements QueuedBulletins {

    /**
     * How far an entry runs by default when neither its bulletin nor its programme ends: to the end
     * of the next month. Communes plan their propaganda month by month, and an entry left to run for
     * ever would keep an old bulletin on air long after anyone remembers it.
     */
    static final int OPEN_ENDED_MONTHS = 1;

    /** The programme's longest day among the queue's coming days, against its limit. */
    public record Load(LocalDate day, long totalMs, long limitMs) {
        public boolean over() {
            return totalMs > limitMs;
        }
    }

    private final QueueRepository queue;
    private final ProgrammeService programmes;
    private final BulletinService bulletins;
    private final LibraryService library;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    QueueService(QueueRepository queue, ProgrammeService programmes, BulletinService bulletins, LibraryService library,
                 Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.library = library;
        this.queue = queue;
        this.programmes = programmes;
        this.bulletins = bulletins;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<QueueEntry> entries(long programmeId) {
        return queue.findByProgramme(programmeId);
    }

    @Transactional(readOnly = true)
    public List<QueueEntry> findAll() {
        return queue.findAll();
    }

    /**
     * The last day a new entry starting {@code from} should run: as long as the bulletin was approved
     * for, cut at the programme's own end; when both are open-ended, {@link #OPEN_ENDED_MONTHS}.
     * Never before {@code from}.
     */
    @Transactional(readOnly = true)
    public LocalDate defaultEnd(long bulletinId, long programmeId, LocalDate from) {
        var bulletin = bulletins.require(bulletinId);
        var programme = programmes.require(programmeId);
        LocalDate end = bulletin.validTo();
        if (programme.validTo() != null && (end == null || programme.validTo().isBefore(end))) {
            end = programme.validTo();
        }
        if (end == null) {
            end = from.plusMonths(OPEN_ENDED_MONTHS).with(TemporalAdjusters.lastDayOfMonth());
        }
        return end.isBefore(from) ? from : end;
    }

    /**
     * How long each entry's bulletin plays, by entry id; 0 when the bulletin was deleted or its audio
     * is gone (the planner drops those too).
     */
    @Transactional(readOnly = true)
    public Map<Long, Long> durations(List<QueueEntry> entries) {
        var assetOf = new HashMap<Long, Long>();
        bulletins.findAll().forEach(b -> assetOf.put(b.id(), b.assetId()));
        var out = new HashMap<Long, Long>();
        for (var e : entries) {
            var assetId = assetOf.get(e.bulletinId());
            out.put(e.id(), assetId == null ? 0L : asset(assetId));
        }
        return out;
    }

    /**
     * The fullest day of the programme from {@code from} on: its opening and closing plus every entry
     * that covers that day, against {@code max_length_s}. What does not fit is dropped at air time
     * from the end of the queue, so the operator must see it before then.
     */
    @Transactional(readOnly = true)
    public Load load(long programmeId, LocalDate from) {
        var programme = programmes.require(programmeId);
        var entries = queue.findByProgramme(programmeId);
        long frame = asset(programme.openingAssetId()) + asset(programme.closingAssetId());
        var durations = durations(entries);
        // The total only changes on the days an entry starts, so those are the days to look at.
        var days = new TreeSet<LocalDate>();
        days.add(from);
        entries.stream().map(QueueEntry::fromDate).filter(d -> d.isAfter(from)).forEach(days::add);
        var peak = new Load(from, frame, programme.maxLengthSeconds() * 1000L);
        for (var day : days) {
            long total = frame + entries.stream().filter(e -> e.covers(day)).mapToLong(e -> durations.get(e.id())).sum();
            if (total > peak.totalMs()) {
                peak = new Load(day, total, peak.limitMs());
            }
        }
        return peak;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<Long> queuedOnOrAfter(LocalDate day) {
        return queue.findAll().stream().filter(e -> !e.toDate().isBefore(day)).map(QueueEntry::bulletinId)
                .collect(Collectors.toSet());
    }

    private long asset(@Nullable Long id) {
        return id == null ? 0 : library.find(id).map(AudioAsset::durationMs).orElse(0L);
    }

    /** Every occurrence of the programme from {@code from} to {@code to}, inclusive, after what is queued. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "QUEUE_ENTRY_ADDED", target = "QUEUE_ENTRY", snapshot = "#result",
            name = "@bulletinService.require(#bulletinId).title()", details = "{'programme': @programmeService.require(#programmeId).name()}")
    public QueueEntry assign(long bulletinId, long programmeId, LocalDate from, LocalDate to) {
        programmes.require(programmeId);
        var bulletin = bulletins.require(bulletinId);
        if (bulletin.state() != BulletinState.APPROVED) {
            throw new InvalidInputException("NOT_APPROVED", "error.schedule.notApproved",
                    "Bulletin " + bulletinId + " is " + bulletin.state(), bulletin.title());
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("BAD_DATES", "error.schedule.badDates", "to before from");
        }
        long id = queue.append(programmeId, bulletinId, from, to, CurrentUser.name(), clock.instant());
        events.publishEvent(new ScheduleChanged("queue of programme " + programmeId));
        return queue.findById(id).orElseThrow();
    }

    /** One occurrence: the programme on {@code day}. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "QUEUE_ENTRY_ADDED", target = "QUEUE_ENTRY", snapshot = "#result",
            name = "@bulletinService.require(#bulletinId).title()", details = "{'programme': @programmeService.require(#programmeId).name()}")
    public QueueEntry assignOnce(long bulletinId, long programmeId, LocalDate day) {
        return assign(bulletinId, programmeId, day, day);
    }

    /** Moves an entry to {@code newIndex} (0-based) among its programme's entries and renumbers them. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "QUEUE_ENTRY_MOVED", target = "QUEUE_ENTRY", id = "#entryId", snapshot = "findAll().^[id() == #entryId]", name = "@bulletinService.require(#before.bulletinId()).title()")
    public List<QueueEntry> move(long entryId, int newIndex) {
        var entry = require(entryId);
        var order = new ArrayList<>(queue.findByProgramme(entry.programmeId()));
        order.removeIf(e -> e.id() == entryId);
        order.add(Math.max(0, Math.min(newIndex, order.size())), entry);
        for (int i = 0; i < order.size(); i++) {
            queue.setPosition(order.get(i).id(), i + 1);
        }
        events.publishEvent(new ScheduleChanged("queue of programme " + entry.programmeId()));
        return queue.findByProgramme(entry.programmeId());
    }

    /**
     * Moves an entry {@code by} places up (negative) or down among its programme's entries, counted
     * in the order as it is now in the database, not as a page showed it minutes ago: two operators
     * moving entries at once each get the step they asked for. The renumbering is one write
     * transaction, so a re-plan reading the queue sees the old order or the new one, never a mix.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "QUEUE_ENTRY_MOVED", target = "QUEUE_ENTRY", id = "#entryId", snapshot = "findAll().^[id() == #entryId]", name = "@bulletinService.require(#before.bulletinId()).title()")
    public List<QueueEntry> shift(long entryId, int by) {
        var entry = require(entryId);
        var order = queue.findByProgramme(entry.programmeId());
        int index = 0;
        while (order.get(index).id() != entryId) {
            index++;
        }
        return move(entryId, Math.max(0, index + by));
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "QUEUE_ENTRY_REMOVED", target = "QUEUE_ENTRY", id = "#entryId", snapshot = "findAll().^[id() == #entryId]", name = "@bulletinService.require(#before.bulletinId()).title()")
    public void remove(long entryId) {
        var entry = require(entryId);
        queue.delete(entryId);
        events.publishEvent(new ScheduleChanged("queue of programme " + entry.programmeId()));
    }

    private QueueEntry require(long id) {
        return queue.findById(id).orElseThrow(() -> new InvalidInputException("UNKNOWN_ENTRY",
                "error.api.badRequest", "No queue entry " + id));
    }
}
