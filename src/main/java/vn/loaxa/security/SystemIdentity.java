package vn.loaxa.security;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What the station does on its own with nobody logged in, and that people may do only as ADMIN:
 * creating the first admin, loading the schedule files on the first start. The services check roles
 * for every change (so the web UI and the API cannot disagree); these few start-up steps run under
 * a named identity with the ADMIN role, so the rows they write say who made them ("seed", "system").
 * The playout engine and its jobs never need it: they only read the schedule and write the air log.
 */
public final class SystemIdentity {

    private SystemIdentity() {
    }

    /** Runs {@code action} as {@code name} with the ADMIN role on this thread, then restores whoever was there. */
    public static <T> T call(String name, Supplier<T> action) {
        var before = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null,
                List.of(new SimpleGrantedAuthority(Role.ADMIN.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }

    public static void run(String name, Runnable action) {
        call(name, () -> {
            action.run();
            return null;
        });
    }
}
