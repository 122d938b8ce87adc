package vn.loaxa.playout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import vn.loaxa.schedule.PlanningLedger.MissCause;

/**
 * Tells a wall clock that jumped (NTP stepping a PC's clock, a PC woken from sleep: the monotonic
 * clock does not count sleep on Linux) from a process that merely ran late (frozen, starved): through
 * a freeze both clocks run on together, through a step only the wall clock moves. Quartz and the
 * schedule run on the wall clock, so a jump forward fires every trigger it skipped at once, and
 * whoever decides first (the engine at the trigger, or a re-plan) must name the same cause; both
 * ask this one watch.
 *
 * <p>It compares the two clocks every second on a daemon thread, so a jump is logged and reported
 * when it happens even with nothing due, and again whenever asked, so a trigger that fires right
 * after a jump does not decide before the watch has seen it.
 */
@Component
class ClockWatch {

    private static final Logger log = LoggerFactory.getLogger(ClockWatch.class);
    /**
     * Smaller differences are not a jump. The two clocks are read within a millisecond of each other
     * and NTP slews by at most 0.5 ms per second, so anything above this is a step.
     */
    static final Duration TOLERANCE = Duration.ofSeconds(1);
    private static final Duration EVERY = Duration.ofSeconds(1);
    /** Reading the pair must not straddle a preemption, or the pause would count as a difference. */
    private static final long PAIR_NANOS = 1_000_000;
    /** Enough to explain any slot still in the log's grace window; older jumps no longer matter. */
    private static final int KEPT_JUMPS = 16;

    /**
     * A jump seen between two samples: the wall clock read {@code before} at the first and
     * {@code after} at the second, and moved {@code size} more than the monotonic clock (negative:
     * it was set back). Where in between it jumped is unknown.
     */
    record Jump(Instant before, Instant after, Duration size) {

        boolean forward() {
            return size.isPositive();
        }
    }

    private final Clock wall;
    private final LongSupplier nanos;
    private final List<Consumer<Jump>> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Jump> forwardJumps = new ArrayDeque<>();
    private @Nullable Instant lastWall;
    private long lastNanos;
    private @Nullable Thread sampler;

    @Autowired
    ClockWatch(Clock clock) {
        this(clock, System::nanoTime);
    }

    /** @param nanos a monotonic clock in nanoseconds, {@link System#nanoTime()} in the station */
    ClockWatch(Clock wall, LongSupplier nanos) {
        this.wall = wall;
        this.nanos = nanos;
    }

    /** Starts the sampling thread (once); the engine calls it when it starts playing. */
    void watch() {
        sample();
        synchronized (this) {
            if (sampler != null) {
                return;
            }
            var thread = new Thread(this::sampleEverySecond, "loaxa-clock-watch");
            thread.setDaemon(true);
            sampler = thread;
            thread.start();
        }
    }

    /** {@code listener} hears of every jump, forward or back, on the thread that saw it: keep it short. */
    void onJump(Consumer<Jump> listener) {
        listeners.add(listener);
    }

    /**
     * Why a slot planned at {@code planned} was found at {@code now} more than {@code grace} late:
     * {@link MissCause#CLOCK_JUMPED_FORWARD} when forward jumps since it was due account for the
     * lateness beyond grace (without them it would still have played), otherwise
     * {@link MissCause#LATE_TRIGGER}.
     */
    MissCause missCause(Instant planned, Instant now, Duration grace) {
        sample();
        Duration skipped = Duration.ZERO;
        synchronized (this) {
            for (var jump : forwardJumps) {
                if (jump.after().isAfter(planned)) {
                    // Of a jump that may have started before the slot was due, only the part after it counts.
                    var sinceDue = Duration.between(planned, jump.after());
                    skipped = skipped.plus(jump.size().compareTo(sinceDue) < 0 ? jump.size() : sinceDue);
                }
            }
        }
        var lateWithoutJumps = Duration.between(planned, now).minus(skipped);
        return !skipped.isZero() && lateWithoutJumps.compareTo(grace) <= 0 ? MissCause.CLOCK_JUMPED_FORWARD
                : MissCause.LATE_TRIGGER;
    }

    /** Compares both clocks with the previous sample; reports a jump, if any. */
    @Nullable Jump sample() {
        Jump jump = null;
        synchronized (this) {
            long n = 0;
            Instant w = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                long n1 = nanos.getAsLong();
                w = wall.instant();
                long n2 = nanos.getAsLong();
                n = n1 + (n2 - n1) / 2;
                if (n2 - n1 <= PAIR_NANOS) {
                    break;
                }
            }
            if (lastWall != null) {
                var difference = Duration.between(lastWall, w).minus(Duration.ofNanos(n - lastNanos));
                if (difference.abs().compareTo(TOLERANCE) > 0) {
                    jump = new Jump(lastWall, w, difference);
                    if (jump.forward()) {
                        forwardJumps.addLast(jump);
                        if (forwardJumps.size() > KEPT_JUMPS) {
                            forwardJumps.removeFirst();
                        }
                    }
                }
            }
            lastWall = w;
            lastNanos = n;
        }
        if (jump != null) {
            report(jump);
        }
        return jump;
    }

    private void report(Jump jump) {
        if (jump.forward()) {
            log.warn("The wall clock jumped forward by {} (between {} and {}): slots it skipped beyond grace are "
                    + "logged MISSED CLOCK_JUMPED_FORWARD", seconds(jump.size()), jump.before(), jump.after());
        } else {
            log.warn("The wall clock was set back by {} (between {} and {}): nothing logged plays again; "
                    + "what is planned waits for its time", seconds(jump.size().negated()), jump.before(), jump.after());
        }
        for (var listener : listeners) {
            try {
                listener.accept(jump);
            } catch (RuntimeException e) {
                log.error("A clock jump listener failed", e);
            }
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private void sampleEverySecond() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                // Sleep follows the monotonic clock, so a jump cannot stretch or skip a sample.
                Thread.sleep(EVERY);
                sample();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("Comparing the clocks failed", e);
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (sampler != null) {
            sampler.interrupt();
        }
    }
}
