package vn.loaxa.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.StationTime;

/**
 * Personal access tokens: created by a user for themselves, or by an admin for a service account;
 * shown once, stored as a SHA-256 only, revoked but never deleted. See
 * docs/decisions/0015-api-tokens-and-csrf.md.
 */
@Service
public class ApiTokenService {

    /** A token: {@code lx_} and 32 random bytes in unpadded base64url (43 characters). */
    public static final String PREFIX = "lx_";
    private static final Pattern FORMAT = Pattern.compile("lx_[A-Za-z0-9_-]{43}");
    static final int SECRET_BYTES = 32;
    public static final int DEFAULT_DAYS = 90;
    /** Two years: an integration is looked at again at least that often. */
    public static final int MAX_DAYS = 730;
    static final int MAX_NAME = 100;
    /** Active (unexpired, unrevoked) tokens one account may hold. */
    static final int MAX_ACTIVE = 50;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** How long a new token lives. */
    public sealed interface Expiry {
        record Days(int days) implements Expiry {
        }

        record At(Instant at) implements Expiry {
        }

        /** The last day it works, in the station's zone: it expires when that day ends. */
        record Through(LocalDate day) implements Expiry {
        }

        record Never() implements Expiry {
        }
    }

    /** A new token: the only moment its secret exists outside the caller's hands. */
    public record Created(ApiToken token, String secret) {
    }

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final TokenUsage usage;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final StationTime stationTime;
    /** The holder the security filters and method security of this application use. */
    private final SecurityContextHolderStrategy securityContext;

    ApiTokenService(ApiTokenRepository tokens, UserRepository users, TokenUsage usage,
                    TransactionTemplate transactions, Clock clock, StationTime stationTime,
                    ObjectProvider<SecurityContextHolderStrategy> securityContext) {
        this.tokens = tokens;
        this.users = users;
        this.usage = usage;
        this.transactions = transactions;
        this.clock = clock;
        this.stationTime = stationTime;
        this.securityContext = securityContext.getIfUnique(SecurityContextHolder::getContextHolderStrategy);
    }

    /** The holder filters write to; see {@link #securityContext}. */
    SecurityContextHolderStrategy securityContext() {
        return securityContext;
    }

