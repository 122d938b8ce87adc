package vn.loaxa.security;

/**
 * The four kinds of user. Spring Security sees them as authorities {@code ROLE_<name>}.
 */
public enum Role {
    /** Manages users, settings and everything an operator does. */
    ADMIN,
    /** Uploads bulletins and builds the schedule. */
    OPERATOR,
    /** Commune leadership: approves or rejects bulletins before they air. */
    APPROVER,
    /** Culture and information officer: reads the air log and reports. */
    REPORTER;

    public String authority() {
        return "ROLE_" + name();
    }
}
