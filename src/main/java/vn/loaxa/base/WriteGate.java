package vn.loaxa.base;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's one door to SQLite's write lock. SQLite lets one writer at a time in and makes
 * the others poll with growing sleeps, which is neither fair nor bounded; here every write
 * transaction of this process queues in Java instead, where the engine lane goes first: an engine
 * write waits at most for the one UI transaction already inside. UI writers wait a bounded time
 * and then fail with a clear "database busy". Re-entrant for the thread that holds it.
 */
public final class WriteGate {

    private static final Logger log = LoggerFactory.getLogger(WriteGate.class);
    /** A write transaction held longer than this is a bug (slow work inside a transaction): logged. */
    static final Duration HOLD_WARNING = Duration.ofMillis(250);

    private @Nullable Thread holder;
    private int depth;
    private int enginesWaiting;
    private long heldSince;
    private final AtomicLong longestHoldNanos = new AtomicLong();

    /**
     * Enters the gate.
     *
     * @param engine  true for the playout engine's writes, which go before any waiting UI write
     * @param timeout how long a UI write may wait; the engine waits as long as it takes
     * @return false when a UI write timed out
     */
    public synchronized boolean enter(boolean engine, Duration timeout) throws InterruptedException {
        var self = Thread.currentThread();
        if (holder == self) {
            depth++;
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        if (engine) {
            enginesWaiting++;
        }
        try {
            while (holder != null || (!engine && enginesWaiting > 0)) {
                if (engine) {
                    wait();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
        } finally {
            if (engine) {
                enginesWaiting--;
            }
        }
        holder = self;
        depth = 1;
        heldSince = System.nanoTime();
        return true;
    }

    public synchronized void leave() {
        if (holder != Thread.currentThread()) {
            throw new IllegalStateException("The write gate is not held by " + Thread.currentThread().getName());
        }
        if (--depth > 0) {
            return;
        }
        long held = System.nanoTime() - heldSince;
        longestHoldNanos.accumulateAndGet(held, Math::max);
        if (held > HOLD_WARNING.toNanos()) {
            log.warn("A write transaction held the database for {} ms on {}", held / 1_000_000,
                    Thread.currentThread().getName());
        }
        holder = null;
        notifyAll();
    }

    /** The longest any write transaction held the gate since start (or the last reset). */
    public Duration longestHold() {
        return Duration.ofNanos(longestHoldNanos.get());
    }

    public void resetLongestHold() {
        longestHoldNanos.set(0);
    }
}
