package vn.loaxa.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.loaxa.schedule.OneOffCollision.Outcome;

/** What the one-off form tells the operator, case by case, as the engine's collision rule decides. */
class OneOffCollisionTest {

    private static final Instant AT = Instant.parse("2026-12-03T22:30:00Z");
    private static final Duration GRACE = Duration.ofMinutes(10);

    private static Occurrence programme(Instant start, long lengthMs, Priority priority, StartPolicy policy, int wait) {
        var item = new Occurrence.Item(Occurrence.ItemKind.OPENING, 1, null, "Nhạc hiệu", null, null, "a".repeat(64),
                lengthMs);
        return new Occurrence("P1@2026-12-04", Occurrence.Source.PROGRAMME, 1, "Chương trình sáng",
                LocalDate.of(2026, 12, 4), start, priority, policy, wait, List.of(1L), List.of(item), List.of(), 1800);
    }

    private static OneOffCollision oneOffAt(Instant start, long lengthMs, Priority priority, Occurrence p) {
        return OneOffCollision.of(p, start, lengthMs, priority, OneOffService.WAIT_SECONDS, GRACE);
    }

    @Test
    void a_programme_on_air_delays_cuts_or_skips_the_one_off() {
        var p = programme(AT, 600_000, Priority.NORMAL, StartPolicy.WAIT, 60);
        assertThat(oneOffAt(AT.plusSeconds(570), 30_000, Priority.NORMAL, p))
                .isEqualTo(new OneOffCollision(p, Outcome.ONE_OFF_LATE, 30));
        assertThat(oneOffAt(AT.plusSeconds(60), 30_000, Priority.NORMAL, p))
                .isEqualTo(new OneOffCollision(p, Outcome.PROGRAMME_CUT, 60));
        var urgent = programme(AT, 600_000, Priority.PRIORITY, StartPolicy.WAIT, 60);
        assertThat(oneOffAt(AT.plusSeconds(60), 30_000, Priority.NORMAL, urgent).outcome())
                .isEqualTo(Outcome.ONE_OFF_SKIPPED);
        assertThat(oneOffAt(AT.plusSeconds(60), 30_000, Priority.PRIORITY, urgent).outcome())
                .isEqualTo(Outcome.PROGRAMME_CUT);
    }

    @Test
    void a_programme_due_during_the_one_off_follows_its_own_policy() {
        var before = AT.minusSeconds(20);
        assertThat(oneOffAt(before, 60_000, Priority.NORMAL, programme(AT, 600_000, Priority.NORMAL, StartPolicy.CUT, 0))
                .outcome()).isEqualTo(Outcome.ONE_OFF_CUT);
        assertThat(oneOffAt(before, 60_000, Priority.NORMAL, programme(AT, 600_000, Priority.NORMAL, StartPolicy.WAIT, 300)))
                .extracting(OneOffCollision::outcome, OneOffCollision::seconds).containsExactly(Outcome.PROGRAMME_LATE, 40L);
        assertThat(oneOffAt(before, 600_000, Priority.NORMAL, programme(AT, 600_000, Priority.NORMAL, StartPolicy.WAIT, 300)))
                .extracting(OneOffCollision::outcome, OneOffCollision::seconds).containsExactly(Outcome.ONE_OFF_CUT, 300L);
        assertThat(oneOffAt(before, 600_000, Priority.NORMAL, programme(AT, 600_000, Priority.NORMAL, StartPolicy.SKIP, 60))
                .outcome()).isEqualTo(Outcome.PROGRAMME_SKIPPED);
        // A programme of lower priority never cuts: it waits up to its wait (the grace window when none), then gives up.
        assertThat(oneOffAt(before, 900_000, Priority.PRIORITY, programme(AT, 600_000, Priority.NORMAL, StartPolicy.CUT, 0)))
                .extracting(OneOffCollision::outcome, OneOffCollision::seconds)
                .containsExactly(Outcome.PROGRAMME_SKIPPED, 600L);
    }
}
