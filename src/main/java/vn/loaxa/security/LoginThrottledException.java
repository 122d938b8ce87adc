package vn.loaxa.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A login refused before the password was looked at: too many failures for this account or from
 * this address. The same for a name that does not exist, so it tells an attacker nothing.
 */
public class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;
    private final boolean locked;

    LoginThrottledException(Duration retryAfter, boolean locked) {
        super("Too many failed logins; retry after " + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
        this.locked = locked;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds to wait, at least one: what {@code Retry-After} says. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    /** Locked for a while (too many failures), rather than asked to wait a growing delay. */
    public boolean locked() {
        return locked;
    }

    static long seconds(Duration d) {
        long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}
