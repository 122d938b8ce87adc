package vn.loaxa.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import vn.loaxa.station.StationIdentity;

/**
 * The figures of one period, all taken from the air log. Broadcasts are counted by their planned
 * start; an airing is one bulletin item that reached the air (played for more than zero ms).
 */
public record Report(ReportPeriod period, StationIdentity station, Instant generatedAt, Figures total,
                     List<TopicRow> byTopic, List<MonthRow> byMonth, List<QuarterRow> byQuarter,
                     List<VillageRow> byVillage, List<BulletinRow> topBulletins, List<EmergencyRow> emergencies,
                     List<LateStart> lateStarts, List<AiredFile> airedFiles, TopicRow notCchc,
                     VillageTopics villageTopics) {

    /** The code and name of the line that counts a one-off's raw audio, which is no CCHC bulletin. */
    public static final String NOT_CCHC_CODE = "NOT_CCHC";
    public static final String NOT_CCHC_NAME = "Không thuộc bản tin CCHC";

    /** The topics and, when any aired, the line of raw audio after them: what the tables list. */
    public List<TopicRow> topicLines() {
        if (notCchc.airings() == 0) {
            return byTopic;
        }
        var all = new java.util.ArrayList<>(byTopic);
        all.add(notCchc);
        return List.copyOf(all);
    }

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

    /**
     * Missed and skipped broadcasts have no items in the log, so a topic only counts what aired.
     * {@link Report#notCchc} uses the same shape with {@code bulletins} 0.
     */
    public record TopicRow(String code, String name, long broadcasts, long bulletins, long airings,
                           long airedSeconds, double minutes) {
    }

    public record MonthRow(YearMonth month, Figures figures) {
    }

    public record QuarterRow(int year, int quarter, Figures figures) {
    }

    /**
     * A broadcast counts in {@code figures} for every village it targeted; the other numbers say
     * what the village's loudspeakers really carried, from the air log's VILLAGE rows.
     *
     * @param aired             broadcasts that targeted the village and went on air (completed,
     *                          interrupted, pre-empted, or failed after some audio played)
     * @param received          broadcasts that went on air with the village switched on: an ON row
     *                          that did not fail, or any targeted one when the broadcast was logged
     *                          without village rows (switching driver "none"); includes emergencies
     *                          that switched the village on without naming it
     * @param shortfall         broadcasts in {@code aired} the village did not receive
     * @param switchOnFailures  failed ON rows of the period's broadcasts (village tests left out)
     * @param switchOffFailures failed OFF rows: the loudspeakers may have stayed on after the broadcast
     */
    public record VillageRow(long id, String name, Figures figures, long aired, long received, long shortfall,
                             long switchOnFailures, long switchOffFailures) {
    }

    public record BulletinRow(long bulletinId, String title, @Nullable String topicName, long airings,
                              long airedSeconds, double minutes, Instant firstAired, Instant lastAired) {
    }

    /**
     * @param reason      why it ended as it did (the log's END or NOT_AIRED reason)
     * @param orderReason why it was ordered, as its one-off keeps it (not in the air log; null when
     *                    none was given, as before reasons were required)
     */
    public record EmergencyRow(Instant plannedStart, @Nullable Instant actualStart, String title, String villages,
                               String outcome, long airedSeconds, String triggeredBy, @Nullable String reason,
                               String occurrenceKey, @Nullable String orderReason) {

        EmergencyRow withOrderReason(@Nullable String why) {
            return new EmergencyRow(plannedStart, actualStart, title, villages, outcome, airedSeconds, triggeredBy,
                    reason, occurrenceKey, why);
        }
    }

    /**
     * A broadcast that aired, but started more than {@link #LATE_AFTER_SECONDS} after its planned
     * start (the station was down or busy at the time), as the player measured it.
     */
    public record LateStart(Instant plannedStart, Instant actualStart, long lateSeconds, String title,
                            String villages, String outcome, @Nullable String reason) {
    }

    /**
     * What aired per village and per topic: for each village of {@link Report#byVillage} (same order),
     * the broadcasts that reached it ({@link VillageRow#received}'s rule) and aired a bulletin of the
     * topic. A broadcast that aired two topics counts under each of them but once in a total, and a
     * broadcast to two villages once in a topic's total: a total is the number of broadcasts, not a
     * sum of cells.
     *
     * @param topics by topic code ("" for bulletins without topic): broadcasts that reached at least one village
     * @param total  broadcasts with a bulletin that reached at least one village
     */
    public record VillageTopics(List<VillageTopicRow> villages, Map<String, Long> topics, long total) {

        public long topic(String code) {
            return topics.getOrDefault(code, 0L);
        }
    }

    /** @param total broadcasts with a bulletin, any topic, that reached the village */
    public record VillageTopicRow(long id, String name, Map<String, Long> topics, long total) {

        public long topic(String code) {
            return topics.getOrDefault(code, 0L);
        }
    }

    /** Every file that reached the air, with the SHA-256 the log recorded when it played. */
    public record AiredFile(String sha256, String title, @Nullable String topicName, @Nullable Long bulletinId,
                            long airings, Instant firstAired, Instant lastAired) {
    }
}
