package vn.loaxa.base;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * How much one request may carry: the bounds of every string, list, date and number the station
 * accepts, in one place (decision 0017). A request carrying more is refused before any database work:
 * at the API edge by Bean Validation on the request records and parameters ({@code @Size(max =
 * Limits.TITLE)}, {@link WithinYears}, ...), and again in the services by the checks below, so the web
 * UI and schedule files meet the same limits with a reason in the user's language.
 */
public final class Limits {

    /** Titles and names: broadcasts, bulletins, assets, programmes, villages, topics, station names. */
    public static final int TITLE = 200;
    /** Free texts a person writes: reasons, notes, comments. */
    public static final int TEXT = 1000;
    /** Short technical strings: codes, keys, voices, addresses, formats. */
    public static final int SHORT = 100;
    /** Paths, URLs and other settings values. */
    public static final int SETTING = 1000;
    /** Assets, and villages, in one broadcast, emergency, programme or queue. */
    public static final int IDS = 200;
    /** Every date a request names lies within this many years of today, either way... */
    public static final int YEARS = 5;
    /**
     * ...except dates that only read (air log, reports, evidence: an empty period is harmless) and the
     * past dates a schedule file restores: this many years either way.
     */
    public static final int READ_YEARS = 25;
    /** Rows of one page of a listing. */
    public static final int PAGE_SIZE = 1000;
    /** Page numbers: enough for every row the air log can hold at the smallest page size. */
    public static final int PAGE = 1_000_000;
    /** Programmes, campaigns or bulletins in one schedule file. */
    public static final int FILE_ENTRIES = 10_000;
    /** Files in one schedule import. */
    public static final int FILES = 20;
    /**
     * A JSON request body (bytes); multipart uploads have their own limit. The largest real body, a
     * 5,000-character text to speak, is about 30 KB even with every letter escaped; a list of ids this
     * size holds at most about 130,000 of them, read and refused in milliseconds.
     */
    public static final long JSON_BODY_BYTES = 256 * 1024;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private Limits() {
    }

    /** A title or name of at most {@link #TITLE} characters; null passes (the caller decides whether one is needed). */
    public static void title(@Nullable String value) {
        if (value != null && value.length() > TITLE) {
            throw new InvalidInputException("TOO_LONG", "error.input.titleTooLong",
                    "title: at most " + TITLE + " characters, got " + value.length(), TITLE, value.length());
        }
    }

    /** A reason, note or comment of at most {@link #TEXT} characters. */
    public static void text(@Nullable String value) {
        if (value != null && value.length() > TEXT) {
            throw new InvalidInputException("TOO_LONG", "error.input.textTooLong",
                    "text: at most " + TEXT + " characters, got " + value.length(), TEXT, value.length());
        }
    }

    /** At most {@link #IDS} assets. */
    public static void assets(@Nullable Collection<?> ids) {
        if (ids != null && ids.size() > IDS) {
            throw new InvalidInputException("TOO_MANY", "error.input.tooManyAssets",
                    "assetIds: at most " + IDS + " entries, got " + ids.size(), IDS, ids.size());
        }
    }

    /** At most {@link #IDS} villages. */
    public static void villages(@Nullable Collection<?> ids) {
        if (ids != null && ids.size() > IDS) {
            throw new InvalidInputException("TOO_MANY", "error.input.tooManyVillages",
                    "villageIds: at most " + IDS + " entries, got " + ids.size(), IDS, ids.size());
        }
    }

    /** {@code day} within {@link #YEARS} years of today in the clock's zone. */
    public static void date(@Nullable LocalDate day, Clock clock) {
        if (day == null) {
            return;
        }
        var today = LocalDate.now(clock);
        if (!withinYears(day, today)) {
            throw dateOutOfRange(day.toString(), today);
        }
    }

    /** {@code instant} within {@link #YEARS} years of now; compared without arithmetic on it, so no value overflows. */
    public static void instant(@Nullable Instant instant, Clock clock) {
        if (instant == null) {
            return;
        }
        if (!withinYears(instant, clock.instant(), clock.getZone())) {
            throw dateOutOfRange(instant.toString(), LocalDate.now(clock));
        }
    }

    public static boolean withinYears(LocalDate day, LocalDate today) {
        return withinYears(day, today, YEARS, YEARS);
    }

    public static boolean withinYears(LocalDate day, LocalDate today, int past, int future) {
        return !day.isBefore(today.minusYears(past)) && !day.isAfter(today.plusYears(future));
    }

    public static boolean withinYears(Instant instant, Instant now, ZoneId zone) {
        return withinYears(instant, now, zone, YEARS, YEARS);
    }

    public static boolean withinYears(Instant instant, Instant now, ZoneId zone, int past, int future) {
        var here = now.atZone(zone);
        return !instant.isBefore(here.minusYears(past).toInstant()) && !instant.isAfter(here.plusYears(future).toInstant());
    }

    private static InvalidInputException dateOutOfRange(String value, LocalDate today) {
        var first = today.minusYears(YEARS);
        var last = today.plusYears(YEARS);
        return new InvalidInputException("DATE_OUT_OF_RANGE", "error.input.dateOutOfRange",
                "date " + value + " is not within " + YEARS + " years of today (" + first + " .. " + last + ")",
                DAY.format(first), DAY.format(last));
    }
}
