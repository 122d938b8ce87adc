package vn.loaxa.airlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.LoggedBroadcast;
import vn.loaxa.airlog.AirLogRecords.LoggedSwitch;
import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogRecords.Page;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogRecords.Query;
import vn.loaxa.airlog.AirLogRecords.Started;
import vn.loaxa.airlog.AirLogRecords.Verification;
import vn.loaxa.airlog.AirLogRecords.VillageSwitch;
import vn.loaxa.base.DatabaseLane;
import vn.loaxa.base.HashChain;
import vn.loaxa.base.StationProperties;

/**
 * Appends to the air log and reads it back. Rows are chained in memory by one writer lock, forced
 * into the air log journal ({@link AirLogJournal}) before an append returns, and then committed to
 * the database in order by a writer thread of the engine lane, which retries until each lands. So
 * the engine never waits for the database: a broadcast's START is on disk before its first sample
 * whatever the database is doing, a busy or full database delays rows but loses none, and a kill
 * -9 loses nothing that an append returned. {@link #backlog()} says when rows are waiting.
 * Writes take no user: the engine writes them, and no API or UI path writes, updates or deletes.
 */
@Service
public class AirLogService {

    /** Rows written to the journal that the database does not hold yet. */
    public record Backlog(int rows, @Nullable Instant oldest, @Nullable String problem) {
    }

    private static final org.slf4j.Logger logger = LoggerFactory.getLogger(AirLogService.class);
    private static final int BATCH = 500;
    /** The journal is zeroed once the database has caught up and it holds this much. */
    private static final long CLEAR_AFTER_BYTES = 256 * 1024;

    private final AirLogRepository log;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Path journalFile;
    private final ReentrantLock chain = new ReentrantLock(true);
    private final Condition hasWork = chain.newCondition();
    private final Condition written = chain.newCondition();
    /** Chained rows not yet committed, in order; guarded by {@link #chain}. */
    private final ArrayDeque<LogRow> pending = new ArrayDeque<>();
    private @Nullable AirLogJournal journal;
    private long headSeq;
    private String headHash = LogRow.GENESIS;
    private volatile @Nullable String problem;
    private volatile boolean running = true;
    private @Nullable Thread writer;

    @Autowired
    AirLogService(AirLogRepository log, PlatformTransactionManager transactionManager, StationProperties station,
                  Clock clock) {
        this(log, transactionManager, station.dataDir().resolve("airlog.journal"), clock);
    }

    AirLogService(AirLogRepository log, PlatformTransactionManager transactionManager, Path journalFile, Clock clock) {
        this.log = log;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.journalFile = journalFile;
    }

