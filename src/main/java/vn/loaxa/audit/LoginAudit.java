package vn.loaxa.audit;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

import vn.loaxa.audit.AuditRecords.Entry;

/**
 * Logins into the audit trail: each login through the login page ({@code LOGIN_SUCCEEDED}) and each
 * refused password, by the login page or HTTP Basic ({@code LOGIN_FAILED}, the actor being the name
 * typed, the reason a code: {@code BAD_CREDENTIALS}, {@code DISABLED}, {@code LOCKED}...). An API
 * call that succeeds is not a row: every API call signs in. A password the station could not check
 * (the database busy) is nobody's failure and is not recorded. A row that cannot be written never
 * turns a login into an error.
 */
@Component
class LoginAudit {

    private static final Logger log = LoggerFactory.getLogger(LoginAudit.class);
    /** A name typed into the login form is the attacker's text: bounded. */
    private static final int MAX_NAME = 100;

    private final AuditTrail trail;

    LoginAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void succeeded(InteractiveAuthenticationSuccessEvent event) {
        record(event.getAuthentication().getName(), "LOGIN_SUCCEEDED", null);
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        if (event instanceof AuthenticationFailureServiceExceptionEvent) {
            return;
        }
        // AuthenticationFailureBadCredentialsEvent -> BAD_CREDENTIALS
        var reason = event.getClass().getSimpleName().replace("AuthenticationFailure", "").replace("Event", "")
                .replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        record(String.valueOf(event.getAuthentication().getName()), "LOGIN_FAILED",
                "{\"details\":{\"reason\":\"" + reason + "\"}}");
    }

    private void record(String name, String action, @Nullable String details) {
        var actor = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) + "…" : name;
        if (actor.isBlank()) {
            return;
        }
        var origin = AuditOrigin.current();
        try {
            trail.append(new Entry(actor, action, "USER", null, actor, details, origin.address(), origin.via()));
        } catch (RuntimeException e) {
            log.warn("Could not record {} of {} in the audit trail: {}", action, actor, e.getMessage());
        }
    }
}
