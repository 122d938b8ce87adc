package vn.loaxa.security;

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
}
