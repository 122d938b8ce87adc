package vn.loaxa.base;

import org.springframework.security.access.AccessDeniedException;

/**
 * A change this user may not make, for a reason more particular than their roles: approving a
 * bulletin they wrote themselves, airing audio nobody approved, ordering an emergency the station's
 * settings keep for other roles. An {@link AccessDeniedException}, so everything that treats a
 * refused role treats it alike (403 from the API, a notice in the UI), with its own {@code code}
 * and a translated reason the user can act on.
 */
public class RefusedException extends AccessDeniedException {

    private final String code;
    private final String messageKey;
    private final transient Object[] args;

    public RefusedException(String code, String messageKey, String detail, Object... args) {
        super(detail);
        this.code = code;
        this.messageKey = messageKey;
        this.args = java.util.Arrays.stream(args).map(a -> a instanceof Number ? a.toString() : a).toArray();
    }

    public String code() {
        return code;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
