package vn.loaxa.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ReportPeriodTest {

    @Test
    void the_useful_period_is_the_one_due_now_and_never_one_not_yet_begun() {
        assertThat(ReportPeriod.usefulOn(LocalDate.of(2026, 12, 2))).isEqualTo(ReportPeriod.year(2026));
        assertThat(ReportPeriod.usefulOn(LocalDate.of(2026, 7, 3))).isEqualTo(ReportPeriod.firstHalf(2026));
        assertThat(ReportPeriod.usefulOn(LocalDate.of(2026, 6, 15))).isEqualTo(ReportPeriod.firstHalf(2026));
        assertThat(ReportPeriod.usefulOn(LocalDate.of(2026, 9, 20))).isEqualTo(ReportPeriod.secondHalf(2026));
        assertThat(ReportPeriod.usefulOn(LocalDate.of(2027, 1, 8))).isEqualTo(ReportPeriod.year(2026));
        assertThat(ReportPeriod.usefulOn(LocalDate.of(2027, 2, 1))).isEqualTo(ReportPeriod.firstHalf(2027));
        for (var day = LocalDate.of(2026, 1, 1); day.getYear() == 2026; day = day.plusDays(1)) {
            assertThat(ReportPeriod.usefulOn(day).from()).as("on %s", day).isBeforeOrEqualTo(day);
        }
    }

    @Test
    void the_second_half_is_a_preset_with_its_label() {
        var second = ReportPeriod.of(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 12, 31));
        assertThat(second.label()).isEqualTo("6 tháng cuối năm 2026");
        assertThat(ReportPeriod.presets(2026)).contains(second);
        assertThat(ReportPeriod.quarterOf(LocalDate.of(2026, 12, 3))).isEqualTo(ReportPeriod.quarter(2026, 4));
        assertThat(ReportPeriod.quarter(2026, 3).quarterNumber()).isEqualTo(3);
        assertThat(second.quarterNumber()).isZero();
    }
}
