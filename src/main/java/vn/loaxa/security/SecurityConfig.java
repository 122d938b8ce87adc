package vn.loaxa.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import vn.loaxa.base.Texts;
import vn.loaxa.security.ui.LoginView;

/**
 * Three doors with one set of accounts: the health probes under /actuator are open to this
 * machine and to admins elsewhere, the JSON API under /api answers HTTP Basic with no session
 * (scripts and the district's tools), everything else is the Vaadin UI behind its login page.
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

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, AuthenticationManager authentication) throws Exception {
        return basicOnly(http.securityMatcher("/api/**").authenticationManager(authentication)
                // Any signed-in user; a temporary or weak password opens nothing but its own change (decision 0014).
                .authorizeHttpRequests(auth -> auth.anyRequest().access(new PasswordChangeRequired())))
                .build();
    }

    /** HTTP Basic with JSON errors and no browser session: each call carries its credentials, so CSRF does not apply. */
    private static HttpSecurity basicOnly(HttpSecurity http) throws Exception {
        return http.httpBasic(basic -> basic.authenticationEntryPoint(new BasicEntryPoint()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> {
                    if (!PasswordChangeRequired.answered(request, response, denied)) {
                        ApiSecurityErrors.write(response, HttpStatus.FORBIDDEN, "error.api.forbidden", request);
                    }
                }));
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiFilterChain(HttpSecurity http, AuthenticationManager authentication) throws Exception {
        // After Vaadin's configurer, so that it names the login page before the form login initialises
        // (else Spring's generated login page comes back); a failure handler already set is kept.
        return http.authenticationManager(authentication).with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .formLogin(form -> form.failureHandler(new LoginFailure()))
                .build();
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
