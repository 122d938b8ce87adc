package vn.loaxa.security;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

import vn.loaxa.audit.Audited;

/**
 * Failed logins per account and per client address, with growing delays and a temporary lock
 * (decision 0014). Nothing here sleeps: a login that comes too early is refused at once with the
 * time to wait, so a guesser holds no request thread.
 * <p>
 * The state of each account and address is an immutable {@link Attempts} in a Caffeine cache,
 * changed only through {@code compute} (atomic per key) and forgotten by Caffeine once its window
 * and lock are over, or when more than {@code maxTracked} are remembered. Accounts are keyed by the
 * name as typed, whether it exists or not, so a lock says nothing about which names exist. A login
 * holds a {@link Permit} while its password is checked: once delays apply, only one check per
 * account or address runs at a time, and before that an account that has failed cannot have more
 * checks under way than it has free tries left, so parallel requests cannot guess in bulk.
 */
@Component
public class LoginThrottle {

    /** Whether a row of {@link #current()} is an account (a name typed at login) or a client address. */
    public enum Kind { ACCOUNT, ADDRESS }

    /**
     * An account or address that is being slowed down or is locked, for the admins' dashboard.
     *
     * @param retryAt     when the next try is accepted (null: now)
     * @param lockedUntil set while locked
     * @param lastSeen    for an account the address of its last failure, for an address the name last typed there
     */
    public record Lockout(Kind kind, String key, int failures, @Nullable Instant retryAt, @Nullable Instant lockedUntil,
                          Instant lastFailure, @Nullable String lastSeen) {
    }

    /** One login attempt under way; give it back with exactly one of succeeded, failed or released. */
    public static final class Permit {
        private final String account;
        private final String address;
        private boolean settled;

        private Permit(String account, String address) {
            this.account = account;
            this.address = address;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** Names longer than this are cut for the key: a megabyte of username must not cost a megabyte. */
    private static final int MAX_KEY = 100;
    /** A refusal while another check of the same key runs: asked to come back after this. */
    private static final Duration BUSY_KEY_WAIT = Duration.ofSeconds(1);
    /**
     * Checks of one key at once while it has no failures to its name: a script's parallel calls
     * (each HTTP Basic call is a login) pass, a burst of guesses is still bounded.
     */
    static final int MAX_PARALLEL = 32;

    private final Clock clock;
    private final LoginThrottleProperties properties;
    private final Tracker accounts;
    private final Tracker addresses;

    LoginThrottle(LoginThrottleProperties properties, Clock clock) {
        this.clock = clock;
        this.properties = properties;
        this.accounts = new Tracker(Kind.ACCOUNT, properties.freeFailures(), properties.lockAfter(), true);
        this.addresses = new Tracker(Kind.ADDRESS, properties.addressFreeFailures(), properties.addressLockAfter(),
                false);
    }

    /**
     * Takes a permit for checking this name's password from this address.
     *
     * @throws LoginThrottledException when the account or the address must wait or is locked
     */
    public Permit acquire(String username, @Nullable String remoteAddress) {
        var permit = new Permit(accountKey(username), addressKey(remoteAddress));
        var now = clock.instant();
        var accountWait = accounts.acquire(permit.account, now);
        if (accountWait != null) {
            throw accountWait;
        }
        var addressWait = addresses.acquire(permit.address, now);
        if (addressWait != null) {
            accounts.release(permit.account);
            throw addressWait;
        }
        return permit;
    }

    /** The password was right: the account starts afresh (the address keeps its count: one right password elsewhere must not pardon a guesser). */
    public void succeeded(Permit permit) {
        if (settle(permit)) {
            accounts.clear(permit.account);
            addresses.release(permit.address);
        }
    }

    /** The password was wrong (or the name unknown, or the account disabled: all look alike from outside). */
    public void failed(Permit permit) {
        if (settle(permit)) {
            var now = clock.instant();
            accounts.fail(permit.account, now, permit.address);
            addresses.fail(permit.address, now, permit.account);
        }
    }

    /** The password could not be checked (database busy): counts neither way. */
    public void released(Permit permit) {
        if (settle(permit)) {
            accounts.release(permit.account);
            addresses.release(permit.address);
        }
    }

    /** Accounts and addresses being slowed down or locked now, locked first, then the latest failure first. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<Lockout> current() {
        var now = clock.instant();
        var all = new ArrayList<Lockout>();
        accounts.report(now, all);
        addresses.report(now, all);
        all.sort(Comparator.comparing((Lockout l) -> l.lockedUntil() == null)
                .thenComparing(Lockout::lastFailure, Comparator.reverseOrder()));
        return all;
    }

    /** An admin lets this account try again at once; true when it was being slowed down or locked. */
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "LOGIN_LOCK_LIFTED", target = "ACCOUNT", name = "#username", details = "{'lifted': #result}")
    public boolean unlockAccount(String username) {
        var removed = accounts.forget(accountKey(username));
        if (removed) {
            log.info("Login throttling of account '{}' lifted by {}", accountKey(username), CurrentUser.name());
        }
        return removed;
    }

