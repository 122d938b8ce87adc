package vn.loaxa.airlog;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.LoggedBroadcast;
import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogRecords.Page;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogRecords.Query;
import vn.loaxa.airlog.AirLogRecords.Started;
import vn.loaxa.airlog.AirLogRecords.Verification;

/**
 * Appends to the air log and reads it back. Appends go through one lock and one short transaction
 * each, so the chain has a single writer and every append is committed (with synchronous=FULL: on
 * disk) when the method returns; that is why a caller must not be inside a transaction of its own.
 * Writes take no user: the engine writes them, and no API or UI path writes, updates or deletes.
 */
@Service
public class AirLogService {

    private final AirLogRepository log;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ReentrantLock writer = new ReentrantLock(true);

    AirLogService(AirLogRepository log, PlatformTransactionManager transactionManager, Clock clock) {
        this.log = log;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Record a start before the first sample plays; the returned handle names it for items and end. */
    public Started broadcastStarted(BroadcastStart s) {
        var row = new LogRow(0, "START", 0, null, s.occurrenceKey(), s.title(), s.plannedStart().toEpochMilli(),
                s.actualStart().toEpochMilli(), null, s.nominalMs(), null, AirLogRepository.villageIds(s.villageIds()),
                String.join(", ", s.villageNames()), s.priority().name(), s.trigger().name(), s.triggeredBy(), null,
                null, null, null, null, null, null, null, null, "", "");
        return new Started(append(row, null).seq(), s.occurrenceKey());
    }

    public void itemPlayed(Started broadcast, PlayedItem i) {
        if (!i.outcome().aired()) {
            throw new IllegalArgumentException("An item of a started broadcast cannot be " + i.outcome());
        }
        append(new LogRow(0, "ITEM", 0, broadcast.seq(), broadcast.occurrenceKey(), i.title(), null, null, null,
                i.nominalMs(), i.actualMs(), null, null, null, null, null, i.outcome().name(), null,
                (long) i.position(), i.kind(), i.topicCode(), i.topicName(), i.assetId(), i.bulletinId(), i.sha256(),
                "", ""), broadcast);
    }

    /** The end is a new row referring to the start; the start row is never touched. */
    public void broadcastEnded(Started broadcast, BroadcastEnd e) {
        if (!e.outcome().aired()) {
            throw new IllegalArgumentException("A started broadcast cannot end " + e.outcome());
        }
        append(new LogRow(0, "END", 0, broadcast.seq(), broadcast.occurrenceKey(), null, null, null,
                e.actualEnd().toEpochMilli(), null, e.actualMs(), null, null, null, null, null, e.outcome().name(),
                e.reason(), null, null, null, null, null, null, null, "", ""), broadcast);
    }

    /** An occurrence that will never start: MISSED (station down, clock jump) or SKIPPED (start policy). */
    public void notAired(NotAired n) {
        if (n.outcome().aired()) {
            throw new IllegalArgumentException("Not aired means MISSED or SKIPPED, not " + n.outcome());
        }
        append(new LogRow(0, "NOT_AIRED", 0, null, n.occurrenceKey(), n.title(), n.plannedStart().toEpochMilli(),
                null, null, n.nominalMs(), null, AirLogRepository.villageIds(n.villageIds()),
                String.join(", ", n.villageNames()), n.priority().name(), n.trigger().name(), n.triggeredBy(),
                n.outcome().name(), n.reason(), null, null, null, null, null, null, null, "", ""), null);
    }

    /** Walks the whole chain; names the first row whose content or link no longer matches. */
    public Verification verify() {
        var walk = new ChainWalk();
        log.forEachInOrder(walk);
        return walk.result();
    }

    /** Which of these occurrence keys already started or were declared not aired: they never play again. */
    public Set<String> loggedKeys(Collection<String> keys) {
        return keys.isEmpty() ? Set.of() : log.loggedKeys(keys);
    }

    /** The newest planned start in the log: where the engine resumes planning after a restart. */
    public Optional<Instant> newestPlannedStart() {
        return log.newestPlannedStart();
    }

    /** The planned start written in a START or NOT_AIRED row, to find it again with {@link #query}. */
    public Optional<Instant> plannedStartOf(long seq) {
        return log.plannedStartOf(seq);
    }

    /** Broadcasts that started and have no end (the station stopped while they played). */
    public List<Started> unfinished() {
        return log.unfinished();
    }

    public Page query(Query q) {
        return new Page(log.broadcasts(q), log.count(q), q.page(), q.size());
    }

    /** Everything planned in {@code [from, to)}, for exports. */
    public List<LoggedBroadcast> all(Instant from, Instant to) {
        return log.broadcasts(new Query(from, to, null, null, null, 0, Integer.MAX_VALUE));
    }

    private LogRow append(LogRow content, @Nullable Started broadcast) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The air log commits its own rows; call it outside a transaction");
        }
        writer.lock();
        try {
            return transactions.execute(status -> {
                if (broadcast != null && !log.startKey(broadcast.seq()).map(broadcast.occurrenceKey()::equals)
                        .orElse(false)) {
                    throw new IllegalArgumentException("No started broadcast " + broadcast);
                }
                // The unique indexes refuse these too; checking first gives the caller a clear exception.
                if (log.alreadyLogged(content.kind(), content.occurrenceKey(), content.startSeq())) {
                    throw new IllegalStateException("Already in the air log: " + content.kind() + " "
                            + content.occurrenceKey());
                }
                var head = log.head();
                var row = withTime(content).chained(head.map(h -> h.seq() + 1).orElse(1L),
                        head.map(AirLogRepository.Head::hash).orElse(LogRow.GENESIS));
                log.insert(row);
                return row;
            });
        } finally {
            writer.unlock();
        }
    }

    private LogRow withTime(LogRow r) {
        return new LogRow(0, r.kind(), clock.millis(), r.startSeq(), r.occurrenceKey(), r.title(), r.plannedStartMs(),
                r.actualStartMs(), r.actualEndMs(), r.nominalMs(), r.actualMs(), r.villageIds(), r.villageNames(),
                r.priority(), r.triggerKind(), r.triggeredBy(), r.outcome(), r.reason(), r.itemPosition(),
                r.itemKind(), r.topicCode(), r.topicName(), r.assetId(), r.bulletinId(), r.assetSha256(), "", "");
    }
}
