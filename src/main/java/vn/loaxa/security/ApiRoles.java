package vn.loaxa.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatchers;

/**
 * Who may make each API call, the README API table's "who" column, checked on the URL before the
 * request is read (decision 0019). The services check the same roles again (method security), so
 * the web UI and any other door agree; checking here as well makes a caller without the role get
 * {@code 403 FORBIDDEN} whatever the body, never a 400 that tells them how to shape a request they
 * may not make, and spends no parsing or database work on them.
 *
 * <p>The emergency roles are a station setting, read for each emergency call. A path no row
 * matches (an unknown path, a method the path does not take) is left to Spring MVC's 404 or 405.
 */
final class ApiRoles {

    /** Every role: a call any signed-in user may make. */
    private static final Set<Role> ANY = Collections.unmodifiableSet(EnumSet.allOf(Role.class));

    private record Rule(RequestMatcher matcher, @Nullable Set<Role> roles) {
    }

    private static final List<Rule> RULES = List.of(
            rule(HttpMethod.GET, "/api/status", ANY),
            rule(HttpMethod.GET, "/api/library", ANY),
            rule(HttpMethod.GET, "/api/programmes", ANY),
            rule(HttpMethod.GET, "/api/villages", ANY),
            rule(HttpMethod.GET, "/api/villages/{id}", ANY),
            rule(HttpMethod.GET, "/api/airlog", ANY),
            rule(HttpMethod.GET, "/api/airlog.csv", ANY),
            rule(HttpMethod.GET, "/api/airlog/villages", ANY),
            rule(HttpMethod.GET, "/api/airlog/verify", ANY),
            // Own tokens and own password; the services decide whose (an admin: any service account's).
            rule(HttpMethod.GET, "/api/tokens", ANY),
            rule(HttpMethod.POST, "/api/tokens", ANY),
            rule(HttpMethod.DELETE, "/api/tokens/{id}", ANY),
            rule(HttpMethod.POST, PasswordChangeRequired.CHANGE_PATH, ANY),
            // what airs
            rule(HttpMethod.POST, "/api/library", EnumSet.of(Role.ADMIN, Role.OPERATOR)),
            rule(HttpMethod.POST, "/api/broadcasts", EnumSet.of(Role.ADMIN, Role.OPERATOR)),
            rule(HttpMethod.GET, "/api/schedules/export", EnumSet.of(Role.ADMIN, Role.OPERATOR)),
            rule(HttpMethod.POST, "/api/tts", EnumSet.of(Role.ADMIN, Role.OPERATOR)),
            rule(HttpMethod.POST, "/api/output/test-tone", EnumSet.of(Role.ADMIN, Role.OPERATOR)),
            rule(HttpMethod.POST, "/api/villages/test", EnumSet.of(Role.ADMIN, Role.OPERATOR)),
            rule(HttpMethod.POST, "/api/emergency", null),
            rule(HttpMethod.POST, "/api/onair/stop", EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.APPROVER)),
            rule(HttpMethod.POST, "/api/onair/skip", EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.APPROVER)),
            rule(HttpMethod.GET, "/api/live", EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.APPROVER)),
            rule(HttpMethod.POST, "/api/live", EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.APPROVER)),
            rule(HttpMethod.POST, "/api/live/end", EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.APPROVER)),
            rule(HttpMethod.GET, "/api/emergency-presets", null),
            rule(HttpMethod.POST, "/api/emergency-presets/{id}/order", null),
            // evidence and reports
            rule(HttpMethod.GET, "/api/reports", EnumSet.of(Role.ADMIN, Role.REPORTER)),
            rule(HttpMethod.GET, "/api/evidence", EnumSet.of(Role.ADMIN, Role.REPORTER)),
            rule(HttpMethod.GET, "/api/audit", EnumSet.of(Role.ADMIN, Role.REPORTER)),
            rule(HttpMethod.GET, "/api/audit.csv", EnumSet.of(Role.ADMIN, Role.REPORTER)),
            rule(HttpMethod.GET, "/api/audit/verify", EnumSet.of(Role.ADMIN, Role.REPORTER)),
            // administration
            rule(HttpMethod.POST, "/api/schedules/import", EnumSet.of(Role.ADMIN)),
            rule(HttpMethod.PUT, "/api/villages/{id}", EnumSet.of(Role.ADMIN)),
            rule(HttpMethod.GET, "/api/settings/switching", EnumSet.of(Role.ADMIN)),
            rule(HttpMethod.PUT, "/api/settings/switching", EnumSet.of(Role.ADMIN)),
            rule(HttpMethod.GET, "/api/backups", EnumSet.of(Role.ADMIN)),
            rule(HttpMethod.POST, "/api/backups", EnumSet.of(Role.ADMIN)),
            rule(HttpMethod.GET, "/api/users", EnumSet.of(Role.ADMIN)),
            rule(HttpMethod.POST, "/api/users", EnumSet.of(Role.ADMIN)),
            rule(HttpMethod.GET, "/api/security/lockouts", EnumSet.of(Role.ADMIN)),
            rule(HttpMethod.DELETE, "/api/security/lockouts", EnumSet.of(Role.ADMIN)),
            rule(HttpMethod.DELETE, "/api/security/lockouts/{username}", EnumSet.of(Role.ADMIN)));

    private final Supplier<Set<Role>> emergencyRoles;

    /** {@code emergencyRoles}: the roles the station's settings let order an emergency now. */
    ApiRoles(Supplier<Set<Role>> emergencyRoles) {
        this.emergencyRoles = emergencyRoles;
    }

    /**
     * Refused by the station's emergency setting rather than by a fixed role: answered with that
     * reason, as the service would, so the caller knows an admin can change it.
     */
    static final class EmergencyRefused extends AuthorizationDecision {
        EmergencyRefused() {
            super(false);
        }
    }

    /** Granted when the caller holds a role this call allows, or no row names the path. */
    AuthorizationDecision decide(Authentication caller, HttpServletRequest request) {
        for (var rule : RULES) {
            if (rule.matcher().matches(request)) {
                var roles = rule.roles() != null ? rule.roles() : emergencyRoles();
                var authorities = caller.getAuthorities().stream().map(a -> a.getAuthority()).toList();
                if (roles.stream().anyMatch(role -> authorities.contains(role.authority()))) {
                    return new AuthorizationDecision(true);
                }
                return rule.roles() == null ? new EmergencyRefused() : new AuthorizationDecision(false);
            }
        }
        return new AuthorizationDecision(true);
    }

    private Set<Role> emergencyRoles() {
        try {
            return emergencyRoles.get();
        } catch (RuntimeException e) {
            // The setting could not be read (a busy database): the service checks it again on the call.
            return ANY;
        }
    }

    private static Rule rule(HttpMethod method, String path, @Nullable Set<Role> roles) {
        var matcher = PathPatternRequestMatcher.withDefaults().matcher(method, path);
        // HEAD is a GET without the body: whoever may GET may HEAD.
        RequestMatcher matching = method == HttpMethod.GET
                ? RequestMatchers.anyOf(matcher, PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.HEAD, path))
                : matcher;
        return new Rule(matching, roles == null ? null : Collections.unmodifiableSet(EnumSet.copyOf(roles)));
    }
}
