package vn.loaxa.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API side of the forced password change: a user who must replace a temporary, generated or
 * too weak password gets {@code 403 PASSWORD_CHANGE_REQUIRED} on every call but the change itself,
 * just as every page of the web UI leads to the change page. Runs after authentication, so the
 * flag comes with the credentials just checked and the database is not asked again.
 */
final class PasswordChangeRequiredFilter extends OncePerRequestFilter {

    static final String CHANGE_PATH = "/api/account/password";

    private final RequestMatcher change = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, CHANGE_PATH);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        boolean mustChange = auth != null && auth.isAuthenticated() && auth.getAuthorities().stream()
                .anyMatch(a -> UserService.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()));
        if (mustChange && !change.matches(request)) {
            ApiSecurityErrors.write(response, HttpStatus.FORBIDDEN, "error.api.passwordChangeRequired", new Object[0],
                    "PASSWORD_CHANGE_REQUIRED", "Change the password first: POST " + CHANGE_PATH
                            + " {\"currentPassword\", \"newPassword\"}", request);
            return;
        }
        chain.doFilter(request, response);
    }
}
