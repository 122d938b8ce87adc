package vn.loaxa.audio.output;

import java.time.Instant;
import java.util.concurrent.locks.Condition;

/**
 * The time the playout waits on and measures with: a monotonic nanosecond count for waiting and
 * for the line clock, and its conversion to wall-clock instants for schedules and reports. The
 * production clock is {@link #system()}; a test may run the playout on a simulated time.
 */
public interface PlayoutClock {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** The {@link #nanoTime()} at which the wall clock will read {@code instant}. */
    long toNanoTime(Instant instant);

    /** The wall-clock instant of a {@link #nanoTime()} value. */
    Instant toInstant(long nanoTime);

    /** Waits about {@code nanos} (at least 1 ms is asked of the system clock). */
    void sleep(long nanos) throws InterruptedException;

    /**
     * Waits on {@code condition} (its lock held, released while waiting, as {@link Condition#awaitNanos})
     * until it is signalled through {@link #signalAll} or about {@code nanos} have passed.
     */
    default void await(Condition condition, long nanos) throws InterruptedException {
        condition.awaitNanos(nanos);
    }

    /** Wakes every thread waiting on {@code condition} in {@link #await} (its lock held). */
    default void signalAll(Condition condition) {
        condition.signalAll();
    }

    /**
     * A time that also runs the threads that wait on it, so that it moves only when all of them
     * wait: a playout on it runs on one thread it starts, with its items opened and its events
     * delivered on that thread (no decode, event or watchdog thread). Only tests have one.
     */
    interface Virtual extends PlayoutClock {

        /** Starts {@code work} on a thread of this time, named {@code name}. */
        void start(Runnable work, String name);
    }

    /** System.nanoTime, Instant.now and Thread.sleep. */
    static PlayoutClock system() {
        return WallClock.INSTANCE;
    }
}