    /** An admin lets this address try again at once. */
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "LOGIN_LOCK_LIFTED", target = "ADDRESS", name = "#address", details = "{'lifted': #result}")
    public boolean unlockAddress(String address) {
        var key = addressKey(address);
        var removed = addresses.forget(key);
        if (removed) {
            log.info("Login throttling of address {} lifted by {}", key, CurrentUser.name());
        }
        return removed;
    }

    /** Accounts and addresses remembered now, after Caffeine has dropped what expired (for tests). */
    long tracked() {
        return accounts.size() + addresses.size();
    }

    private static boolean settle(Permit permit) {
        synchronized (permit) {
            if (permit.settled) {
                return false;
            }
            permit.settled = true;
            return true;
        }
    }

    /** The name as typed, without case or surrounding spaces: "Admin" and "admin " share one count. */
    static String accountKey(String username) {
        var key = username.strip().toLowerCase(Locale.ROOT);
        return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    }

    /**
     * The client address; an IPv6 client by its /64 network, since one host usually holds a whole
     * /64 and could otherwise take a new address for every guess.
     */
    static String addressKey(@Nullable String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "?";
        }
        var text = remoteAddress.strip();
        if (text.length() > MAX_KEY) {
            text = text.substring(0, MAX_KEY);
        }
        if (text.indexOf(':') < 0) {
            return text;
        }
        try {
            // A text with a colon is parsed as an IPv6 literal, never looked up by name.
            var address = InetAddress.getByName(text);
            if (address.getAddress().length == 16 && !address.isLoopbackAddress()) {
                var bytes = Arrays.copyOf(address.getAddress(), 16);
                Arrays.fill(bytes, 8, 16, (byte) 0);
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            }
            return address.getHostAddress();
        } catch (java.net.UnknownHostException | SecurityException notALiteral) {
            return text;
        }
    }

    /**
     * Failures of one account or address inside the window (oldest first), checks under way, the
     * end of a lock, and who or where the last failure came from.
     */
    record Attempts(List<Instant> failures, int inFlight, @Nullable Instant lockedUntil, @Nullable String lastSeen) {

        static final Attempts NONE = new Attempts(List.of(), 0, null, null);

        boolean empty() {
            return failures.isEmpty() && inFlight <= 0 && lockedUntil == null;
        }

        /**
         * The same without failures older than the window; once a lock has ended, without it and
         * without the failures that led to it (the window starts afresh).
         */
        Attempts at(Instant now, Duration window) {
            if (lockedUntil != null && !lockedUntil.isAfter(now)) {
                return new Attempts(List.of(), inFlight, null, lastSeen);
            }
            var since = now.minus(window);
            var recent = failures.stream().filter(f -> f.isAfter(since)).toList();
            return recent.size() == failures.size() ? this : new Attempts(recent, inFlight, lockedUntil, lastSeen);
        }

        /** When the state stops mattering: the later of the lock's end and the last failure leaving the window. */
        Instant forgettableAt(Duration window) {
            var end = failures.isEmpty() ? Instant.MIN : failures.getLast().plus(window);
            return lockedUntil != null && lockedUntil.isAfter(end) ? lockedUntil : end;
        }
    }

    /** One kind of key with its limits. */
    private final class Tracker {

        private final Kind kind;
        private final int free;
        private final int lockAfter;
        /**
         * Accounts: once one has failed, checks under way count against its free tries, so parallel
         * requests cannot guess past them. Addresses are shared by people who each log in right, so
         * there only the delays and the lock limit them.
         */
        private final boolean pendingCountsAsFailed;
        private final Cache<String, Attempts> attempts;

        Tracker(Kind kind, int free, int lockAfter, boolean pendingCountsAsFailed) {
            this.kind = kind;
            this.free = free;
            this.lockAfter = lockAfter;
            this.pendingCountsAsFailed = pendingCountsAsFailed;
            // Caffeine measures time with the station's clock, so a test's clock also ages the entries.
            Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
            this.attempts = Caffeine.newBuilder()
                    .maximumSize(properties.maxTracked())
                    .ticker(ticker)
                    .expireAfter(new Expiry<String, Attempts>() {
                        @Override
                        public long expireAfterCreate(String key, Attempts value, long currentTime) {
                            return lifetime(value);
                        }

                        @Override
                        public long expireAfterUpdate(String key, Attempts value, long currentTime,
                                                      long currentDuration) {
                            return lifetime(value);
                        }

                        @Override
                        public long expireAfterRead(String key, Attempts value, long currentTime,
                                                    long currentDuration) {
                            return currentDuration;
                        }
                    })
                    .build();
        }

        /** Nanoseconds this state is worth keeping: while a check runs, at least one window. */
        private long lifetime(Attempts value) {
            var now = clock.instant();
            var end = value.forgettableAt(properties.window());
            var until = end.isAfter(now) ? Duration.between(now, end) : Duration.ZERO;
            if (value.inFlight() > 0 && until.compareTo(properties.window()) < 0) {
                until = properties.window();
            }
            return Math.max(1, until.toNanos());
        }

        /** Null when the attempt may go ahead (and is then counted as under way), else the refusal. */
        @Nullable LoginThrottledException acquire(String key, Instant now) {
            var refusal = new LoginThrottledException[1];
            attempts.asMap().compute(key, (k, old) -> {
                var a = (old == null ? Attempts.NONE : old).at(now, properties.window());
                if (a.lockedUntil() != null) {
                    refusal[0] = new LoginThrottledException(Duration.between(now, a.lockedUntil()), true);
                    return a;
                }
                int failures = a.failures().size();
                if (failures >= free) {
                    // Delays apply: one check at a time, and not before its time.
                    if (a.inFlight() > 0) {
                        refusal[0] = new LoginThrottledException(BUSY_KEY_WAIT, false);
                        return a;
                    }
                    var retryAt = retryAt(a);
                    if (retryAt != null && now.isBefore(retryAt)) {
                        refusal[0] = new LoginThrottledException(Duration.between(now, retryAt), false);
                        return a;
                    }
                } else if (pendingCountsAsFailed && failures > 0 && failures + a.inFlight() >= free
                        || a.inFlight() >= MAX_PARALLEL) {
                    refusal[0] = new LoginThrottledException(BUSY_KEY_WAIT, false);
                    return a;
                }
                return new Attempts(a.failures(), a.inFlight() + 1, null, a.lastSeen());
            });
            return refusal[0];
        }

        void fail(String key, Instant now, String other) {
            attempts.asMap().compute(key, (k, old) -> {
                var a = (old == null ? Attempts.NONE : old).at(now, properties.window());
                var failures = new ArrayList<>(a.failures());
                failures.add(now);
                int inFlight = Math.max(0, a.inFlight() - 1);
                if (failures.size() >= lockAfter) {
                    var until = now.plus(properties.lockFor());
                    log.warn("Login locked for {} until {}: {} {} failed {} times within {} (last from {})",
                            properties.lockFor(), until, kind == Kind.ACCOUNT ? "account" : "address", k,
                            failures.size(), properties.window(), other);
                    // The failures are kept until the lock ends (for the dashboard); then the window starts afresh.
                    return new Attempts(List.copyOf(failures), inFlight, until, other);
                }
                if (failures.size() == free) {
                    log.info("Login slowed down for {} {}: {} failures within {} (last from {})",
                            kind == Kind.ACCOUNT ? "account" : "address", k, failures.size(), properties.window(), other);
                }
                return new Attempts(List.copyOf(failures), inFlight, null, other);
            });
        }

        void release(String key) {
            attempts.asMap().computeIfPresent(key, (k, a) -> {
                var released = new Attempts(a.failures(), Math.max(0, a.inFlight() - 1), a.lockedUntil(), a.lastSeen());
                return released.empty() ? null : released;
            });
        }

        void clear(String key) {
            attempts.asMap().computeIfPresent(key, (k, a) -> {
                var cleared = new Attempts(List.of(), Math.max(0, a.inFlight() - 1), null, null);
                return cleared.empty() ? null : cleared;
            });
        }

        boolean forget(String key) {
            var removed = new boolean[1];
            attempts.asMap().computeIfPresent(key, (k, a) -> {
                var now = clock.instant();
                var current = a.at(now, properties.window());
                removed[0] = current.lockedUntil() != null || current.failures().size() >= free;
                // Checks under way still give their permit back; only the count and the lock go.
                return a.inFlight() > 0 ? new Attempts(List.of(), a.inFlight(), null, null) : null;
            });
            return removed[0];
        }

        long size() {
            attempts.cleanUp();
            return attempts.estimatedSize();
        }

        void report(Instant now, List<Lockout> into) {
            attempts.asMap().forEach((key, stored) -> {
                var a = stored.at(now, properties.window());
                if (a.lockedUntil() == null && a.failures().size() < free) {
                    return;
                }
                var retryAt = a.lockedUntil() != null ? a.lockedUntil() : retryAt(a);
                into.add(new Lockout(kind, key, a.failures().size(),
                        retryAt != null && retryAt.isAfter(now) ? retryAt : null, a.lockedUntil(),
                        a.failures().getLast(), a.lastSeen()));
            });
        }

        /** When the next try is accepted once delays apply: the last failure plus a delay doubling per failure. */
        private @Nullable Instant retryAt(Attempts a) {
            int failures = a.failures().size();
            if (failures < free) {
                return null;
            }
            var delay = properties.firstDelay();
            for (int i = free; i < failures && delay.compareTo(properties.maxDelay()) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            if (delay.compareTo(properties.maxDelay()) > 0) {
                delay = properties.maxDelay();
            }
            return a.failures().getLast().plus(delay);
        }
    }
}
