package vn.loaxa.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.schedule.RealisticStation.ZONE;
import static vn.loaxa.schedule.RealisticStation.at;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.loaxa.schedule.PlanningLedger.MissCause;

class PlanningLedgerTest {

    private static final Duration GRACE = Duration.ofMinutes(10);
    // Early March: the epidemic programme (daily 11:00) is still on.
    private final ScheduleSnapshot schedule = new RealisticStation().at(at(2026, 3, 1, 0, 0, 0));

    private List<Occurrence> plan(Instant from, Instant to) {
        return OccurrencePlanner.plan(schedule, from, to, ZONE);
    }

    @Test
    void plays_missed_programme_late_when_within_grace() {
        // Tuesday 3 March: the PC came back at 05:38, eight minutes after the morning programme.
        var now = at(2026, 3, 3, 5, 38, 0);
        var planned = plan(at(2026, 3, 2, 17, 0, 0), now.plusSeconds(1));

        var r = PlanningLedger.reconcile(planned, Set.of("P2@2026-03-02"), now, GRACE, MissCause.STATION_DOWN);

        assertThat(r.playNow()).extracting(Occurrence::key).containsExactly("P1@2026-03-03");
        assertThat(r.missed()).isEmpty();
    }

    @Test
    void logs_missed_with_the_reason_when_the_station_was_down_beyond_grace() {
        var now = at(2026, 3, 3, 5, 41, 0);
        var planned = plan(at(2026, 3, 2, 16, 0, 0), now.plusSeconds(1));

        var r = PlanningLedger.reconcile(planned, Set.of(), now, GRACE, MissCause.STATION_DOWN);

        assertThat(r.playNow()).isEmpty();
        assertThat(r.missed()).extracting(m -> m.occurrence().key()).containsExactly("P2@2026-03-02", "P1@2026-03-03");
        assertThat(r.missed().getLast().late()).isEqualTo(Duration.ofMinutes(11));
        assertThat(r.missed().getLast().reason(GRACE)).isEqualTo("STATION_DOWN: 11 min late, grace 10 min");
    }

    @Test
    void exactly_at_the_grace_limit_still_plays() {
        var now = at(2026, 3, 3, 5, 40, 0);
        var r = PlanningLedger.reconcile(plan(now.minusSeconds(3600), now.plusSeconds(1)), Set.of(), now, GRACE,
                MissCause.STATION_DOWN);
        assertThat(r.playNow()).extracting(Occurrence::key).containsExactly("P1@2026-03-03");
    }

    @Test
    void a_clock_set_back_never_brings_a_played_occurrence_back() {
        var logged = new HashSet<String>();
        var played = at(2026, 3, 3, 5, 30, 0);
        var first = PlanningLedger.reconcile(plan(played.minusSeconds(60), played.plusSeconds(1)), logged, played,
                GRACE, MissCause.STATION_DOWN);
        first.playNow().forEach(o -> logged.add(o.key()));
        assertThat(logged).containsExactly("P1@2026-03-03");

        // The clock is set back an hour: 05:30 comes round again, and again the planner names P1@2026-03-03.
        var newest = played;
        for (var now = played.minusSeconds(3600); !now.isAfter(played.plusSeconds(120)); now = now.plusSeconds(60)) {
            var from = PlanningLedger.lookbackStart(newest, now, GRACE);
            var r = PlanningLedger.reconcile(plan(from, now.plusSeconds(1)), logged, now, GRACE,
                    MissCause.STATION_DOWN);
            assertThat(r.playNow()).as("at %s", now).isEmpty();
            assertThat(r.missed()).isEmpty();
        }
    }

    @Test
    void a_clock_jumping_forward_misses_what_it_skipped_and_plays_what_is_within_grace() {
        // Tuesday 18 August 05:00, the clock jumps to 06:20: 05:30 is 50 min late, the 06:15 CCHC slot 5 min.
        var before = at(2026, 8, 18, 5, 0, 0);
        var now = at(2026, 8, 18, 6, 20, 0);
        var from = PlanningLedger.lookbackStart(before, now, GRACE);

        var r = PlanningLedger.reconcile(plan(from, now.plusSeconds(1)), Set.of(), now, GRACE,
                MissCause.CLOCK_JUMPED_FORWARD);

        assertThat(r.missed()).extracting(m -> m.occurrence().key()).containsExactly("P1@2026-08-18");
        assertThat(r.missed().getFirst().reason(GRACE)).startsWith("CLOCK_JUMPED_FORWARD: 50 min late");
        assertThat(r.playNow()).extracting(Occurrence::key).containsExactly("P4@2026-08-18");
    }

    @Test
    void what_remains_excludes_logged_keys_and_keeps_the_plan_order() {
        var day = plan(at(2026, 3, 2, 0, 0, 0), at(2026, 3, 3, 0, 0, 0));
        assertThat(day).extracting(Occurrence::key).containsExactly("P1@2026-03-02", "P5@2026-03-02", "P2@2026-03-02");
        assertThat(PlanningLedger.remaining(day, Set.of("P5@2026-03-02")))
                .extracting(Occurrence::key).containsExactly("P1@2026-03-02", "P2@2026-03-02");
    }

    @Test
    void lookback_starts_at_the_newest_logged_occurrence_or_the_grace_window_on_an_empty_log() {
        var now = at(2026, 3, 3, 12, 0, 0);
        assertThat(PlanningLedger.lookbackStart(null, now, GRACE)).isEqualTo(now.minus(GRACE));
        assertThat(PlanningLedger.lookbackStart(now.minusSeconds(86_400 * 3), now, GRACE))
                .isEqualTo(now.minusSeconds(86_400 * 3));
        assertThat(PlanningLedger.lookbackStart(now.plusSeconds(3600), now, GRACE)).isEqualTo(now);
    }
}
