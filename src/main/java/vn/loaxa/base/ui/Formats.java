package vn.loaxa.base.ui;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * How the UI writes dates and durations: dd/MM/yyyy, in both languages. An instant is written through
 * {@link vn.loaxa.base.StationTime}, which knows the station's zone.
 */
public final class Formats {

    public static final String DATE_PATTERN = vn.loaxa.base.StationTime.DATE_PATTERN;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern(DATE_PATTERN);

    private Formats() {
    }

    public static String date(@Nullable LocalDate d) {
        return d == null ? "" : DATE.format(d);
    }

    /** m:ss, or h:mm:ss from an hour up. */
    public static String duration(long ms) {
        var d = Duration.ofMillis(Math.max(0, ms));
        long h = d.toHours();
        return h > 0 ? "%d:%02d:%02d".formatted(h, d.toMinutesPart(), d.toSecondsPart())
                : "%d:%02d".formatted(d.toMinutes(), d.toSecondsPart());
    }
}
