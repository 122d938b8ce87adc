package vn.loaxa.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.schedule.RealisticStation.ZONE;
import static vn.loaxa.schedule.RealisticStation.at;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import vn.loaxa.schedule.Occurrence.DropReason;
import vn.loaxa.schedule.Occurrence.ItemKind;

class OccurrencePlannerYearTest {

    private final RealisticStation station = new RealisticStation();

    /** The year planned in two segments: before and after the epidemic programme was disabled. */
    private List<Occurrence> planYear() {
        var out = new ArrayList<Occurrence>();
        var cut = RealisticStation.EPIDEMIC_DISABLED_AT;
        out.addAll(OccurrencePlanner.plan(station.at(cut.minusMillis(1)), RealisticStation.YEAR_START, cut, ZONE));
        out.addAll(OccurrencePlanner.plan(station.atYearEnd(), cut, RealisticStation.YEAR_END, ZONE));
        return out;
    }

    @Test
    void a_realistic_year_plans_every_expected_occurrence_exactly_once() {
        var planned = planYear();

        var keys = planned.stream().map(Occurrence::key).toList();
        assertThat(new HashSet<>(keys)).as("keys are unique").hasSameSizeAs(keys);
        // Counts from an independent calendar (Python's datetime), not from this planner.
        Map<Long, Long> perProgramme = planned.stream().filter(o -> o.source() == Occurrence.Source.PROGRAMME)
                .collect(Collectors.groupingBy(Occurrence::sourceId, Collectors.counting()));
        assertThat(perProgramme).containsExactlyInAnyOrderEntriesOf(Map.of(
                RealisticStation.MORNING, 313L, RealisticStation.AFTERNOON, 261L, RealisticStation.WEEKEND, 79L,
                RealisticStation.CCHC_Q3, 26L, RealisticStation.EPIDEMIC, 166L, RealisticStation.EVENING, 20L));
        assertThat(planned.stream().filter(o -> o.source() == Occurrence.Source.ONE_OFF).map(Occurrence::key))
                .containsExactlyInAnyOrder("O1", "O2", "O3", "O5", "O6", "O7", "O8", "O9", "O10", "O11", "O12");
        assertThat(keys).hasSize(865 + 11).isEqualTo(expectedKeysInOrder());
    }

    @Test
    void no_occurrence_falls_outside_its_programme_days_dates_or_activation() {
        var programmes = station.atYearEnd().programmes().stream()
                .collect(Collectors.toMap(Programme::id, Function.identity()));
        for (var o : planYear()) {
            if (o.source() == Occurrence.Source.ONE_OFF) {
                continue;
            }
            var p = programmes.get(o.sourceId());
            var local = o.plannedStart().atZone(ZONE);
            assertThat(p.validOn(o.date())).as(o.key()).isTrue();
            assertThat(p.days()).as(o.key()).contains(o.date().getDayOfWeek());
            assertThat(local.toLocalDate()).isEqualTo(o.date());
            assertThat(local.toLocalTime()).isEqualTo(p.startTime());
            assertThat(o.plannedStart()).isAfterOrEqualTo(p.activeSince());
        }
        // The evening programme is valid from 1 August but was created on 10 August: 8 August never existed.
        assertThat(planYear()).extracting(Occurrence::key).doesNotContain("P6@2026-08-08").contains("P6@2026-08-15");
        // The epidemic programme's last occurrence is the one before it was disabled.
        assertThat(planYear()).extracting(Occurrence::key).contains("P5@2026-06-15").doesNotContain("P5@2026-06-16");
    }

    @Test
    void every_item_is_approved_and_valid_that_day_and_the_programme_fits_its_max_length() {
        for (var o : planYear()) {
            if (o.maxLengthSeconds() != null) {
                assertThat(o.nominalMs()).as(o.key()).isLessThanOrEqualTo(o.maxLengthSeconds() * 1000L);
                assertThat(o.items().getFirst().kind()).isEqualTo(ItemKind.OPENING);
                assertThat(o.items().getLast().kind()).isEqualTo(ItemKind.CLOSING);
            }
            for (var item : o.items()) {
                if (item.bulletinId() != null) {
                    var b = station.atYearEnd().bulletins().get(item.bulletinId());
                    assertThat(b.approved()).isTrue();
                    assertThat(b.validOn(o.date())).as(o.key() + " " + item.title()).isTrue();
                    assertThat(item.topicCode()).isEqualTo(b.topicCode());
                }
                assertThat(item.sha256()).hasSize(64);
            }
        }
    }

