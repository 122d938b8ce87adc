package vn.loaxa.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.audit.AuditRecords.Entry;
import vn.loaxa.audit.AuditRecords.Logged;
import vn.loaxa.audit.AuditRecords.Page;
import vn.loaxa.audit.AuditRecords.Query;
import vn.loaxa.base.HashChain;

/**
 * Appends to the audit trail and reads it back. A row is chained inside the write transaction that
 * appends it (the head read and the insert hold SQLite's write lock together, so two appends never
 * take the same place), normally the transaction of the change itself. A write transaction holds
 * the lock for milliseconds and queues at the station's write gate behind the playout engine
 * (decision 0011), so auditing never delays a broadcast.
 */
@Service
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditRepository rows;
    private final TransactionTemplate writes;
    private final Clock clock;
    /** Rows of changes already made that could not be written at once (database busy); written by {@link #retrier}. */
    private final LinkedBlockingQueue<Entry> waiting = new LinkedBlockingQueue<>();
    /** Rows handed to the retrier and not written yet, the one it is trying included. */
    private final AtomicInteger unwritten = new AtomicInteger();
    private final Thread retrier;
    private volatile boolean running = true;

    AuditTrail(AuditRepository rows, PlatformTransactionManager transactions, Clock clock) {
        this.rows = rows;
        this.writes = new TransactionTemplate(transactions);
        this.clock = clock;
        this.retrier = Thread.ofPlatform().daemon().name("loaxa-audit-retry").unstarted(this::retryLoop);
        retrier.start();
    }

    /**
     * Appends {@code entry} in the write transaction open on this thread, so it commits or rolls back
     * with the change; without one, in a transaction of its own.
     */
    public void append(Entry entry) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            appendHere(entry);
        } else {
            writes.executeWithoutResult(status -> appendHere(entry));
        }
    }

    /**
     * For a change already committed on its own (an upload, a file import, a test tone): the row is
     * written now, or, if the database cannot take it now, as soon as it can, by a writer that keeps
     * trying; the person's change is done and is not reported as failed.
     */
    void appendAfter(Entry entry) {
        try {
            append(entry);
        } catch (RuntimeException e) {
            log.warn("Audit row {} by {} could not be written now ({}); writing it as soon as the database can",
                    entry.action(), entry.actor(), e.getMessage());
            unwritten.incrementAndGet();
            waiting.add(entry);
        }
    }

    private void appendHere(Entry entry) {
        var head = rows.head();
        rows.insert(AuditRow.chained(entry, clock.millis(), head.map(AuditRepository.Head::seq).orElse(0L) + 1,
                head.map(AuditRepository.Head::hash).orElse(HashChain.GENESIS)));
    }

    private void retryLoop() {
        long backoffMs = 200;
        while (running) {
            Entry entry;
            try {
                entry = waiting.take();
            } catch (InterruptedException e) {
                return;
            }
            while (running) {
                try {
                    writes.executeWithoutResult(status -> appendHere(entry));
                    unwritten.decrementAndGet();
                    log.info("Audit row {} by {} written now that the database takes it", entry.action(),
                            entry.actor());
                    backoffMs = 200;
                    break;
                } catch (RuntimeException e) {
                    try {
                        Thread.sleep(backoffMs);
                    } catch (InterruptedException stop) {
                        waiting.add(entry);
                        return;
                    }
                    backoffMs = Math.min(backoffMs * 2, 5_000);
                }
            }
        }
    }

    /** Waits until rows that had to wait are written; false on timeout. */
    boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (unwritten.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @PreDestroy
    void close() throws InterruptedException {
        drain(Duration.ofSeconds(5));
        running = false;
        retrier.interrupt();
        retrier.join(2_000);
        for (var lost : waiting) {
            // The station stops without the database: at least the station's log keeps the row.
            log.error("Audit row never written: {}", lost);
        }
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'REPORTER')")
    public Page query(Query q) {
        return new Page(rows.find(q), rows.count(q), q.page(), q.size());
    }

    /** Every row of {@code [from, to)}, oldest first, for exports. */
    @PreAuthorize("hasAnyRole('ADMIN', 'REPORTER')")
    public List<Logged> all(Instant from, Instant to) {
        return rows.find(new Query(from, to, null, null, null, 0, Integer.MAX_VALUE));
    }

    /** Walks the whole chain; names the first row whose content or link no longer matches. */
    @PreAuthorize("hasAnyRole('ADMIN', 'REPORTER')")
    public HashChain.Check verify() {
        var walk = new HashChain.Walk<AuditRow>();
        rows.forEachInOrder(walk);
        return walk.result();
    }

    /** Walks the trail's chain in another copy of the station database (a backup), without a running station. */
    public static HashChain.Check verifyCopy(javax.sql.DataSource copy) {
        var walk = new HashChain.Walk<AuditRow>();
        new AuditRepository(org.springframework.jdbc.core.simple.JdbcClient.create(copy)).forEachInOrder(walk);
        return walk.result();
    }

    /** Who appears in the trail, for the view's filter. */
    @PreAuthorize("hasAnyRole('ADMIN', 'REPORTER')")
    public List<String> actors() {
        return rows.actors();
    }

    /** Which actions appear in the trail, for the view's filter. */
    @PreAuthorize("hasAnyRole('ADMIN', 'REPORTER')")
    public List<String> actions() {
        return rows.actions();
    }
}
