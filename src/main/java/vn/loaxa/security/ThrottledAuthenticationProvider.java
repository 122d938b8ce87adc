package vn.loaxa.security;

import java.util.ArrayList;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The one way a password is checked, for the login page, HTTP Basic on the API and the health
 * probes: Spring Security's {@link DaoAuthenticationProvider} (bcrypt; for an unknown name it
 * still hashes, so the answer takes as long), wrapped in the {@link LoginThrottle}. A login that
 * must wait is refused before the database or bcrypt is touched.
 * <p>
 * A right password that today's rules would refuse (an account from before them, with
 * {@code 12345678}) still logs in, but the account is then marked to change it: the web UI leads
 * to the change page and the API answers {@code 403 PASSWORD_CHANGE_REQUIRED} until it is done.
 */
@Component
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final UserService users;
    private final PasswordPolicy policy;

    ThrottledAuthenticationProvider(UserService users, PasswordEncoder encoder, LoginThrottle throttle,
                                    PasswordPolicy policy) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
        this.users = users;
        this.policy = policy;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var permit = throttle.acquire(authentication.getName(), addressOf(authentication));
        try {
            var result = passwords.authenticate(authentication);
            var checked = weakPasswordMarked(result, authentication);
            throttle.succeeded(permit);
            return checked;
        } catch (InternalAuthenticationServiceException couldNotCheck) {
            // The database was busy: no verdict on the password, so no failure counted.
            throw couldNotCheck;
        } catch (AuthenticationException wrong) {
            throttle.failed(permit);
            throw wrong;
        } finally {
            throttle.released(permit);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    private Authentication weakPasswordMarked(Authentication result, Authentication attempt) {
        if (result.getAuthorities().stream().anyMatch(a -> UserService.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()))
                || !(attempt.getCredentials() instanceof String raw) || policy.acceptable(result.getName(), raw)) {
            return result;
        }
        try {
            users.requirePasswordChange(result.getName());
            log.info("Account '{}' logged in with a password the password rules refuse: it must change it now",
                    result.getName());
        } catch (RuntimeException e) {
            // This login is still held to it below; the mark is written at the next login.
            log.warn("Could not mark account '{}' to change its weak password: {}", result.getName(), e.getMessage());
        }
        var authorities = new ArrayList<GrantedAuthority>(result.getAuthorities());
        authorities.add(new SimpleGrantedAuthority(UserService.PASSWORD_CHANGE_REQUIRED));
        var marked = UsernamePasswordAuthenticationToken.authenticated(result.getPrincipal(), result.getCredentials(),
                authorities);
        marked.setDetails(result.getDetails());
        return marked;
    }

    private static @Nullable String addressOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
