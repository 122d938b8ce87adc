package vn.loaxa.security;

import java.time.Instant;
import java.util.Set;

/** A user as the rest of the application sees it: never the password hash. */
public record UserAccount(long id, String username, String displayName, Set<Role> roles, boolean enabled,
                          boolean mustChangePassword, String locale, Instant createdAt, AccountKind kind) {

    public boolean service() {
        return kind == AccountKind.SERVICE;
    }
}