    /**
     * Opens the journal and carries into the database what an earlier run wrote there but could not
     * commit (a kill -9, a full disk), then starts the writer.
     */
    @PostConstruct
    void open() {
        chain.lock();
        try {
            var head = DatabaseLane.engine(log::head);
            headSeq = head.map(AirLogRepository.Head::seq).orElse(0L);
            headHash = head.map(AirLogRepository.Head::hash).orElse(LogRow.GENESIS);
            try {
                journal = AirLogJournal.open(journalFile, AirLogJournal.DEFAULT_SIZE);
                adoptJournal(journal.rows());
            } catch (IOException e) {
                problem = "JOURNAL: " + e.getMessage();
                logger.error("The air log journal {} cannot be opened; rows go to the database only", journalFile, e);
            }
        } finally {
            chain.unlock();
        }
        var thread = new Thread(this::writeLoop, "loaxa-airlog-writer");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY - 1);
        writer = thread;
        thread.start();
    }

    private void adoptJournal(List<LogRow> rows) {
        var newer = rows.stream().filter(r -> r.seq() > headSeq).toList();
        if (newer.isEmpty()) {
            return;
        }
        if (newer.getFirst().seq() != headSeq + 1 || !newer.getFirst().prevHash().equals(headHash)) {
            // Not the continuation of this database (a database restored from an older backup with
            // rows lost that the journal cannot link to): keep the file for a person, start clean.
            var aside = journalFile.resolveSibling(journalFile.getFileName() + ".unlinked-" + clock.millis());
            problem = "JOURNAL_UNLINKED: " + newer.size() + " journal rows do not continue the database; kept in "
                    + aside.getFileName();
            logger.error("Air log journal rows {}..{} do not continue the database head {}; moved to {}",
                    newer.getFirst().seq(), newer.getLast().seq(), headSeq, aside);
            try {
                journal.close();
                Files.move(journalFile, aside);
                journal = AirLogJournal.open(journalFile, AirLogJournal.DEFAULT_SIZE);
            } catch (IOException e) {
                journal = null;
                logger.error("Could not set the air log journal aside", e);
            }
            return;
        }
        logger.warn("Air log journal holds {} row(s) the database does not have (seq {}..{}); writing them now",
                newer.size(), newer.getFirst().seq(), newer.getLast().seq());
        pending.addAll(newer);
        headSeq = newer.getLast().seq();
        headHash = newer.getLast().rowHash();
    }

    /** Record a start before the first sample plays; the returned handle names it for items and end. */
    public Started broadcastStarted(BroadcastStart s) {
        return new Started(append(LogRow.start(s), null).seq(), s.occurrenceKey());
    }

    public void itemPlayed(Started broadcast, PlayedItem i) {
        // SKIPPED is an item a person skipped on air (decision 0030); an item is never MISSED.
        if (i.outcome() == Outcome.MISSED || i.outcome() == Outcome.SKIPPED && i.by() == null) {
            throw new IllegalArgumentException("An item of a started broadcast cannot be " + i.outcome());
        }
        append(LogRow.item(broadcast, i), broadcast);
    }

    /** The end is a new row referring to the start; the start row is never touched. */
    public void broadcastEnded(Started broadcast, BroadcastEnd e) {
        if (!e.outcome().aired()) {
            throw new IllegalArgumentException("A started broadcast cannot end " + e.outcome());
        }
        append(LogRow.end(broadcast, e), broadcast);
    }

    /** An occurrence that will never start: MISSED (station down, clock jump) or SKIPPED (start policy). */
    public void notAired(NotAired n) {
        append(LogRow.notAired(n), null);
    }

    /**
     * A village switched on or off: written when the driver has answered, after the broadcast's
     * START (which it refers to) and never instead of any of its rows.
     */
    public void villageSwitched(VillageSwitch v) {
        Started broadcast = v.startSeq() == null ? null : new Started(v.startSeq(), v.occurrenceKey());
        append(LogRow.villageSwitch(v), broadcast);
    }

    /** VILLAGE rows of broadcasts (and village tests) planned in {@code [from, to)}, in log order. */
    public List<LoggedSwitch> villageSwitches(Instant from, Instant to) {
        var found = new ArrayList<>(log.villageSwitches(from.toEpochMilli(), to.toEpochMilli()));
        chain.lock();
        try {
            long last = found.isEmpty() ? 0 : found.getLast().seq();
            pending.stream().filter(r -> r.kind().equals("VILLAGE") && r.seq() > last && r.plannedStartMs() != null
                            && r.plannedStartMs() >= from.toEpochMilli() && r.plannedStartMs() < to.toEpochMilli())
                    .map(AirLogRepository::villageSwitch).forEach(found::add);
        } finally {
            chain.unlock();
        }
        return found;
    }

    /** Walks the whole chain; names the first row whose content or link no longer matches. */
    public Verification verify() {
        var walk = new HashChain.Walk<LogRow>();
        log.forEachInOrder(walk);
        var r = walk.result();
        return new Verification(r.intact(), r.checkedRows(), r.firstBadRow(), r.problem(), r.headHash());
    }

    /**
     * Walks the chain of another copy of the station database (a backup), read through the given
     * data source: the same check as {@link #verify()}, without a running station.
     */
    public static Verification verifyCopy(javax.sql.DataSource copy) {
        var walk = new HashChain.Walk<LogRow>();
        new AirLogRepository(org.springframework.jdbc.core.simple.JdbcClient.create(copy)).forEachInOrder(walk);
        var r = walk.result();
        return new Verification(r.intact(), r.checkedRows(), r.firstBadRow(), r.problem(), r.headHash());
    }

    /** Which of these occurrence keys already started or were declared not aired: they never play again. */
    public Set<String> loggedKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        // Pending rows first: a row leaves them only once committed, so read in this order it is
        // seen in one place or the other, never missed between the two.
        var found = new HashSet<String>();
        chain.lock();
        try {
            pending.stream().filter(r -> r.kind().equals("START") || r.kind().equals("NOT_AIRED"))
                    .map(LogRow::occurrenceKey).filter(keys::contains).forEach(found::add);
        } finally {
            chain.unlock();
        }
        found.addAll(log.loggedKeys(keys));
        return found;
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
        // Read at start-up, once the journal's rows are flushed, so nothing moves between the two reads.
        var open = new ArrayList<>(log.unfinished());
        chain.lock();
        try {
            for (var r : pending) {
                if (r.kind().equals("START")) {
                    open.add(new Started(r.seq(), r.occurrenceKey()));
                } else if (r.kind().equals("END")) {
                    open.removeIf(s -> s.seq() == r.startSeq());
                }
            }
        } finally {
            chain.unlock();
        }
        return open;
    }

    public Page query(Query q) {
        return new Page(log.broadcasts(q), log.count(q), q.page(), q.size());
    }

    /** Everything planned in {@code [from, to)}, for exports. */
    public List<LoggedBroadcast> all(Instant from, Instant to) {
        return log.broadcasts(new Query(from, to, null, null, null, 0, Integer.MAX_VALUE));
    }

    /** Rows waiting for the database, and why, for the dashboard's alert. */
    public Backlog backlog() {
        chain.lock();
        try {
            var oldest = pending.peekFirst();
            return new Backlog(pending.size(), oldest == null ? null : Instant.ofEpochMilli(oldest.recordedAtMs()),
                    problem);
        } finally {
            chain.unlock();
        }
    }

    /** Waits until the database holds every row appended so far; false on timeout. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        chain.lock();
        try {
            while (!pending.isEmpty()) {
                if (left <= 0) {
                    return false;
                }
                left = written.awaitNanos(left);
            }
            return true;
        } finally {
            chain.unlock();
        }
    }

    private LogRow append(LogRow content, @Nullable Started broadcast) {
        chain.lock();
        try {
            if (broadcast != null && !isStart(broadcast)) {
                throw new IllegalArgumentException("No started broadcast " + broadcast);
            }
            // The unique indexes refuse these too, but a row the database refuses would block the
            // rows chained after it: it must never be chained.
            if (alreadyLogged(content)) {
                throw new IllegalStateException("Already in the air log: " + content.kind() + " "
                        + content.occurrenceKey());
            }
            var row = content.stamped(clock.millis()).chained(headSeq + 1, headHash);
            if (journal != null) {
                try {
                    journal.append(row);
                } catch (IOException e) {
                    problem = "JOURNAL: " + e.getMessage();
                    logger.error("Air log row {} could not be forced to the journal; it waits in memory", row.seq(), e);
                }
            }
            pending.addLast(row);
            headSeq = row.seq();
            headHash = row.rowHash();
            hasWork.signalAll();
            return row;
        } finally {
            chain.unlock();
        }
    }

    private boolean isStart(Started broadcast) {
        for (var r : pending) {
            if (r.seq() == broadcast.seq()) {
                return r.kind().equals("START") && r.occurrenceKey().equals(broadcast.occurrenceKey());
            }
        }
        return DatabaseLane.engine(() -> log.startKey(broadcast.seq())).map(broadcast.occurrenceKey()::equals)
                .orElse(false);
    }

    private boolean alreadyLogged(LogRow content) {
        for (var r : pending) {
            if (sameSlot(r, content)) {
                return true;
            }
        }
        return DatabaseLane.engine(() -> log.alreadyLogged(content));
    }

    private static boolean sameSlot(LogRow a, LogRow b) {
        return switch (b.kind()) {
            case "START", "NOT_AIRED" -> (a.kind().equals("START") || a.kind().equals("NOT_AIRED"))
                    && a.occurrenceKey().equals(b.occurrenceKey());
            case "END" -> a.kind().equals("END") && java.util.Objects.equals(a.startSeq(), b.startSeq());
            case "VILLAGE" -> a.kind().equals("VILLAGE") && a.occurrenceKey().equals(b.occurrenceKey())
                    && java.util.Objects.equals(a.villageIds(), b.villageIds())
                    && java.util.Objects.equals(a.itemKind(), b.itemKind());
            default -> false;
        };
    }

    /** Commits pending rows in order, in batches; on failure waits and tries the same rows again. */
    private void writeLoop() {
        long backoffMs = 100;
        while (running) {
            List<LogRow> batch;
            chain.lock();
            try {
                while (pending.isEmpty() && running) {
                    hasWork.await();
                }
                batch = pending.stream().limit(BATCH).toList();
            } catch (InterruptedException e) {
                return;
            } finally {
                chain.unlock();
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                DatabaseLane.engine(() -> transactions.executeWithoutResult(status -> insert(batch)));
                committed(batch.size());
                backoffMs = 100;
            } catch (RuntimeException e) {
                if (problem == null || !problem.startsWith("DATABASE")) {
                    logger.error("Air log rows {}..{} could not be committed; retrying until they are",
                            batch.getFirst().seq(), batch.getLast().seq(), e);
                }
                problem = "DATABASE: " + rootMessage(e);
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException stop) {
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    private void insert(List<LogRow> batch) {
        long inDatabase = log.head().map(AirLogRepository.Head::seq).orElse(0L);
        for (var row : batch) {
            // A row committed just before a crash is still in the journal: it is not written twice.
            if (row.seq() > inDatabase) {
                log.insert(row);
            }
        }
    }

    private void committed(int rows) {
        chain.lock();
        try {
            for (int i = 0; i < rows; i++) {
                pending.pollFirst();
            }
            if (pending.isEmpty()) {
                if (problem != null && problem.startsWith("DATABASE")) {
                    logger.info("Air log rows are committed again; the database caught up");
                    problem = null;
                }
                clearJournalIfLarge();
                written.signalAll();
            }
        } finally {
            chain.unlock();
        }
    }

    private void clearJournalIfLarge() {
        if (journal != null && journal.used() > CLEAR_AFTER_BYTES) {
            try {
                journal.clear();
            } catch (IOException e) {
                // Harmless: the rows in it are in the database and are skipped when read again.
                logger.warn("Could not clear the air log journal: {}", e.getMessage());
            }
        }
    }

    private static String rootMessage(Throwable e) {
        var root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Stops the writer at once without flushing, as kill -9 would: for tests of recovery from the journal. */
    void abandon() {
        running = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (journal != null) {
                journal.close();
            }
        } catch (IOException e) {
            logger.warn("Closing the journal: {}", e.getMessage());
        }
    }

    /** A clean stop lets the writer finish (the journal would carry the rest to the next start anyway). */
    @PreDestroy
    void close() throws InterruptedException, IOException {
        flush(Duration.ofSeconds(5));
        running = false;
        if (writer != null) {
            writer.interrupt();
            writer.join(2_000);
        }
        if (journal != null) {
            journal.close();
        }
    }
}
