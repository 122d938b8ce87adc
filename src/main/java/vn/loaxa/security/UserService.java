package vn.loaxa.security;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User accounts. Also the {@link UserDetailsService} both the login page and HTTP Basic use, so a
 * disabled account is refused everywhere at once.
 */
@Service
public class UserService implements UserDetailsService {

    static final int MIN_PASSWORD_LENGTH = 8;

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final Clock clock;

    UserService(UserRepository users, PasswordEncoder encoder, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
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

    @Transactional
    public UserAccount create(String username, String displayName, String rawPassword, Set<Role> roles,
                              boolean mustChangePassword) {
        checkPassword(rawPassword);
        if (username.isBlank() || roles.isEmpty()) {
            throw new IllegalArgumentException("A user needs a name and at least one role");
        }
        users.insert(username.strip(), displayName.strip(), encoder.encode(rawPassword), roles, mustChangePassword,
                clock.instant());
        return find(username.strip()).orElseThrow();
    }

    @Transactional
    public void changePassword(String username, String newRawPassword) {
        checkPassword(newRawPassword);
        var account = find(username).orElseThrow(() -> new UsernameNotFoundException("No user " + username));
        users.updatePassword(account.id(), encoder.encode(newRawPassword), false);
    }

    private static void checkPassword(String raw) {
        if (raw.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("A password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }
}
