package vn.loaxa.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard the station makes password guessing (decision 0014). Per account (any name typed, known
 * or not) and per client address, failures within {@code window} count: after {@code freeFailures}
 * each next try must wait {@code firstDelay}, doubling with every further failure (at most
 * {@code maxDelay}); at {@code lockAfter} failures logins are refused for {@code lockFor}.
 * An address gets more room, as several people may share one (an office behind one router).
 *
 * @param maxTracked accounts and addresses remembered at once; beyond it the oldest are forgotten
 */
@ConfigurationProperties("loaxa.security.login")
public record LoginThrottleProperties(
        @DefaultValue("5") int freeFailures,
        @DefaultValue("10") int lockAfter,
        @DefaultValue("15m") Duration window,
        @DefaultValue("15m") Duration lockFor,
        @DefaultValue("1s") Duration firstDelay,
        @DefaultValue("1m") Duration maxDelay,
        @DefaultValue("10") int addressFreeFailures,
        @DefaultValue("20") int addressLockAfter,
        @DefaultValue("20000") int maxTracked) {

    public LoginThrottleProperties {
        if (freeFailures < 1 || lockAfter <= freeFailures || addressFreeFailures < 1
                || addressLockAfter <= addressFreeFailures) {
            throw new IllegalArgumentException("loaxa.security.login: need 1 <= free-failures < lock-after "
                    + "and 1 <= address-free-failures < address-lock-after");
        }
        if (window.isNegative() || window.isZero() || lockFor.isNegative() || lockFor.isZero()
                || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || maxTracked < 100) {
            throw new IllegalArgumentException("loaxa.security.login: window and lock-for must be positive, "
                    + "max-delay at least first-delay, max-tracked at least 100");
        }
    }

    /** The defaults, for tools and unit tests. */
    public static LoginThrottleProperties defaults() {
        return new LoginThrottleProperties(5, 10, Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofSeconds(1),
                Duration.ofMinutes(1), 10, 20, 20000);
    }
}
