package vn.loaxa.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The name of whoever is acting, for the "created by" and "approved by" columns. Taken from the
 * security context rather than from a parameter, so a caller cannot write someone else's name.
 */
public final class CurrentUser {

    /** What the station itself does (the scheduler, start-up recovery) is recorded under this name. */
    public static final String SYSTEM = "system";

    private CurrentUser() {
    }

    public static String name() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? SYSTEM : auth.getName();
    }

    /** The roles of whoever is acting; none without a signed-in user or {@link SystemIdentity}. */
    public static Set<Role> roles() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return Set.of();
        }
        var roles = EnumSet.noneOf(Role.class);
        for (var granted : auth.getAuthorities()) {
            for (var role : Role.values()) {
                if (role.authority().equals(granted.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return Collections.unmodifiableSet(roles);
    }
}
