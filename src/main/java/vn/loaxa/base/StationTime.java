package vn.loaxa.base;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * The station's one time: every layer that turns a local date or time (typed by a person, written
 * in a schedule, the bounds of a report's day) into an instant, or an instant back into a local date
 * and time for people, asks this, so a station set to another zone ({@code loaxa.station.time-zone})
 * is that zone everywhere. Formats for people: dd/MM/yyyy and the 24-hour clock. The application's
 * one is a bean of {@code ClockConfig}, from the station's zone setting and the station's clock.
 */
public final class StationTime {

    public static final String DATE_PATTERN = "dd/MM/yyyy";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern(DATE_PATTERN);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter DATE_TIME_S = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter TIME_S = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ZoneId zone;
    private final Clock clock;

    private StationTime(ZoneId zone, Clock clock) {
        this.zone = zone;
        // A test may hand in a clock of another zone: the instant is the clock's, the zone the station's.
        this.clock = clock.withZone(zone);
    }

    /** The station time of this zone on this clock (the bean; and code that runs without the application). */
    public static StationTime of(ZoneId zone, Clock clock) {
        return new StationTime(zone, clock);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The station's clock, in the station's zone. */
    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public LocalDateTime localNow() {
        return LocalDateTime.now(clock);
    }

    /** A local date and time at the station as an instant (a gap in a zone with summer time moves it forward). */
    public Instant instant(LocalDateTime local) {
        return local.atZone(zone).toInstant();
    }

    /** The first instant of this day at the station. */
    public Instant startOfDay(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The first instant after this day at the station: {@code [startOfDay(d), endOfDay(d))} is the day. */
    public Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public ZonedDateTime zoned(Instant instant) {
        return instant.atZone(zone);
    }

    public LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    public LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    /** dd/MM/yyyy; empty for nothing. */
    public static String formatDate(@Nullable LocalDate day) {
        return day == null ? "" : DATE.format(day);
    }

    /** dd/MM/yyyy of the instant at the station. */
    public String formatDate(@Nullable Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(zone));
    }

    /** dd/MM/yyyy HH:mm at the station. */
    public String formatDateTime(@Nullable Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(zone));
    }

    /** dd/MM/yyyy HH:mm:ss at the station. */
    public String formatDateTimeSeconds(@Nullable Instant instant) {
        return instant == null ? "" : DATE_TIME_S.format(instant.atZone(zone));
    }

    /** HH:mm at the station. */
    public String formatTime(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    /** HH:mm:ss at the station. */
    public String formatTimeSeconds(@Nullable Instant instant) {
        return instant == null ? "" : TIME_S.format(instant.atZone(zone));
    }

    /** A formatter of the given pattern that writes instants at the station. */
    public DateTimeFormatter formatter(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withZone(zone);
    }
}
