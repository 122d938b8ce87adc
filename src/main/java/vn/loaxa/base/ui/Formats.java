package vn.loaxa.base.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/** How the UI writes times: dd/MM/yyyy and the 24-hour clock in the station's zone, in both languages. */
public final class Formats {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final String DATE_PATTERN = "dd/MM/yyyy";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern(DATE_PATTERN);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter TIME_S = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Formats() {
    }

    public static String date(@Nullable LocalDate d) {
        return d == null ? "" : DATE.format(d);
    }

    public static String dateTime(@Nullable Instant i) {
        return i == null ? "" : DATE_TIME.format(i.atZone(ZONE));
    }

    public static String time(@Nullable Instant i) {
        return i == null ? "" : TIME.format(i.atZone(ZONE));
    }

    public static String timeSeconds(@Nullable Instant i) {
        return i == null ? "" : TIME_S.format(i.atZone(ZONE));
    }

    /** m:ss, or h:mm:ss from an hour up. */
    public static String duration(long ms) {
        var d = Duration.ofMillis(Math.max(0, ms));
        long h = d.toHours();
        return h > 0 ? "%d:%02d:%02d".formatted(h, d.toMinutesPart(), d.toSecondsPart())
                : "%d:%02d".formatted(d.toMinutes(), d.toSecondsPart());
    }
}
