package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import vn.loaxa.playout.CollisionRule.Action;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.StartPolicy;

class CollisionRuleTest {

    private static final Instant T = Instant.parse("2026-12-01T22:30:00Z");
    private static final Duration GRACE = Duration.ofMinutes(10);

    private static Action decide(Priority incoming, StartPolicy policy, int wait, boolean reconciled, Priority onAir,
                                 int secondsAfterPlanned) {
        return CollisionRule.decide(incoming, policy, wait, T, reconciled, onAir, T.plusSeconds(secondsAfterPlanned), GRACE)
                .action();
    }

    @Test
    void an_emergency_cuts_anything_but_another_emergency() {
        assertThat(decide(Priority.EMERGENCY, StartPolicy.CUT, 0, true, Priority.NORMAL, 0)).isEqualTo(Action.CUT);
        assertThat(decide(Priority.EMERGENCY, StartPolicy.CUT, 0, true, Priority.PRIORITY, 0)).isEqualTo(Action.CUT);
        assertThat(decide(Priority.EMERGENCY, StartPolicy.CUT, 0, true, Priority.EMERGENCY, 300)).isEqualTo(Action.WAIT);
    }

    @Test
    void cut_policy_cuts_an_equal_or_lower_priority_at_the_planned_instant() {
        assertThat(decide(Priority.NORMAL, StartPolicy.CUT, 0, false, Priority.NORMAL, 0)).isEqualTo(Action.CUT);
        assertThat(decide(Priority.PRIORITY, StartPolicy.CUT, 0, false, Priority.NORMAL, 0)).isEqualTo(Action.CUT);
    }

    @Test
    void wait_policy_waits_up_to_its_limit_then_cuts() {
        assertThat(decide(Priority.NORMAL, StartPolicy.WAIT, 60, false, Priority.NORMAL, 59)).isEqualTo(Action.WAIT);
        assertThat(decide(Priority.NORMAL, StartPolicy.WAIT, 60, false, Priority.NORMAL, 60)).isEqualTo(Action.CUT);
    }

    @Test
    void skip_policy_waits_up_to_its_limit_then_is_skipped() {
        assertThat(decide(Priority.NORMAL, StartPolicy.SKIP, 30, false, Priority.NORMAL, 30)).isEqualTo(Action.WAIT);
        assertThat(decide(Priority.NORMAL, StartPolicy.SKIP, 30, false, Priority.NORMAL, 31)).isEqualTo(Action.SKIP);
    }

    @Test
    void nothing_but_an_emergency_cuts_a_higher_priority_broadcast() {
        assertThat(decide(Priority.NORMAL, StartPolicy.CUT, 20, false, Priority.PRIORITY, 5)).isEqualTo(Action.WAIT);
        assertThat(decide(Priority.NORMAL, StartPolicy.CUT, 20, false, Priority.PRIORITY, 21)).isEqualTo(Action.SKIP);
        assertThat(decide(Priority.PRIORITY, StartPolicy.CUT, 0, false, Priority.EMERGENCY, 599)).isEqualTo(Action.WAIT);
        assertThat(decide(Priority.PRIORITY, StartPolicy.CUT, 0, false, Priority.EMERGENCY, 601)).isEqualTo(Action.SKIP);
    }

    @Test
    void a_late_broadcast_never_cuts_the_one_on_air_and_gives_up_at_the_end_of_grace() {
        assertThat(decide(Priority.NORMAL, StartPolicy.CUT, 0, true, Priority.NORMAL, 120)).isEqualTo(Action.WAIT);
        assertThat(decide(Priority.NORMAL, StartPolicy.CUT, 0, true, Priority.NORMAL, 601)).isEqualTo(Action.SKIP);
    }
}
