package vn.loaxa.security;

/** Whether an account is a person's or an integration's. */
public enum AccountKind {
    /** Logs in with a password (web UI and HTTP Basic) and may also hold API tokens. */
    PERSON,
    /**
     * An integration (the provincial source system, a monitoring server): acts only through the
     * API tokens an admin gives it and can never log in with a password, so no password of it can
     * be guessed, phished or left in a script.
     */
    SERVICE
}
