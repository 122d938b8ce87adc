package vn.loaxa.schedule;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.security.CurrentUser;

/**
 * The queue: which approved bulletins play in a programme, on which dates, in which order. Only an
 * approved bulletin can be queued; the planner checks again on each day, so a bulletin rejected or
 * expired after queuing simply stops airing (and the plan says why).
 */
@Service
public class QueueService {

    private final QueueRepository queue;
    private final ProgrammeService programmes;
    private final BulletinService bulletins;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    QueueService(QueueRepository queue, ProgrammeService programmes, BulletinService bulletins, Clock clock,
                 ApplicationEventPublisher events) {
        this.events = events;
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
