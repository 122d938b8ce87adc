package vn.loaxa.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;

/**
 * User accounts. Also the {@link UserDetailsService} both the login page and HTTP Basic use, so a
 * disabled account is refused everywhere at once.
 */
@Service
public class UserService implements UserDetailsService {

    /**
     * The authority of a signed-in user who must replace their password first (a temporary or
     * generated one, or one the password rules refuse). Not a role: no {@code hasRole} matches it;
     * the API refuses every call but the password change while it is there.
     */
    public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    /** Published after a password change has been committed. */
    public record PasswordChanged(String username, boolean byTheUser) {
    }
    /** What the station itself acts as (start-up work, the first-start load): never a person's name. */
    static final Set<String> RESERVED_USERNAMES = Set.of(CurrentUser.SYSTEM, "seed");

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final Clock clock;
    /** Password hashing takes ~100 ms of CPU on purpose: it runs before the write transaction, never in it. */
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    UserService(UserRepository users, PasswordEncoder encoder, PasswordPolicy policy, Clock clock,
                TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
        this.clock = clock;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        var stored = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No user " + username));
        var account = stored.account();
        if (account.service()) {
            // A service account has no password door at all; it answers exactly like an unknown name,
            // and Spring still spends the same hashing time, so nothing tells the two apart.
            throw new UsernameNotFoundException("No password login for " + username);
        }
        var authorities = new ArrayList<String>();
        account.roles().forEach(r -> authorities.add(r.authority()));
        if (account.mustChangePassword()) {
            authorities.add(PASSWORD_CHANGE_REQUIRED);
        }
        return User.withUsername(account.username())
                .password(stored.passwordHash())
                .disabled(!account.enabled())
                .authorities(authorities.toArray(String[]::new))
                .build();
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> find(String username) {
        return users.findByUsername(username).map(UserRepository.StoredUser::account);
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> findById(long id) {
        return users.findById(id);
    }

    @Transactional(readOnly = true)
    public List<UserAccount> findAll() {
        return users.findAll();
    }

    @Transactional(readOnly = true)
    public boolean hasUsers() {
        return users.count() > 0;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "USER_CREATED", target = "USER", snapshot = "#result")
    public UserAccount create(String username, String displayName, String rawPassword, Set<Role> roles,
                              boolean mustChangePassword) {
        if (username.isBlank() || roles.isEmpty()) {
            throw new IllegalArgumentException("A user needs a name and at least one role");
        }
        refuseReserved(username);
        policy.check(username, rawPassword);
        var hash = encoder.encode(rawPassword);
        transactions.executeWithoutResult(status -> users.insert(username.strip(), displayName.strip(), hash, roles,
                mustChangePassword, clock.instant()));
        return find(username.strip()).orElseThrow();
    }

    /**
     * An account for an integration: it acts only through the API tokens an admin gives it. Its
     * stored hash is of random bytes nobody ever sees, and the password login refuses it anyway.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "USER_CREATED", target = "USER", snapshot = "#result")
    public UserAccount createServiceAccount(String username, String displayName, Set<Role> roles) {
        if (username.isBlank() || roles.isEmpty()) {
            throw new InvalidInputException("NO_ROLES", "error.user.noRoles", "A service account needs a name and a role");
        }
        refuseReserved(username);
        var unusable = new byte[32];
        new java.security.SecureRandom().nextBytes(unusable);
        var hash = encoder.encode(java.util.HexFormat.of().formatHex(unusable));
        var name = displayName.isBlank() ? username.strip() : displayName.strip();
        transactions.executeWithoutResult(status -> users.insert(username.strip(), name, hash, roles, false,
                clock.instant(), AccountKind.SERVICE));
        return find(username.strip()).orElseThrow();
    }

    /** The station's own work is recorded under these names, and the audit trail leaves it out. */
    private static void refuseReserved(String username) {
        if (RESERVED_USERNAMES.contains(username.strip().toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidInputException("RESERVED_USERNAME", "error.user.reservedName",
                    "Reserved user name: " + username.strip(), username.strip());
        }
    }

    /** Sets a password that need not be changed (tools, tests); the rules apply as everywhere. */
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PASSWORD_CHANGED", target = "USER", snapshot = "find(#username).orElse(null)")
    public void changePassword(String username, String newRawPassword) {
        var account = find(username).orElseThrow(() -> new UsernameNotFoundException("No user " + username));
        policy.check(account.username(), newRawPassword);
        var hash = encoder.encode(newRawPassword);
        transactions.executeWithoutResult(status -> users.updatePassword(account.id(), hash, false));
        events.publishEvent(new PasswordChanged(account.username(), false));
    }

    /** The signed-in user's own change: proves the current password first, and clears the forced change. */
    @Audited(value = "PASSWORD_CHANGED", target = "USER",
            snapshot = "find(T(vn.loaxa.security.CurrentUser).name()).orElse(null)")
    public void changeOwnPassword(String currentPassword, String newRawPassword) {
        changeOwnPassword(CurrentUser.name(), currentPassword, newRawPassword);
    }

    /**
     * The same for the user the caller has authenticated (the API passes the request's principal):
     * the current password is proven all the same.
     */
    @Audited(value = "PASSWORD_CHANGED", target = "USER", snapshot = "find(#username).orElse(null)")
    public void changeOwnPassword(String username, String currentPassword, String newRawPassword) {
        var stored = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No user " + username));
        if (!encoder.matches(currentPassword, stored.passwordHash())) {
            throw new InvalidInputException("WRONG_PASSWORD", "error.user.wrongPassword", "Current password wrong");
        }
        if (currentPassword.equals(newRawPassword)) {
            throw new InvalidInputException("SAME_PASSWORD", "error.user.samePassword", "New password is the old one");
        }
        policy.check(stored.account().username(), newRawPassword);
        var hash = encoder.encode(newRawPassword);
        transactions.executeWithoutResult(status -> users.updatePassword(stored.account().id(), hash, false));
        events.publishEvent(new PasswordChanged(stored.account().username(), true));
    }

    /** Marks an account to change its password at its next step (its current one breaks today's rules). */
    public void requirePasswordChange(String username) {
        transactions.executeWithoutResult(status -> users.findByUsername(username)
                .ifPresent(u -> users.requirePasswordChange(u.account().id())));
    }

    /** Remembers the UI language of the signed-in user ("vi" or "en"). */
    @Transactional
    @Audited(value = "LANGUAGE_CHANGED", target = "USER",
            snapshot = "find(T(vn.loaxa.security.CurrentUser).name()).orElse(null)")
    public void setOwnLocale(String language) {
        if (!language.equals("vi") && !language.equals("en")) {
            throw new IllegalArgumentException("Unsupported language " + language);
        }
        find(CurrentUser.name()).ifPresent(a -> users.updateLocale(a.id(), language));
    }

    /** An admin sets a new password that the user must change at next login. */
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PASSWORD_RESET", target = "USER", snapshot = "findAll().^[id() == #id]")
    public void resetPassword(long id, String newRawPassword) {
        var account = users.findById(id).orElseThrow(() -> new UsernameNotFoundException("No user " + id));
        if (account.service()) {
            throw new InvalidInputException("SERVICE_ACCOUNT", "error.user.serviceNoPassword",
                    "A service account has no password");
        }
        policy.check(account.username(), newRawPassword);
        var hash = encoder.encode(newRawPassword);
        transactions.executeWithoutResult(status -> users.updatePassword(id, hash, true));
        events.publishEvent(new PasswordChanged(account.username(), false));
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "USER_UPDATED", target = "USER", snapshot = "findAll().^[id() == #id]")
    public void update(long id, String displayName, Set<Role> roles, boolean enabled) {
        var account = users.findAll().stream().filter(a -> a.id() == id).findFirst()
                .orElseThrow(() -> new UsernameNotFoundException("No user " + id));
        if (roles.isEmpty()) {
            throw new InvalidInputException("NO_ROLES", "error.user.noRoles", "A user needs a role");
        }
        // The last enabled admin cannot lock everybody out of user management.
        boolean losesAdmin = !account.service() && account.roles().contains(Role.ADMIN)
                && (!roles.contains(Role.ADMIN) || !enabled);
        // Only people count: a service account cannot open the Users view to repair anything.
        long admins = users.findAll().stream()
                .filter(a -> a.enabled() && !a.service() && a.roles().contains(Role.ADMIN)).count();
        if (losesAdmin && admins <= 1) {
            throw new InvalidInputException("LAST_ADMIN", "error.user.lastAdmin", "Last admin");
        }
        users.update(id, displayName.isBlank() ? account.username() : displayName.strip(), roles, enabled);
    }
}
