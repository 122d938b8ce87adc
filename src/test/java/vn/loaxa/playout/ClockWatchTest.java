package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.loaxa.schedule.PlanningLedger.MissCause;

/**
 * The watch compares a wall clock with a monotonic one. Here both are in the test's hands: a
 * station that merely ran late advances both, a clock step moves only the wall clock.
 */
class ClockWatchTest {

    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final Instant MORNING = Instant.parse("2026-12-02T22:00:00Z"); // 05:00 in Gio Sơn

    /** A wall clock and a monotonic clock that move only when told. */
    private static final class Clocks {
        Instant wall = MORNING;
        long nanos = 1_000_000_000L;

        final Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return wall;
            }
        };

        /** Time passes: both clocks move together (running, or frozen by SIGSTOP). */
        void pass(Duration d) {
            wall = wall.plus(d);
            nanos += d.toNanos();
        }

        /** The wall clock is stepped (NTP, a person); the monotonic clock does not move. */
        void step(Duration d) {
            wall = wall.plus(d);
        }
    }

    private final Clocks clocks = new Clocks();
    private final ClockWatch watch = new ClockWatch(clocks.clock, () -> clocks.nanos);
    private final List<ClockWatch.Jump> heard = new ArrayList<>();

    {
        watch.onJump(heard::add);
        watch.sample();
    }

    @Test
    void a_slot_the_wall_clock_jumped_over_is_missed_because_the_clock_jumped_forward() {
        var slot = MORNING.plusSeconds(20);
        clocks.pass(Duration.ofSeconds(8));
        watch.sample();
        clocks.step(Duration.ofHours(1));
        clocks.pass(Duration.ofSeconds(3));

        // Nobody sampled since the step: the question itself must notice it.
        assertThat(watch.missCause(slot, clocks.wall, GRACE)).isEqualTo(MissCause.CLOCK_JUMPED_FORWARD);
        assertThat(heard).singleElement().satisfies(jump -> {
            assertThat(jump.forward()).isTrue();
            assertThat(jump.size()).isEqualTo(Duration.ofHours(1));
            assertThat(jump.after()).isEqualTo(clocks.wall);
        });
    }

    @Test
    void a_slot_missed_while_the_process_was_frozen_is_a_late_trigger() {
        var slot = MORNING.plusSeconds(20);
        // SIGSTOP for 15 minutes: nothing samples, but both clocks run on.
        clocks.pass(Duration.ofMinutes(15));

        assertThat(watch.missCause(slot, clocks.wall, GRACE)).isEqualTo(MissCause.LATE_TRIGGER);
        assertThat(heard).isEmpty();
    }

    @Test
    void a_jump_before_the_slot_was_due_does_not_explain_its_lateness() {
        clocks.pass(Duration.ofSeconds(1));
        clocks.step(Duration.ofHours(1));
        watch.sample();
        var slot = clocks.wall.plusSeconds(30);
        clocks.pass(Duration.ofMinutes(20));

        assertThat(watch.missCause(slot, clocks.wall, GRACE)).isEqualTo(MissCause.LATE_TRIGGER);
    }

    @Test
    void a_jump_too_small_to_explain_the_miss_leaves_it_a_late_trigger() {
        var slot = MORNING.plusSeconds(20);
        // Frozen for 15 minutes past the slot, then the clock is stepped 2 minutes on.
        clocks.pass(Duration.ofMinutes(15));
        watch.sample();
        clocks.step(Duration.ofMinutes(2));

        assertThat(watch.missCause(slot, clocks.wall, GRACE)).isEqualTo(MissCause.LATE_TRIGGER);
        assertThat(heard).singleElement().extracting(ClockWatch.Jump::size).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void two_steps_that_together_skipped_the_slot_are_both_counted() {
        var slot = MORNING.plusSeconds(20);
        clocks.pass(Duration.ofSeconds(10));
        clocks.step(Duration.ofMinutes(8));
        watch.sample();
        clocks.pass(Duration.ofSeconds(1));
        clocks.step(Duration.ofMinutes(8));

        assertThat(watch.missCause(slot, clocks.wall, GRACE)).isEqualTo(MissCause.CLOCK_JUMPED_FORWARD);
        assertThat(heard).hasSize(2);
    }

    @Test
    void a_clock_set_back_is_reported_as_such_and_explains_no_miss() {
        clocks.pass(Duration.ofSeconds(5));
        clocks.step(Duration.ofHours(-1));
        watch.sample();

        assertThat(heard).singleElement().satisfies(jump -> {
            assertThat(jump.forward()).isFalse();
            assertThat(jump.size()).isEqualTo(Duration.ofHours(-1));
        });
        var slot = clocks.wall.plusSeconds(10);
        clocks.pass(Duration.ofMinutes(15));
        assertThat(watch.missCause(slot, clocks.wall, GRACE)).isEqualTo(MissCause.LATE_TRIGGER);
    }

    @Test
    void a_slot_passed_while_the_clock_was_set_back_and_forward_again_was_jumped_over() {
        var slot = MORNING.plusSeconds(30);
        clocks.pass(Duration.ofSeconds(5));
        clocks.step(Duration.ofHours(-1));
        watch.sample();
        clocks.pass(Duration.ofSeconds(40));
        clocks.step(Duration.ofHours(1));

        // 15 s late: with a grace of 10 s it is missed, and the step forward is why.
        assertThat(watch.missCause(slot, clocks.wall, Duration.ofSeconds(10))).isEqualTo(MissCause.CLOCK_JUMPED_FORWARD);
        assertThat(heard).extracting(ClockWatch.Jump::forward).containsExactly(false, true);
    }

    @Test
    void differences_below_a_second_are_not_jumps() {
        clocks.pass(Duration.ofSeconds(1));
        clocks.step(Duration.ofMillis(400)); // NTP slewing, a sample taken late
        watch.sample();
        clocks.pass(Duration.ofSeconds(1));
        clocks.step(Duration.ofMillis(-400));
        watch.sample();

        assertThat(heard).isEmpty();
    }
}
