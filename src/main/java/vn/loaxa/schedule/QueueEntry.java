package vn.loaxa.schedule;

import java.time.LocalDate;

/** An approved bulletin assigned to a programme's occurrences from {@code fromDate} to {@code toDate}, inclusive. */
public record QueueEntry(long id, long programmeId, long bulletinId, LocalDate fromDate, LocalDate toDate,
                         int position) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(fromDate) && !day.isAfter(toDate);
    }
}
