package vn.loaxa.bulletin;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A bulletin. {@code validTo} null means open-ended. {@code approver}, {@code decidedAt} and
 * {@code comment} are the latest approval decision, if any. {@code author} is the byline (who
 * wrote the text, e.g. an office); the users who wrote it in the station are {@code createdBy} and
 * {@code editedBy} (who last changed the content; null when nobody has since it was created).
 */
public record Bulletin(long id, long assetId, String title, long topicId, String author, String source,
                       LocalDate validFrom, @Nullable LocalDate validTo, BulletinState state, String createdBy,
                       Instant createdAt, @Nullable String approver, @Nullable Instant decidedAt,
                       @Nullable String comment, boolean deleted, @Nullable String editedBy) {

    /** Whether {@code username} created this bulletin or wrote its current content. */
    public boolean writtenBy(String username) {
        return createdBy.equalsIgnoreCase(username) || editedBy != null && editedBy.equalsIgnoreCase(username);
    }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }

    /** What an operator fills in; the rest is the station's. */
    public record Draft(long assetId, String title, long topicId, String author, String source, LocalDate validFrom,
                        @Nullable LocalDate validTo) {
    }
}
