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

    public static ReportPeriod year(int year) {
        return new ReportPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), "năm " + year);
    }

    /** The presets the officer picks from: each quarter, the first half year and the whole year. */
    public static List<ReportPeriod> presets(int year) {
        return List.of(quarter(year, 1), quarter(year, 2), quarter(year, 3), quarter(year, 4), firstHalf(year),
                year(year));
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
