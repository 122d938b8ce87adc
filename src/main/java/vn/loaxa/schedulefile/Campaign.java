package vn.loaxa.schedulefile;

import java.time.LocalDate;
import java.util.List;

/**
 * A propaganda campaign (đợt tuyên truyền): a date range and the CCHC topics (codes) to emphasise,
 * e.g. one quarter of the commune's plan.
 */
public record Campaign(long id, String name, LocalDate from, LocalDate to, List<String> topicCodes, String note) {

    public Campaign {
        topicCodes = List.copyOf(topicCodes);
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
