package vn.loaxa.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.jspecify.annotations.Nullable;

import vn.loaxa.station.StationIdentity;

/**
 * The figures of one period, all taken from the air log. Broadcasts are counted by their planned
 * start; an airing is one bulletin item that reached the air (played for more than zero ms).
 */
public record Report(ReportPeriod period, StationIdentity station, Instant generatedAt, Figures total,
                     List<TopicRow> byTopic, List<MonthRow> byMonth, List<QuarterRow> byQuarter,
                     List<VillageRow> byVillage, List<BulletinRow> topBulletins, List<EmergencyRow> emergencies,
                     List<LateStart> lateStarts, List<AiredFile> airedFiles) {

    /** A broadcast whose first sample left the sound card later than this after its planned start is late. */
    public static final long LATE_AFTER_SECONDS = 10;

    /**
     * Broadcast outcomes (planned = the sum of the other eight), distinct bulletins aired, airings,
     * and time on air from each broadcast's end row.
     */
    public record Figures(long planned, long completed, long interrupted, long preempted, long failed, long missed,
                          long skipped, long unfinished, long bulletins, long airings, long airedSeconds,
                          double minutes) {
    }

    /** Missed and skipped broadcasts have no items in the log, so a topic only counts what aired. */
    public record TopicRow(String code, String name, long broadcasts, long bulletins, long airings,
                           long airedSeconds, double minutes) {
    }

    public record MonthRow(YearMonth month, Figures figures) {
    }

    public record QuarterRow(int year, int quarter, Figures figures) {
    }

    /** A broadcast counts for every village it targeted. */
    public record VillageRow(long id, String name, Figures figures) {
    }

    public record BulletinRow(long bulletinId, String title, @Nullable String topicName, long airings,
                              long airedSeconds, double minutes, Instant firstAired, Instant lastAired) {
    }

    public record EmergencyRow(Instant plannedStart, @Nullable Instant actualStart, String title, String villages,
                               String outcome, long airedSeconds, String triggeredBy, @Nullable String reason) {
    }

    /**
     * A broadcast that aired, but started more than {@link #LATE_AFTER_SECONDS} after its planned
     * start (the station was down or busy at the time), as the player measured it.
     */
    public record LateStart(Instant plannedStart, Instant actualStart, long lateSeconds, String title,
                            String villages, String outcome, @Nullable String reason) {
    }

    /** Every file that reached the air, with the SHA-256 the log recorded when it played. */
    public record AiredFile(String sha256, String title, @Nullable String topicName, @Nullable Long bulletinId,
                            long airings, Instant firstAired, Instant lastAired) {
    }
}
