package vn.loaxa.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.schedule.RealisticStation.ZONE;
import static vn.loaxa.schedule.RealisticStation.at;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import vn.loaxa.schedule.PlanningLedger.MissCause;

/**
 * The whole of 2026 on a virtual clock, ticking once a minute as the engine will: power cuts, a
 * multi-day outage, a clock set back and one jumping forward, programmes disabled and created,
 * one-offs and emergencies. Every occurrence the year asks for must end up played or missed exactly
 * once, and missed only where the station could not have played it.
 */
class StationYearSimulationTest {

    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final Duration TICK = Duration.ofMinutes(1);

    private record Down(Instant from, Instant to) {
        boolean covers(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    private record Outcome(Instant clockAt, Duration late, @Nullable MissCause missed) {
    }

    private static final List<Down> OUTAGES = List.of(
            new Down(at(2026, 2, 10, 5, 25, 0), at(2026, 2, 10, 5, 38, 0)),
            new Down(at(2026, 4, 20, 16, 0, 0), at(2026, 4, 21, 7, 0, 0)),
            new Down(at(2026, 10, 5, 5, 0, 0), at(2026, 10, 7, 5, 35, 0)));

    /** Real instant -> clock offset from then on: set back 2 h, corrected; jumps 3 h ahead, corrected. */
    private static final TreeMap<Instant, Duration> CLOCK = new TreeMap<>(Map.of(
            Instant.MIN, Duration.ZERO,
            at(2026, 5, 12, 18, 0, 0), Duration.ofHours(-2),
            at(2026, 5, 13, 3, 0, 0), Duration.ZERO,
            at(2026, 8, 18, 5, 0, 0), Duration.ofHours(3),
            at(2026, 8, 18, 12, 0, 0), Duration.ZERO));

    @Test
    void a_year_of_a_realistic_station_accounts_for_every_occurrence_exactly_once() {
        var station = new RealisticStation();
        var log = new HashMap<String, Outcome>();
        Instant newestLogged = null;
        Instant lastClock = null;
        boolean wasDown = true;
        int normalTicks = 0;

        for (var real = RealisticStation.YEAR_START; real.isBefore(RealisticStation.YEAR_END); real = real.plus(TICK)) {
            var r = real;
            if (OUTAGES.stream().anyMatch(d -> d.covers(r))) {
                wasDown = true;
                continue;
            }
            var now = real.plus(CLOCK.floorEntry(real).getValue());
            boolean jumpedForward = lastClock != null && Duration.between(lastClock, now).compareTo(TICK) > 0;
            var cause = jumpedForward && !wasDown ? MissCause.CLOCK_JUMPED_FORWARD : MissCause.STATION_DOWN;
            var from = wasDown && newestLogged == null ? RealisticStation.YEAR_START
                    : PlanningLedger.lookbackStart(newestLogged, now, GRACE);
            var planned = OccurrencePlanner.plan(station.at(real), from, now.plusSeconds(1), ZONE);

            var decision = PlanningLedger.reconcile(planned, log.keySet(), now, GRACE, cause);

            if (!wasDown && !jumpedForward) {
                normalTicks++;
                assertThat(decision.missed()).as("a running station misses nothing, at %s", now).isEmpty();
            }
            for (var o : decision.playNow()) {
                var late = Duration.between(o.plannedStart(), now);
                assertThat(log.put(o.key(), new Outcome(now, late, null))).as("played twice: " + o.key()).isNull();
            }
            for (var m : decision.missed()) {
                assertThat(log.put(m.occurrence().key(), new Outcome(now, m.late(), m.cause())))
                        .as("logged twice: " + m.occurrence().key()).isNull();
            }
            for (var o : decision.playNow()) {
                newestLogged = newestLogged == null || o.plannedStart().isAfter(newestLogged) ? o.plannedStart() : newestLogged;
            }
            for (var m : decision.missed()) {
                var t = m.occurrence().plannedStart();
                newestLogged = newestLogged == null || t.isAfter(newestLogged) ? t : newestLogged;
            }
            wasDown = false;
            lastClock = now;
        }

        // Everything the year asks for, each once: the same keys as planning the year in one go.
        var expected = OccurrencePlanner.plan(station.at(RealisticStation.EPIDEMIC_DISABLED_AT.minusMillis(1)),
                        RealisticStation.YEAR_START, RealisticStation.EPIDEMIC_DISABLED_AT, ZONE).stream()
                .map(Occurrence::key).collect(Collectors.toSet());
        OccurrencePlanner.plan(station.atYearEnd(), RealisticStation.EPIDEMIC_DISABLED_AT, RealisticStation.YEAR_END, ZONE)
                .forEach(o -> expected.add(o.key()));
        assertThat(expected).hasSize(876);
        assertThat(log.keySet()).isEqualTo(expected);
        assertThat(normalTicks).isGreaterThan(500_000);

        // Missed exactly where the station was down or the clock skipped, with the cause.
        var missed = log.entrySet().stream().filter(e -> e.getValue().missed() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().missed()));
        assertThat(missed).isEqualTo(Map.of(
                "P2@2026-04-20", MissCause.STATION_DOWN, "P1@2026-04-21", MissCause.STATION_DOWN,
                "P1@2026-10-05", MissCause.STATION_DOWN, "P2@2026-10-05", MissCause.STATION_DOWN,
                "P1@2026-10-06", MissCause.STATION_DOWN, "P2@2026-10-06", MissCause.STATION_DOWN,
                "O9", MissCause.STATION_DOWN,
                "P1@2026-08-18", MissCause.CLOCK_JUMPED_FORWARD, "P4@2026-08-18", MissCause.CLOCK_JUMPED_FORWARD));

        // Played late only after the two short outages, within grace; everything else on its minute.
        var late = log.entrySet().stream()
                .filter(e -> e.getValue().missed() == null && e.getValue().late().compareTo(TICK) >= 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().late()));
        assertThat(late).isEqualTo(Map.of("P1@2026-02-10", Duration.ofMinutes(8), "P1@2026-10-07", Duration.ofMinutes(5)));
        // Emergencies created between two ticks go out on the next one.
        assertThat(log.get("O5").late()).isEqualTo(Duration.ofSeconds(33));
        // The afternoon of 12 May aired once, at 17:00, although the clock showed 17:00 twice.
        assertThat(log.get("P2@2026-05-12").clockAt()).isEqualTo(at(2026, 5, 12, 17, 0, 0));
        assertThat(log).doesNotContainKeys("O" + RealisticStation.CANCELLED_ONE_OFF, "P5@2026-06-16", "P6@2026-08-08");
        assertThat(Set.copyOf(log.keySet())).hasSize(876);
    }
}
