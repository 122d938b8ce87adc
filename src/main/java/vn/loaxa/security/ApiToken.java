package vn.loaxa.security;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** An API token as the station shows it: never the secret, which is not stored. */
public record ApiToken(long id, long userId, String username, String name, Set<ApiScope> scopes, String hint,
                       Instant createdAt, String createdBy, @Nullable Instant expiresAt,
                       @Nullable Instant lastUsedAt, @Nullable String lastUsedFrom,
                       @Nullable Instant revokedAt, @Nullable String revokedBy) {

    public enum State {
        ACTIVE, EXPIRED, REVOKED
    }

    public State state(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? State.EXPIRED : State.ACTIVE;
    }

    /** The same token with a use newer than the stored one (kept in memory until it is written). */
    ApiToken withLastUse(TokenUsage.@Nullable Use use) {
        if (use == null || (lastUsedAt != null && !use.at().isAfter(lastUsedAt))) {
            return this;
        }
        return new ApiToken(id, userId, username, name, scopes, hint, createdAt, createdBy, expiresAt, use.at(),
                use.from(), revokedAt, revokedBy);
    }
}
