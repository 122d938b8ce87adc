package vn.loaxa.audit;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** What the audit trail takes and hands back. */
public final class AuditRecords {

    private AuditRecords() {
    }

    /** Through the web UI (pages, the login form) or the JSON API. */
    public enum Via { UI, API }

    /**
     * A row to append: everything but its place in the chain and its time.
     *
     * @param details JSON ({@link Snapshots}): what changed; never a password or a secret
     */
    public record Entry(String actor, String action, @Nullable String targetKind, @Nullable String targetId,
                        @Nullable String targetName, @Nullable String details, @Nullable String clientAddress,
                        Via via) {
    }

    /** A row as stored, for the API, the view and the CSV; {@code details} is the stored JSON. */
    public record Logged(long seq, Instant at, String actor, String action, @Nullable String targetKind,
                         @Nullable String targetId, @Nullable String targetName, @Nullable String details,
                         @Nullable String clientAddress, Via via, String prevHash, String hash) {

        /** The details for people: "title: A → B; state: SUBMITTED → APPROVED". */
        public String detailsText() {
            return Snapshots.describe(details);
        }
    }

    /**
     * Filters over {@code at} in {@code [from, to)}; null filters match everything. {@code target}
     * matches a target's kind or id exactly, or a part of its name.
     */
    public record Query(Instant from, Instant to, @Nullable String actor, @Nullable String action,
                        @Nullable String target, int page, int size) {
        public Query {
            if (page < 0 || size < 1) {
                throw new IllegalArgumentException("page >= 0 and size >= 1");
            }
        }
    }

    public record Page(List<Logged> rows, long total, int page, int size) {
    }
}
