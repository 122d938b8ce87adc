package vn.loaxa.testing;

import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Prepares data as another role inside a test that runs as a given user, then restores that user. */
public final class RunAs {

    /** An action that may throw a checked exception (an import refused, say). */
    @FunctionalInterface
    public interface Action<T, E extends Exception> {
        T get() throws E;
    }

    private RunAs() {
    }

    public static <T> T run(String user, String role, Supplier<T> action) {
        return call(user, role, action::get);
    }

    /** As {@link #run}, for an action that throws a checked exception; roles comma-separated. */
    public static <T, E extends Exception> T call(String user, String roles, Action<T, E> action) throws E {
        var before = SecurityContextHolder.getContext().getAuthentication();
        var ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, "x",
                AuthorityUtils.createAuthorityList(java.util.Arrays.stream(roles.split(","))
                        .map(r -> "ROLE_" + r.strip()).toArray(String[]::new))));
        SecurityContextHolder.setContext(ctx);
        try {
            return action.get();
        } finally {
            var restored = SecurityContextHolder.createEmptyContext();
            restored.setAuthentication(before);
            SecurityContextHolder.setContext(restored);
        }
    }
}
