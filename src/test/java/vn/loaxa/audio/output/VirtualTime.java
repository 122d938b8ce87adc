package vn.loaxa.audio.output;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;

import org.jspecify.annotations.Nullable;

/**
 * A virtual time shared by several threads (the engine's firings, the playouts it starts) that run
 * one at a time: a thread of it runs until it waits on it (a sleep, a line write that waits for the
 * line, a condition), and then the thread whose wait ends first runs next, the time moving to that
 * instant; threads due at the same instant run in the order they began to wait. Nothing waits in
 * real time, and a run is the same sequence of steps every time, to the frame.
 *
 * <p>A thread that is not one of its own (a context shutting down) waits in real time instead.
 */
public final class VirtualTime implements PlayoutClock.Virtual, SimulatedLine.LineTime {

    private final VirtualEpoch epoch;
    private final Object monitor = new Object();
    private final Set<Thread> own = ConcurrentHashMap.newKeySet();
    private final List<Waiter> waiters = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private long now = VirtualEpoch.ORIGIN;
    private long sequence;
    /** The one thread of this time that runs; null while all wait. */
    private @Nullable Thread running;

    private static final class Waiter {
        final Thread thread;
        long until;
        final long order;
        final @Nullable Condition condition;
        boolean woken;

        Waiter(Thread thread, long until, long order, @Nullable Condition condition) {
            this.thread = thread;
            this.until = until;
            this.order = order;
            this.condition = condition;
        }
    }

    public VirtualTime(Instant start) {
        this.epoch = new VirtualEpoch(start);
    }

    public Instant instant() {
        synchronized (monitor) {
            return toInstant(now);
        }
    }

    @Override
    public long nanoTime() {
        synchronized (monitor) {
            return now;
        }
    }

    @Override
    public long toNanoTime(Instant instant) {
        return epoch.toNanoTime(instant);
    }

    @Override
    public Instant toInstant(long nanoTime) {
        return epoch.toInstant(nanoTime);
    }

    /** Runs {@code work} on a thread of this time once the time reaches {@code at}. */
    public void at(Instant at, Runnable work, String name) {
        start(() -> {
            waitUntil(toNanoTime(at));
            work.run();
        }, name);
    }

    @Override
    public void start(Runnable work, String name) {
        var ready = new Waiter[1];
        var thread = new Thread(() -> {
            try {
                synchronized (monitor) {
                    while (!ready[0].woken) {
                        monitor.wait();
                    }
                }
                work.run();
            } catch (Throwable e) {
                synchronized (monitor) {
                    failures.add(e);
                }
            } finally {
                synchronized (monitor) {
                    own.remove(Thread.currentThread());
                    if (running == Thread.currentThread()) {
                        running = null;
                    }
                    handOn();
                    monitor.notifyAll();
                }
            }
        }, name);
        thread.setDaemon(true);
        synchronized (monitor) {
            own.add(thread);
            // It runs when the thread that started it waits, as if it had been waiting for now; one
            // started by a test waits for runUntilIdle, so that all the test starts is there before
            // the time moves.
            ready[0] = new Waiter(thread, now, sequence++, null);
            waiters.add(ready[0]);
        }
        thread.start();
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        if (!own.contains(Thread.currentThread())) {
            Thread.sleep(Math.max(1, nanos / 1_000_000L));
            return;
        }
        synchronized (monitor) {
            var waiter = enqueue(now + Math.max(0, nanos), null);
            while (!waiter.woken) {
                monitor.wait();
            }
        }
    }

    /** A line write that waits for the line to take frames. */
    @Override
    public void waitUntil(long nanoTime) {
        try {
            synchronized (monitor) {
                if (nanoTime <= now) {
                    return;
                }
            }
            sleep(nanoTime - nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void await(Condition condition, long nanos) throws InterruptedException {
        if (!own.contains(Thread.currentThread())) {
            condition.awaitNanos(nanos);
            return;
        }
        Waiter waiter;
        synchronized (monitor) {
            waiter = enqueue(now + Math.max(0, nanos), condition);
        }
        // The condition's lock must be released while waiting; its own wait does that, briefly and
        // in real time, until this time wakes the waiter (signalled, or its instant reached).
        while (true) {
            synchronized (monitor) {
                if (waiter.woken) {
                    return;
                }
            }
            condition.await(1, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void signalAll(Condition condition) {
        synchronized (monitor) {
            for (var w : waiters) {
                if (w.condition == condition) {
                    // Due now; it runs once the signalling thread waits.
                    w.until = now;
                }
            }
        }
        condition.signalAll();
    }

    /**
     * Lets the threads started with {@link #at} run, and waits (in real time, at most {@code limit})
     * until every thread of this time has ended; rethrows what one of them threw.
     */
    public void runUntilIdle(Duration limit) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (monitor) {
            handOn();
            while (!own.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(own.size() + " threads of the virtual time still run at "
                            + toInstant(now) + ": " + own);
                }
                monitor.wait(Math.max(1, left / 1_000_000L));
            }
            if (!failures.isEmpty()) {
                var first = new AssertionError("a thread of the virtual time failed", failures.getFirst());
                failures.clear();
                throw first;
            }
        }
    }

    /** The same virtual time as a {@link Clock}, for code that reads instants. */
    public Clock asClock(ZoneId zone) {
        return VirtualEpoch.clock(zone, this::instant);
    }

    private Waiter enqueue(long until, @Nullable Condition condition) {
        var waiter = new Waiter(Thread.currentThread(), until, sequence++, condition);
        waiters.add(waiter);
        if (running == Thread.currentThread()) {
            running = null;
        }
        handOn();
        return waiter;
    }

    /**
     * With no thread running, lets the one whose wait ends first run (the earliest to begin waiting
     * among those due at the same instant), moving the time to its instant.
     */
    private void handOn() {
        if (running != null || waiters.isEmpty()) {
            return;
        }
        Waiter next = waiters.getFirst();
        for (var w : waiters) {
            if (w.until < next.until || (w.until == next.until && w.order < next.order)) {
                next = w;
            }
        }
        waiters.remove(next);
        now = Math.max(now, next.until);
        next.woken = true;
        running = next.thread;
        monitor.notifyAll();
    }
}