    /**
     * Creates a token for the signed-in user ({@code owner} null or their own name) or, for an
     * admin, for a service account. Never for another person: whoever holds a token acts as its owner.
     */
    @Audited(value = "TOKEN_CREATED", target = "TOKEN", id = "#result?.token()?.id()",
            name = "#result?.token()?.name()", snapshot = "#result?.token()")
    public Created create(@Nullable String owner, String name, Set<ApiScope> scopes, Expiry expiry) {
        var auth = securityContext.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            throw new AccessDeniedException("Not signed in");
        }
        if (auth instanceof TokenAuthentication) {
            // The URL table already refuses this; services called another way must refuse too.
            throw new AccessDeniedException("A token cannot create tokens");
        }
        var caller = auth.getName();
        var account = owner == null || owner.isBlank() || owner.strip().equalsIgnoreCase(caller)
                ? users.findByUsername(caller).map(UserRepository.StoredUser::account)
                        .orElseThrow(() -> new AccessDeniedException("No account " + caller))
                : otherOwner(owner.strip());
        var cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > MAX_NAME || cleanName.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("BAD_TOKEN_NAME", "error.token.name", "name: 1-" + MAX_NAME
                    + " characters, no control characters", MAX_NAME);
        }
        if (scopes.isEmpty()) {
            throw new InvalidInputException("BAD_SCOPE", "error.token.noScope", "scopes: at least one of "
                    + "read, schedule, emergency, report, admin");
        }
        var now = clock.instant();
        var expiresAt = expiresAt(expiry, now, account);
        long active = tokens.findByUser(account.id()).stream()
                .filter(t -> t.state(now) == ApiToken.State.ACTIVE).count();
        if (active >= MAX_ACTIVE) {
            throw new InvalidInputException("TOO_MANY_TOKENS", "error.token.tooMany", "At most " + MAX_ACTIVE
                    + " active tokens per account", MAX_ACTIVE);
        }
        var random = new byte[SECRET_BYTES];
        RANDOM.nextBytes(random);
        var secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        var hint = secret.substring(0, PREFIX.length() + 4);
        long id = transactions.execute(status -> tokens.insert(account.id(), cleanName, sha256(secret), hint,
                EnumSet.copyOf(scopes), now, caller, expiresAt));
        return new Created(tokens.findById(id).orElseThrow().token(), secret);
    }

    private UserAccount otherOwner(String owner) {
        if (!callerIsAdmin()) {
            throw new AccessDeniedException("Only an admin creates tokens for another account");
        }
        var account = users.findByUsername(owner).map(UserRepository.StoredUser::account)
                .orElseThrow(() -> new InvalidInputException("UNKNOWN_USER", "error.token.unknownUser",
                        "No user " + owner, owner));
        if (!account.service()) {
            throw new InvalidInputException("NOT_A_SERVICE_ACCOUNT", "error.token.notService",
                    owner + " is a person: people create their own tokens", owner);
        }
        return account;
    }

    private @Nullable Instant expiresAt(Expiry expiry, Instant now, UserAccount owner) {
        // A date picked as the last day counts whole: up to the end of the day MAX_DAYS from today.
        var latest = stationTime.endOfDay(stationTime.date(now).plusDays(MAX_DAYS));
        Instant at = switch (expiry) {
            case Expiry.Never never -> null;
            case Expiry.Days(int days) -> {
                if (days < 1 || days > MAX_DAYS) {
                    throw badExpiry("expiresInDays: 1-" + MAX_DAYS);
                }
                yield now.plus(Duration.ofDays(days));
            }
            case Expiry.At(Instant instant) -> instant;
            case Expiry.Through(LocalDate day) -> stationTime.endOfDay(day);
        };
        if (at == null) {
            if (!owner.service()) {
                throw new InvalidInputException("NEVER_EXPIRES_NOT_ALLOWED", "error.token.neverOnlyService",
                        "Only a service account's token may never expire");
            }
            return null;
        }
        if (!at.isAfter(now) || at.isAfter(latest)) {
            throw badExpiry("expiresAt: after now and at most " + MAX_DAYS + " days ahead");
        }
        return at;
    }

    private static InvalidInputException badExpiry(String detail) {
        return new InvalidInputException("BAD_EXPIRY", "error.token.expiry", detail, MAX_DAYS);
    }

    /**
     * The tokens of the signed-in user, or of {@code owner} for an admin; newest first, every state,
     * with the newest use even if it is not written yet.
     */
    @Transactional(readOnly = true)
    public List<ApiToken> list(@Nullable String owner) {
        var caller = callerName();
        var name = owner == null || owner.isBlank() ? caller : owner.strip();
        if (!name.equalsIgnoreCase(caller) && !callerIsAdmin()) {
            throw new AccessDeniedException("Only an admin sees another account's tokens");
        }
        var found = users.findByUsername(name).map(UserRepository.StoredUser::account);
        if (found.isEmpty() && name.equalsIgnoreCase(caller)) {
            // A login with no account row (the station's own "system") holds no tokens.
            return List.of();
        }
        var account = found.orElseThrow(() -> new InvalidInputException("UNKNOWN_USER", "error.token.unknownUser",
                "No user " + name, name));
        return tokens.findByUser(account.id()).stream().map(t -> t.withLastUse(usage.latest(t.id()))).toList();
    }

    /**
     * Revokes a token of the signed-in user, or any token for an admin. Empty when there is no such
     * token or it is someone else's (a non-admin cannot tell the two apart). Revoking twice keeps the
     * first revocation.
     */
    @Audited(value = "TOKEN_REVOKED", target = "TOKEN", name = "#result?.orElse(null)?.name()",
            details = "{'owner': #result?.orElse(null)?.username(), 'revoked': #result?.isPresent()}")
    public Optional<ApiToken> revoke(long id) {
        var caller = callerName();
        var found = tokens.findById(id).map(ApiTokenRepository.Stored::token)
                .filter(t -> t.username().equalsIgnoreCase(caller) || callerIsAdmin());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        transactions.executeWithoutResult(status -> tokens.revoke(id, clock.instant(), caller));
        return tokens.findById(id).map(s -> s.token().withLastUse(usage.latest(id)));
    }

    /**
     * The authentication a presented token stands for, or empty when it is malformed, unknown,
     * expired, revoked or its owner is disabled: all of them look the same to the caller.
     */
    @Transactional(readOnly = true)
    public Optional<TokenAuthentication> authenticate(String presented, String from) {
        if (!FORMAT.matcher(presented).matches()) {
            return Optional.empty();
        }
        var hash = sha256(presented);
        // Looked up by its hash: the secret is never compared character by character with anything
        // stored, and the hash of 256 random bits tells a timing observer nothing.
        var stored = tokens.findByHash(hash);
        if (stored.isEmpty() || !MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                stored.get().tokenHash().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        var token = stored.get().token();
        if (!stored.get().ownerEnabled() || token.state(clock.instant()) != ApiToken.State.ACTIVE) {
            return Optional.empty();
        }
        usage.record(token.id(), from);
        return Optional.of(new TokenAuthentication(token.username(), users.rolesOf(token.userId()), token.id(),
                token.name(), token.scopes()));
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    private String callerName() {
        var auth = securityContext.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            throw new AccessDeniedException("Not signed in");
        }
        return auth.getName();
    }

    private boolean callerIsAdmin() {
        var auth = securityContext.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
    }
}
