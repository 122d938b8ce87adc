package vn.loaxa.audio.output;

import java.time.Instant;

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

    /** System.nanoTime, Instant.now and Thread.sleep. */
    static PlayoutClock system() {
        return WallClock.INSTANCE;
    }
}
