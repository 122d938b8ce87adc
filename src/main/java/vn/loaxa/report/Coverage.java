package vn.loaxa.report;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One quarter's CCHC coverage: the campaign's emphasised topics, what the schedule still plans for
 * the rest of the quarter, and what aired, by topic and by village. The aired figures are the
 * quarter's {@link Report}, computed by the report itself, so the board and the report always agree.
 *
 * @param campaigns the campaigns that overlap the quarter, by name
 * @param topics    every topic of the report, the emphasised ones first
 * @param warnings  what the officer should act on, most important first
 */
public record Coverage(int year, int quarter, ReportPeriod period, Report report, List<String> campaigns,
                       List<TopicLine> topics, List<Warning> warnings) {

    /**
     * @param queued airings of the topic's bulletins the schedule plans from now to the quarter's
     *               end (programmes' queues and one-offs, as the engine would play them)
     */
    public record TopicLine(String code, String name, boolean emphasised, long queued, long airings, long bulletins,
                            double minutes) {
    }

    /**
     * @param kind   EMPHASISED_NOT_AIRED (a campaign topic with no airing yet; {@code queued} says whether
     *               some is planned), VILLAGE_NOTHING_AIRED (a village that heard no bulletin)
     * @param name   the topic's or the village's name
     */
    public record Warning(Kind kind, String name, long queued) {
    }

    public enum Kind { EMPHASISED_NOT_AIRED, VILLAGE_NOTHING_AIRED }

    /**
     * The columns of the village x topic table: the campaign's emphasised topics, then any other
     * topic that reached a village this quarter (what aired must show, even off the plan).
     */
    public List<TopicLine> villageTopicColumns() {
        return topics.stream().filter(t -> t.emphasised() || report.villageTopics().topic(t.code()) > 0).toList();
    }

    public @Nullable TopicLine topic(String code) {
        return topics.stream().filter(t -> t.code().equals(code)).findFirst().orElse(null);
    }
}
