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
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

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

    /**
     * The OpenAPI document for any signed-in user, by HTTP Basic like /api or with the UI's session
     * (Swagger UI reads it from the browser); Swagger UI itself for admins only, since "Try it out"
     * changes the station. A browser without a session goes to the login page, a script gets the
     * JSON 401 of /api.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiDocsFilterChain(HttpSecurity http) throws Exception {
        var swaggerUi = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");
        var swaggerUiPage = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html");
        return http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**",
                        "/swagger-ui.html")
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
