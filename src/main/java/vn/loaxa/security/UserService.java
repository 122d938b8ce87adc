package vn.loaxa.security;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    static final int MIN_PASSWORD_LENGTH = 8;
    /** What the station itself acts as (start-up work, the first-start load): never a person's name. */
    static final Set<String> RESERVED_USERNAMES = Set.of(CurrentUser.SYSTEM, "seed");

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final Clock clock;
    /** Password hashing takes ~100 ms of CPU on purpose: it runs before the write transaction, never in it. */
    private final TransactionTemplate transactions;

    UserService(UserRepository users, PasswordEncoder encoder, Clock clock, TransactionTemplate transactions) {
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
        this.transactions = transactions;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        var stored = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No user " + username));
        var account = stored.account();
        return User.withUsername(account.username())
                .password(stored.passwordHash())
                .disabled(!account.enabled())
                .authorities(account.roles().stream().map(Role::authority).toArray(String[]::new))
                .build();
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> find(String username) {
        return users.findByUsername(username).map(UserRepository.StoredUser::account);
    }

    @Transactional(readOnly = true)
    public List<UserAccount> findAll() {
        return users.findAll();
    }

    @Transactional(readOnly = true)
    public boolean hasUsers() {
        return users.count() > 0;
    }

    @Audited(value = "USER_CREATED", target = "USER", snapshot = "#result")
    public UserAccount create(String username, String displayName, String rawPassword, Set<Role> roles,
                              boolean mustChangePassword) {
        checkPassword(rawPassword);
        if (username.isBlank() || roles.isEmpty()) {
            throw new IllegalArgumentException("A user needs a name and at least one role");
        }
        if (RESERVED_USERNAMES.contains(username.strip().toLowerCase(java.util.Locale.ROOT))) {
            // The station's own work is recorded under these names, and the audit trail leaves it out.
            throw new InvalidInputException("RESERVED_USERNAME", "error.user.reservedName",
                    "Reserved user name: " + username.strip(), username.strip());
        }
        var hash = encoder.encode(rawPassword);
        transactions.executeWithoutResult(status -> users.insert(username.strip(), displayName.strip(), hash, roles,
                mustChangePassword, clock.instant()));
        return find(username.strip()).orElseThrow();
    }

    @Audited(value = "PASSWORD_CHANGED", target = "USER", snapshot = "find(#username).orElse(null)")
    public void changePassword(String username, String newRawPassword) {
        checkPassword(newRawPassword);
        var account = find(username).orElseThrow(() -> new UsernameNotFoundException("No user " + username));
        var hash = encoder.encode(newRawPassword);
        transactions.executeWithoutResult(status -> users.updatePassword(account.id(), hash, false));
    }

    /** The signed-in user's own change: proves the current password first, and clears the forced change. */
    @Audited(value = "PASSWORD_CHANGED", target = "USER",
            snapshot = "find(T(vn.loaxa.security.CurrentUser).name()).orElse(null)")
    public void changeOwnPassword(String currentPassword, String newRawPassword) {
        var stored = users.findByUsername(CurrentUser.name())
                .orElseThrow(() -> new UsernameNotFoundException("No user " + CurrentUser.name()));
        if (!encoder.matches(currentPassword, stored.passwordHash())) {
            throw new InvalidInputException("WRONG_PASSWORD", "error.user.wrongPassword", "Current password wrong");
        }
        if (currentPassword.equals(newRawPassword)) {
            throw new InvalidInputException("SAME_PASSWORD", "error.user.samePassword", "New password is the old one");
        }
        checkPassword(newRawPassword);
        var hash = encoder.encode(newRawPassword);
        transactions.executeWithoutResult(status -> users.updatePassword(stored.account().id(), hash, false));
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
        checkPassword(newRawPassword);
        var hash = encoder.encode(newRawPassword);
        transactions.executeWithoutResult(status -> users.updatePassword(id, hash, true));
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
        boolean losesAdmin = account.roles().contains(Role.ADMIN) && (!roles.contains(Role.ADMIN) || !enabled);
        long admins = users.findAll().stream().filter(a -> a.enabled() && a.roles().contains(Role.ADMIN)).count();
        if (losesAdmin && admins <= 1) {
            throw new InvalidInputException("LAST_ADMIN", "error.user.lastAdmin", "Last admin");
        }
        users.update(id, displayName.isBlank() ? account.username() : displayName.strip(), roles, enabled);
    }

    private static void checkPassword(String raw) {
        if (raw.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("SHORT_PASSWORD", "error.user.shortPassword", "Password too short",
                    MIN_PASSWORD_LENGTH);
        }
    }
}
