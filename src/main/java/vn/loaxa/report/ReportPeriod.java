package vn.loaxa.report;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A report period: station-local dates, both inclusive.
 *
 * @param label how the report names it, lower case, to follow "Kết quả ... " (e.g. "6 tháng đầu năm 2026")
 */
public record ReportPeriod(LocalDate from, LocalDate to, String label) {

    private static final String[] ROMAN = {"I", "II", "III", "IV"};
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public ReportPeriod {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to before from");
        }
    }

    public static ReportPeriod quarter(int year, int quarter) {
        var from = LocalDate.of(year, 3 * quarter - 2, 1);
        return new ReportPeriod(from, from.plusMonths(3).minusDays(1), "quý " + ROMAN[quarter - 1] + " năm " + year);
    }

    public static ReportPeriod firstHalf(int year) {
        return new ReportPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 6, 30), "6 tháng đầu năm " + year);
    }

    public static ReportPeriod secondHalf(int year) {
        return new ReportPeriod(LocalDate.of(year, 7, 1), LocalDate.of(year, 12, 31), "6 tháng cuối năm " + year);
    }

    public static ReportPeriod year(int year) {
        return new ReportPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), "năm " + year);
    }

    /** The presets the officer picks from: each quarter, each half year and the whole year. */
    public static List<ReportPeriod> presets(int year) {
        return List.of(quarter(year, 1), quarter(year, 2), quarter(year, 3), quarter(year, 4), firstHalf(year),
                secondHalf(year), year(year));
    }

    /**
     * The period worth reporting on {@code today}. The officer sends two reports a year: the
     * half-year one, due in June and often finished in the first weeks of July, and the annual one,
     * due in December and often finished in January. So: in January the year that just ended; from
     * February to July the first half (current, then just ended); from August to November the
     * second half, which is current; in December the whole year. Never a period that has not begun,
     * which would open on zeros.
     */
    public static ReportPeriod usefulOn(LocalDate today) {
        int y = today.getYear();
        return switch (today.getMonthValue()) {
            case 1 -> year(y - 1);
            case 2, 3, 4, 5, 6, 7 -> firstHalf(y);
            case 8, 9, 10, 11 -> secondHalf(y);
            default -> year(y);
        };
    }

    /** The quarter {@code day} falls in. */
    public static ReportPeriod quarterOf(LocalDate day) {
        return quarter(day.getYear(), (day.getMonthValue() + 2) / 3);
    }

    /** I, II, III or IV. */
    public static String roman(int quarter) {
        return ROMAN[quarter - 1];
    }

    /** 1 to 4 when this period is exactly one quarter, else 0. */
    public int quarterNumber() {
        var q = quarterOf(from);
        return q.from.equals(from) && q.to.equals(to) ? (from.getMonthValue() + 2) / 3 : 0;
    }

    /** A preset's label when the dates match one, else "từ ngày dd/MM/yyyy đến ngày dd/MM/yyyy". */
    public static ReportPeriod of(LocalDate from, LocalDate to) {
        if (from.getYear() == to.getYear()) {
            for (var p : presets(from.getYear())) {
                if (p.from.equals(from) && p.to.equals(to)) {
                    return p;
                }
            }
        }
        return new ReportPeriod(from, to, "từ ngày " + DATE.format(from) + " đến ngày " + DATE.format(to));
    }

    /** For file names: 2026-01-01_2026-06-30. */
    public String slug() {
        return from + "_" + to;
    }
}
