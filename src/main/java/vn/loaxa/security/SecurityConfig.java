package vn.loaxa.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

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
     * Health probes: a watchdog or monitor on the station PC asks without an account; from
     * anywhere else only an admin may look, since the details name devices and the log's head hash.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuatorFilterChain(HttpSecurity http) throws Exception {
        return basicOnly(http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers(new LoopbackRequests()).permitAll()
                        .anyRequest().hasRole(Role.ADMIN.name())))
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http) throws Exception {
        return basicOnly(http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated()))
                .build();
    }

    /** HTTP Basic with JSON errors and no browser session: each call carries its credentials, so CSRF does not apply. */
    private static HttpSecurity basicOnly(HttpSecurity http) throws Exception {
        return http.httpBasic(basic -> basic.authenticationEntryPoint(new BasicEntryPoint()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) ->
                        ApiSecurityErrors.write(response, HttpStatus.FORBIDDEN, "error.api.forbidden", request)));
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiFilterChain(HttpSecurity http) throws Exception {
        // After Vaadin's configurer, so that it names the login page before the form login initialises
        // (else Spring's generated login page comes back); a failure handler already set is kept.
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .formLogin(form -> form.failureHandler(new LoginFailure()))
                .build();
    }

    /**
     * Back to the login page: with "error" for a wrong password, with "busy" when the password could
     * not be checked because the database was busy, so the page does not blame the user.
     */
    static final class LoginFailure implements AuthenticationFailureHandler {

        @Override
        public void onAuthenticationFailure(jakarta.servlet.http.HttpServletRequest request,
                                            jakarta.servlet.http.HttpServletResponse response,
                                            org.springframework.security.core.AuthenticationException exception)
                throws java.io.IOException {
            var busy = exception instanceof InternalAuthenticationServiceException;
            response.sendRedirect(request.getContextPath() + "/login?" + (busy ? LoginView.BUSY : "error"));
        }
    }

    /**
     * Answers 401 with a JSON body and a Basic challenge, so curl users see why; but 503 when the
     * password could not be checked at all (the database was busy): that is no wrong password.
     */
    static final class BasicEntryPoint implements AuthenticationEntryPoint {

        @Override
        public void commence(jakarta.servlet.http.HttpServletRequest request,
                             jakarta.servlet.http.HttpServletResponse response,
                             org.springframework.security.core.AuthenticationException authException) {
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
