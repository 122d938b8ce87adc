package vn.loaxa.testing;

import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Prepares data as another role inside a test that runs as a given user, then restores that user. */
public final class RunAs {

    private RunAs() {
    }

    public static <T> T run(String user, String role, Supplier<T> action) {
        var before = SecurityContextHolder.getContext().getAuthentication();
        var ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, "x",
                AuthorityUtils.createAuthorityList("ROLE_" + role)));
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