    @Test
    void the_morning_programme_cuts_the_bulletin_that_does_not_fit_and_says_so() {
        var monday = planYear().stream().filter(o -> o.key().equals("P1@2026-03-02")).findFirst().orElseThrow();

        // 30 s opening + 420 + 450 + 480 s + 20 s closing = 1400 s; the fourth (500 s) would make 1900 > 1800.
        assertThat(monday.items()).extracting(Occurrence.Item::kind)
                .containsExactly(ItemKind.OPENING, ItemKind.BULLETIN, ItemKind.BULLETIN, ItemKind.BULLETIN, ItemKind.CLOSING);
        assertThat(monday.nominalMs()).isEqualTo(1_400_000);
        assertThat(monday.dropped()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DropReason.OVER_MAX_LENGTH);
            assertThat(d.title()).endsWith("số 4");
        });
        var afternoon = planYear().stream().filter(o -> o.key().equals("P2@2026-03-02")).findFirst().orElseThrow();
        assertThat(afternoon.dropped()).extracting(Occurrence.Dropped::reason).containsExactly(DropReason.NOT_APPROVED);
    }

    @Test
    void planning_day_by_day_gives_the_same_occurrences_as_planning_the_year_at_once() {
        var snapshot = station.atYearEnd();
        var whole = OccurrencePlanner.plan(snapshot, RealisticStation.YEAR_START, RealisticStation.YEAR_END, ZONE);
        var daily = new ArrayList<Occurrence>();
        for (var t = RealisticStation.YEAR_START; t.isBefore(RealisticStation.YEAR_END); t = t.plusSeconds(86_400)) {
            daily.addAll(OccurrencePlanner.plan(snapshot, t, t.plusSeconds(86_400), ZONE));
        }
        assertThat(daily).isEqualTo(whole);
    }

    @Test
    void emergencies_cut_and_sort_before_anything_planned_at_the_same_instant() {
        var storm = planYear().stream().filter(o -> o.key().equals("O8")).findFirst().orElseThrow();
        assertThat(storm.priority()).isEqualTo(Priority.EMERGENCY);
        assertThat(storm.startPolicy()).isEqualTo(StartPolicy.CUT);
        assertThat(storm.villageIds()).isEqualTo(RealisticStation.ALL_VILLAGES);
        // O12 and P5's last occurrence share 11:00 on 15 June; the order is stable: priority first, then key.
        var noon = planYear().stream().filter(o -> o.plannedStart().equals(at(2026, 6, 15, 11, 0, 0)))
                .map(Occurrence::key).toList();
        assertThat(noon).containsExactly("P5@2026-06-15", "O12");
    }

    @Test
    void the_zone_comes_from_the_argument() {
        var snapshot = station.atYearEnd();
        var utc = java.time.ZoneOffset.UTC;
        var day = OccurrencePlanner.plan(snapshot, Instant.parse("2026-03-02T00:00:00Z"),
                Instant.parse("2026-03-03T00:00:00Z"), utc);
        assertThat(day).filteredOn(o -> o.key().equals("P1@2026-03-02")).singleElement()
                .extracting(Occurrence::plannedStart).isEqualTo(Instant.parse("2026-03-02T05:30:00Z"));
    }

    /** A naive enumeration of the station's published rules, written out by hand. */
    private List<String> expectedKeysInOrder() {
        record Slot(Instant at, int rank, String key) {
        }
        var slots = new ArrayList<Slot>();
        for (var d = LocalDate.of(2026, 1, 1); d.getYear() == 2026; d = d.plusDays(1)) {
            var dow = d.getDayOfWeek();
            boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
            if (dow != DayOfWeek.SUNDAY) {
                slots.add(new Slot(local(d, 5, 30), 0, "P1@" + d));
            }
            if (!weekend) {
                slots.add(new Slot(local(d, 17, 0), 0, "P2@" + d));
            }
            if (weekend && !d.isBefore(LocalDate.of(2026, 3, 1)) && !d.isAfter(LocalDate.of(2026, 11, 30))) {
                slots.add(new Slot(local(d, 16, 30), 0, "P3@" + d));
            }
            if ((dow == DayOfWeek.TUESDAY || dow == DayOfWeek.THURSDAY) && d.getMonthValue() >= 7 && d.getMonthValue() <= 9) {
                slots.add(new Slot(local(d, 6, 15), 1, "P4@" + d));
            }
            if (!d.isAfter(LocalDate.of(2026, 6, 15))) {
                slots.add(new Slot(local(d, 11, 0), 1, "P5@" + d));
            }
            if (dow == DayOfWeek.SATURDAY && d.isAfter(LocalDate.of(2026, 8, 10))) {
                slots.add(new Slot(local(d, 19, 0), 0, "P6@" + d));
            }
        }
        for (var o : station.atYearEnd().oneOffs()) {
            if (!o.cancelled()) {
                slots.add(new Slot(o.startsAt(), o.priority().ordinal(), o.key()));
            }
        }
        slots.sort(java.util.Comparator.comparing(Slot::at).thenComparing(Slot::rank, java.util.Comparator.reverseOrder())
                .thenComparing(Slot::key));
        return slots.stream().map(Slot::key).toList();
    }

    private static Instant local(LocalDate d, int h, int m) {
        return ZonedDateTime.of(d, java.time.LocalTime.of(h, m), ZONE).toInstant();
    }
}
