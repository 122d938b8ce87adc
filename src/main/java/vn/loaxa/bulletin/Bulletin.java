package vn.loaxa.bulletin;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A bulletin. {@code validTo} null means open-ended. {@code approver}, {@code decidedAt} and
 * {@code comment} are the latest approval decision, if any.
 */
public record Bulletin(long id, long assetId, String title, long topicId, String author, String source,
                       LocalDate validFrom, @Nullable LocalDate validTo, BulletinState state, String createdBy,
                       Instant createdAt, @Nullable String approver, @Nullable Instant decidedAt,
                       @Nullable String comment, boolean deleted) {

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }

    /** What an operator fills in; the rest is the station's. */
    public record Draft(long assetId, String title, long topicId, String author, String source, LocalDate validFrom,
                        @Nullable LocalDate validTo) {
    }
}
