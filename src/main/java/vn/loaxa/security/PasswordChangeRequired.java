package vn.loaxa.security;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The API side of the forced password change: a user who must replace a temporary, generated or
 * too weak password is refused every call but the change itself, with {@code 403
 * PASSWORD_CHANGE_REQUIRED}, just as every page of the web UI leads to the change page. An
 * authorisation rule of the API chain (any signed-in user, unless flagged), so it sees the very
 * authentication the chain has just checked, with its flag: no second database read per call.
 */
final class PasswordChangeRequired implements AuthorizationManager<RequestAuthorizationContext> {

    static final String CHANGE_PATH = "/api/account/password";

    /** The refusal's reason, told apart from a missing role by the access-denied handler. */
    static final class Decision extends AuthorizationDecision {
        Decision() {
            super(false);
        }
    }

    private final RequestMatcher change = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, CHANGE_PATH);
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        var auth = authentication.get();
        if (auth == null || !trust.isAuthenticated(auth)) {
            return new AuthorizationDecision(false);
        }
        boolean mustChange = auth.getAuthorities().stream()
                .anyMatch(a -> UserService.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()));
        return mustChange && !change.matches(context.getRequest()) ? new Decision() : new AuthorizationDecision(true);
    }

    /** Writes the 403 when this rule refused the call; false for any other refusal. */
    static boolean answered(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) {
        if (!(denied instanceof AuthorizationDeniedException d && d.getAuthorizationResult() instanceof Decision)) {
            return false;
        }
        ApiSecurityErrors.write(response, HttpStatus.FORBIDDEN, "error.api.passwordChangeRequired", new Object[0],
                "PASSWORD_CHANGE_REQUIRED", "Change the password first: POST " + CHANGE_PATH
                        + " {\"currentPassword\", \"newPassword\"}", request);
        return true;
    }
}
