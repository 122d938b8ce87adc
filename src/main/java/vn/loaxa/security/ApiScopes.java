package vn.loaxa.security;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatchers;

import static vn.loaxa.security.ApiScope.ADMIN;
import static vn.loaxa.security.ApiScope.EMERGENCY;
import static vn.loaxa.security.ApiScope.READ;
import static vn.loaxa.security.ApiScope.REPORT;
import static vn.loaxa.security.ApiScope.SCHEDULE;

/**
 * The one table of which API call a token needs which scope for. A call made with a token must
 * pass both this table and the owner's roles (checked by the controllers and services as for any
 * login), so a token's rights are its owner's roles intersected with its scopes. Calls made with a
 * password (HTTP Basic) are not limited by scopes.
 *
 * <p>Every endpoint under /api has a row: {@code ApiScopesCoverageTest} fails for a controller
 * method without one. The first matching row wins; a path no row matches (an unknown path) needs
 * {@code admin}, so a new endpoint is never open to a narrow token by accident.
 */
public final class ApiScopes {

    /** What a call needs from a token: a scope, or a password login (no token may make it). */
    public record Need(@Nullable ApiScope scope) {

        static final Need PASSWORD = new Need(null);

        public boolean passwordOnly() {
            return scope == null;
        }

        /** How the table and the error detail write it: the scope's code, or "password". */
        public String label() {
            return scope == null ? "password" : scope.code();
        }
    }

    /** One row: method, path pattern (Spring's PathPattern), an optional extra condition, the need. */
    public record Rule(HttpMethod method, String path, @Nullable String condition, Need need,
                       RequestMatcher matcher, Predicate<HttpServletRequest> when) {

        boolean matches(HttpServletRequest request) {
            return matcher.matches(request) && when.test(request);
        }
    }

    private static final Predicate<HttpServletRequest> ALWAYS = r -> true;

    public static final List<Rule> RULES = List.of(
            // the station's state
            rule(HttpMethod.GET, "/api/status", READ),
            rule(HttpMethod.GET, "/api/library", READ),
            rule(HttpMethod.GET, "/api/programmes", READ),
            rule(HttpMethod.GET, "/api/villages", READ),
            rule(HttpMethod.GET, "/api/villages/{id}", READ),
            rule(HttpMethod.GET, "/api/airlog", READ),
            rule(HttpMethod.GET, "/api/airlog/villages", READ),
            rule(HttpMethod.GET, "/api/airlog/verify", READ),
            // what airs
            rule(HttpMethod.POST, "/api/library", SCHEDULE),
            rule(HttpMethod.POST, "/api/broadcasts", SCHEDULE),
            rule(HttpMethod.POST, "/api/schedules/import", SCHEDULE),
            rule(HttpMethod.GET, "/api/schedules/export", SCHEDULE),
            rule(HttpMethod.POST, "/api/tts", SCHEDULE),
            rule(HttpMethod.POST, "/api/output/test-tone", SCHEDULE),
            rule(HttpMethod.POST, "/api/villages/test", SCHEDULE),
            rule(HttpMethod.POST, "/api/emergency", EMERGENCY),
            rule(HttpMethod.POST, "/api/onair/stop", SCHEDULE),
            rule(HttpMethod.POST, "/api/onair/skip", SCHEDULE),
            rule(HttpMethod.GET, "/api/live", SCHEDULE),
            rule(HttpMethod.POST, "/api/live", SCHEDULE),
            rule(HttpMethod.POST, "/api/live/end", SCHEDULE),
            rule(HttpMethod.GET, "/api/emergency-presets", EMERGENCY),
            rule(HttpMethod.POST, "/api/emergency-presets/{id}/order", EMERGENCY),
            // evidence and reports
            rule(HttpMethod.GET, "/api/airlog.csv", REPORT),
            rule(HttpMethod.GET, "/api/reports", REPORT),
            rule(HttpMethod.GET, "/api/evidence", REPORT),
            rule(HttpMethod.GET, "/api/audit", REPORT),
            rule(HttpMethod.GET, "/api/audit.csv", REPORT),
            rule(HttpMethod.GET, "/api/audit/verify", REPORT),
            // administration
            rule(HttpMethod.PUT, "/api/villages/{id}", ADMIN),
            rule(HttpMethod.GET, "/api/settings/switching", ADMIN),
            rule(HttpMethod.PUT, "/api/settings/switching", ADMIN),
            rule(HttpMethod.GET, "/api/backups", ADMIN),
            rule(HttpMethod.POST, "/api/backups", ADMIN),
            rule(HttpMethod.GET, "/api/users", ADMIN),
            rule(HttpMethod.POST, "/api/users", ADMIN),
            rule(HttpMethod.GET, "/api/security/lockouts", ADMIN),
            rule(HttpMethod.DELETE, "/api/security/lockouts", ADMIN),
            rule(HttpMethod.DELETE, "/api/security/lockouts/{username}", ADMIN),
            // a password is changed by proving the password, never with a token
            rule(HttpMethod.POST, "/api/account/password", null, ALWAYS, Need.PASSWORD),
            // tokens: another user's list is administration; a token never mints a token (it could
            // otherwise give itself a longer life or its owner's other scopes)
            rule(HttpMethod.GET, "/api/tokens", "user=", r -> r.getParameter("user") != null, new Need(ADMIN)),
            rule(HttpMethod.GET, "/api/tokens", READ),
            rule(HttpMethod.POST, "/api/tokens", null, ALWAYS, Need.PASSWORD),
            rule(HttpMethod.DELETE, "/api/tokens/{id}", ADMIN));

    /** What an unknown path needs. */
    static final Need UNLISTED = new Need(ADMIN);

    private ApiScopes() {
    }

    /** What a token needs for this request. */
    public static Need needOf(HttpServletRequest request) {
        return ruleFor(request).map(Rule::need).orElse(UNLISTED);
    }

    /** The row that decides this request, if one does. */
    public static Optional<Rule> ruleFor(HttpServletRequest request) {
        return RULES.stream().filter(rule -> rule.matches(request)).findFirst();
    }

    private static Rule rule(HttpMethod method, String path, ApiScope scope) {
        return rule(method, path, null, ALWAYS, new Need(scope));
    }

    private static Rule rule(HttpMethod method, String path, @Nullable String condition,
                             Predicate<HttpServletRequest> when, Need need) {
        var matcher = PathPatternRequestMatcher.withDefaults().matcher(method, path);
        // HEAD is a GET without the body: it needs what the GET needs.
        RequestMatcher matching = method == HttpMethod.GET
                ? RequestMatchers.anyOf(matcher, PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.HEAD, path))
                : matcher;
        return new Rule(method, path, condition, need, matching, when);
    }
}
