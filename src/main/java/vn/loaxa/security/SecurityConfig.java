package vn.loaxa.security;

import java.util.function.Supplier;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer.AuthorizedUrl;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import vn.loaxa.base.Texts;
import vn.loaxa.security.ui.LoginView;

/**
 * Three doors with one set of accounts: the health probes under /actuator are open to this
 * machine and to admins elsewhere, the JSON API under /api answers HTTP Basic and API tokens with
 * no session (scripts and the district's tools), everything else is the Vaadin UI behind its login
 * page.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * Every door checks passwords here (decision 0014): set on each chain, so no chain falls back to
     * a manager without the login throttle. Spring's authentication events are published as usual.
     */
    @Bean
    AuthenticationManager authenticationManager(ThrottledAuthenticationProvider provider,
                                                ApplicationEventPublisher events) {
        var manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    /**
     * Health probes: a watchdog or monitor on the station PC asks without an account; from
     * anywhere else only an admin may look, since the details name devices and the log's head hash.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuatorFilterChain(HttpSecurity http, AuthenticationManager authentication) throws Exception {
        return basicOnly(http.securityMatcher("/actuator/**").authenticationManager(authentication)
                .authorizeHttpRequests(auth -> auth.requestMatchers(new LoopbackRequests()).permitAll()
                        .anyRequest().hasRole(Role.ADMIN.name())))
                .build();
    }

    /**
     * The API: people with HTTP Basic, integrations with {@code Authorization: Bearer} API tokens.
     * A token's call must be within its scopes ({@link ApiScopes}) and, as for a password, its
     * owner's roles. State-changing calls with Basic are refused from other origins
     * ({@link SameOriginWrites}); tokens are exempt, since a browser never sends one by itself.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, AuthenticationManager authentication, ApiTokenService tokens,
                                       EmergencyRoles settings) throws Exception {
        var passwordChange = new PasswordChangeRequired();
        var roles = new ApiRoles(settings::emergencyRoles);
        return basicOnly(http.securityMatcher("/api/**").authenticationManager(authentication)
                .addFilterBefore(new SameOriginWrites(), BasicAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
                // A temporary or weak password opens nothing but its own change (decision 0014); a token
                // only its scopes (decision 0015); then the call's roles (decision 0019).
                .authorizeHttpRequests(auth -> auth.anyRequest().access((user, context) -> {
                    var result = passwordChange.authorize(user, context);
                    if (result.isGranted()) {
                        result = withinTokenScope(user, context);
                    }
                    return result.isGranted() ? roles.decide(user.get(), context.getRequest()) : result;
                })))
                .build();
    }

    /**
     * The OpenAPI document for any signed-in user, by HTTP Basic like /api or with the UI's session
     * (Swagger UI reads it from the browser); Swagger UI itself for admins only, since "Try it out"
     * changes the station. A browser without a session goes to the login page, a script gets the
     * JSON 401 of /api.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiDocsFilterChain(HttpSecurity http, AuthenticationManager authentication,
                                           ApiTokenService tokens) throws Exception {
        var swaggerUi = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");
        var swaggerUiPage = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html");
        return http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**",
                        "/swagger-ui.html")
                .authenticationManager(authentication)
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers(swaggerUi, swaggerUiPage).hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(new BasicEntryPoint()))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                new OrRequestMatcher(swaggerUi, swaggerUiPage))
                        .defaultAuthenticationEntryPointFor(new BasicEntryPoint(), AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler((request, response, denied) ->
                                ApiSecurityErrors.write(response, HttpStatus.FORBIDDEN, "error.api.forbidden", request)))
                .build();
    }

    /** Any login may call the API; a token only within its scopes. */
    static AuthorizationResult withinTokenScope(Supplier<? extends @Nullable Authentication> authentication,
                                                RequestAuthorizationContext context) {
        var auth = authentication.get();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return new AuthorizationDecision(false);
        }
        if (auth instanceof TokenAuthentication token) {
            var need = ApiScopes.needOf(context.getRequest());
            return token.allows(need) ? new AuthorizationDecision(true) : new ScopeMissing(need);
        }
        return new AuthorizationDecision(true);
    }

    /** A token that lacks the scope a call needs: answered 403 TOKEN_SCOPE, naming the scope. */
    static final class ScopeMissing extends AuthorizationDecision {

        private final ApiScopes.Need need;

        ScopeMissing(ApiScopes.Need need) {
            super(false);
            this.need = need;
        }

        ApiScopes.Need need() {
            return need;
        }
    }

    /**
     * HTTP Basic with JSON errors and no browser session: each call carries its credentials, so there
     * is no CSRF token to check; what a browser could still send on its own is stopped by origin
     * ({@link SameOriginWrites}).
     */
    private static HttpSecurity basicOnly(HttpSecurity http) throws Exception {
        return http.httpBasic(basic -> basic.authenticationEntryPoint(new BasicEntryPoint()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.accessDeniedHandler(SecurityConfig::denied));
    }

    private static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) {
        if (PasswordChangeRequired.answered(request, response, denied)) {
            return;
        }
        if (denied instanceof AuthorizationDeniedException refused
                && refused.getAuthorizationResult() instanceof ApiRoles.EmergencyRefused) {
            ApiSecurityErrors.write(response, HttpStatus.FORBIDDEN, "error.oneOff.emergencyNotAllowed", "FORBIDDEN",
                    "The station's settings leave this account's roles out of the emergency roles", request);
            return;
        }
        if (denied instanceof AuthorizationDeniedException refused
                && refused.getAuthorizationResult() instanceof ScopeMissing missing) {
            var need = missing.need();
            var detail = request.getMethod() + " " + request.getRequestURI() + " needs "
                    + (need.passwordOnly() ? "a password login (HTTP Basic), not a token" : "the scope " + need.label());
            if (!need.passwordOnly()) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Loa Xa\", error=\"insufficient_scope\", "
                        + "scope=\"" + need.label() + "\"");
            }
            ApiSecurityErrors.write(response, HttpStatus.FORBIDDEN,
                    need.passwordOnly() ? "error.token.passwordOnly" : "error.token.scope", "TOKEN_SCOPE", detail,
                    request, need.label());
            return;
        }
        ApiSecurityErrors.write(response, HttpStatus.FORBIDDEN, "error.api.forbidden", request);
    }

    /**
     * The web UI. Vaadin's configurer exempts its login page from Spring's CSRF check, which let any
     * site log a visitor's browser in to the station under the attacker's account (login CSRF). Its
     * CSRF part is therefore off and done here: Vaadin's own requests (UIDL, heartbeat, push) carry
     * Vaadin's token and stay exempt, everything else, POST /login included, needs Spring's token.
     * The login page has it: Vaadin writes it into the page head and its login form sends it. A
     * login page left open past its session has a stale token; that login goes back to the login
     * page with "expired" (not logged in), which is also all a forged login gets.
     */
    @Bean
    @Order(2)
    SecurityFilterChain uiFilterChain(HttpSecurity http, AuthenticationManager authentication, RequestUtil vaadinRequests)
            throws Exception {
        // After Vaadin's configurer, so that it names the login page before the form login initialises
        // (else Spring's generated login page comes back); a failure handler already set is kept.
        return http.authenticationManager(authentication).with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                        .enableCsrfConfiguration(false)
                        // An address that is no view reaches Vaadin for a logged-in user, who then gets
                        // "page not found" inside the menu instead of the browser's bare HTTP 403;
                        // anyone else still goes to the login page. Views keep their own access rules.
                        .anyRequest(AuthorizedUrl::authenticated))
                .csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest))
                .exceptionHandling(e -> e.defaultAccessDeniedHandlerFor(new LoginPageExpired(), LOGIN_POST))
                .formLogin(form -> form.failureHandler(new LoginFailure()))
                .build();
    }

    static final RequestMatcher LOGIN_POST = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login");

    /** A login without a valid CSRF token: back to a fresh login page, not logged in. */
    static final class LoginPageExpired implements AccessDeniedHandler {

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
                throws java.io.IOException {
            response.sendRedirect(request.getContextPath() + "/login?" + LoginView.EXPIRED);
        }
    }

    /**
     * Back to the login page: with "error" for a wrong password, with "busy" when the password could
     * not be checked because the database was busy, so the page does not blame the user, and with
     * "throttled=<seconds>" after too many failures, so it can say how long to wait.
     */
    static final class LoginFailure implements AuthenticationFailureHandler {

        @Override
        public void onAuthenticationFailure(jakarta.servlet.http.HttpServletRequest request,
                                            jakarta.servlet.http.HttpServletResponse response,
                                            org.springframework.security.core.AuthenticationException exception)
                throws java.io.IOException {
            if (exception instanceof LoginThrottledException throttled) {
                response.sendRedirect(request.getContextPath() + "/login?" + LoginView.THROTTLED + "="
                        + throttled.retryAfterSeconds());
                return;
            }
            var busy = exception instanceof InternalAuthenticationServiceException;
            response.sendRedirect(request.getContextPath() + "/login?" + (busy ? LoginView.BUSY : "error"));
        }
    }

    /**
     * Answers 401 with a JSON body and a Basic challenge, so curl users see why; but 503 when the
     * password could not be checked at all (the database was busy): that is no wrong password; and
     * 429 with Retry-After after too many failures for the account or from the address.
     */
    static final class BasicEntryPoint implements AuthenticationEntryPoint {

        @Override
        public void commence(jakarta.servlet.http.HttpServletRequest request,
                             jakarta.servlet.http.HttpServletResponse response,
                             org.springframework.security.core.AuthenticationException authException) {
            if (authException instanceof LoginThrottledException throttled) {
                response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                var locale = Texts.localeOf(request.getHeader("Accept-Language"));
                ApiSecurityErrors.write(response, HttpStatus.TOO_MANY_REQUESTS, "error.api.loginThrottled",
                        new Object[] {LoginWait.text(locale, throttled.retryAfter())}, "LOGIN_THROTTLED",
                        throttled.getMessage(), request);
                return;
            }
            if (authException instanceof InternalAuthenticationServiceException) {
                response.setHeader("Retry-After", ApiSecurityErrors.RETRY_AFTER_SECONDS);
                ApiSecurityErrors.write(response, HttpStatus.SERVICE_UNAVAILABLE, "error.api.databaseBusy",
                        "DATABASE_BUSY", request);
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"Loa Xa\", charset=\"UTF-8\"");
            ApiSecurityErrors.write(response, HttpStatus.UNAUTHORIZED, "error.api.unauthorized", request);
        }
    }
}
