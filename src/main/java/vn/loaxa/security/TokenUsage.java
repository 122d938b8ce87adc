package vn.loaxa.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When and from where each API token was last used. A request never writes this itself: it notes
 * the use in memory and goes on, and one background thread writes it in a short transaction of its
 * own (UI lane, through the write gate, after any waiting engine write), at most once a minute per
 * token. A busy database delays the write, never the request; a failed write is tried again later.
 * The token list shows the newest use from memory, so it is exact even before the write.
 */
@Component
class TokenUsage implements DisposableBean {

    static final Duration WRITE_EVERY = Duration.ofMinutes(1);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(TokenUsage.class);

    record Use(Instant at, String from) {
    }

    private final ApiTokenRepository tokens;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** The newest use seen of each token since start. */
    private final Map<Long, Use> latest = new ConcurrentHashMap<>();
    /** The use last written of each token, and when it was written. */
    private final Map<Long, Use> written = new ConcurrentHashMap<>();
    private final Map<Long, Instant> writtenAt = new ConcurrentHashMap<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "loaxa-token-usage");
        thread.setDaemon(true);
        return thread;
    });

    TokenUsage(ApiTokenRepository tokens, TransactionTemplate transactions, Clock clock) {
        this.tokens = tokens;
        this.transactions = transactions;
        this.clock = clock;
        // Uses noted within a minute of the last write wait for this sweep.
        writer.scheduleWithFixedDelay(this::flushDue, 15, 15, TimeUnit.SECONDS);
    }

    /** Notes a use; returns at once. */
    void record(long tokenId, String from) {
        var use = new Use(clock.instant(), from);
        latest.merge(tokenId, use, (old, now) -> now.at().isBefore(old.at()) ? old : now);
        if (due(tokenId, use.at()) && !writer.isShutdown() && flushQueued.compareAndSet(false, true)) {
            try {
                writer.execute(this::flushDue);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // Stopping: destroy() writes what is left.
            }
        }
    }

    /** The newest use of a token this process has seen, written or not. */
    @Nullable Use latest(long tokenId) {
        return latest.get(tokenId);
    }

    private boolean due(long tokenId, Instant now) {
        var last = writtenAt.get(tokenId);
        return last == null || Duration.between(last, now).compareTo(WRITE_EVERY) >= 0;
    }

    private void flushDue() {
        flush(false);
    }

    private void flush(boolean all) {
        flushQueued.set(false);
        var now = clock.instant();
        var batch = new java.util.HashMap<Long, Use>();
        latest.forEach((id, use) -> {
            if (!use.equals(written.get(id)) && (all || due(id, now))) {
                batch.put(id, use);
            }
        });
        if (batch.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> batch.forEach((id, use) -> tokens.recordUse(id, use.at(),
                    use.from())));
            batch.forEach((id, use) -> {
                written.put(id, use);
                writtenAt.put(id, now);
            });
        } catch (RuntimeException e) {
            // The database is busy or full: the uses stay in memory and are written on a later try.
            log.info("Could not record the last use of {} API token(s) yet: {}", batch.size(), e.getMessage());
            if (!writer.isShutdown() && flushQueued.compareAndSet(false, true)) {
                try {
                    writer.schedule(this::flushDue, RETRY.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // Stopping: destroy() tries once more.
                }
            }
        }
    }

    /** On a clean stop, the uses still waiting for their minute are written once, if the database lets us. */
    @Override
    public void destroy() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(2, TimeUnit.SECONDS)) {
            writer.shutdownNow();
        }
        try {
            flush(true);
        } catch (RuntimeException e) {
            log.info("The last use of some API tokens was not recorded at shutdown: {}", e.getMessage());
        }
    }
}
