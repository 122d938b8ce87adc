package vn.loaxa.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.CrossOriginResourcePolicyHeaderWriter.CrossOriginResourcePolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import vn.loaxa.transport.TlsProperties;

/**
 * The headers every page and API answer carries, whichever security chain serves it: Spring
 * Security applies a {@code Customizer<HeadersConfigurer<HttpSecurity>>} bean to every
 * {@link HttpSecurity} it hands out, so the three chains of {@link SecurityConfig} (and any chain
 * added later) get the same headers without repeating them.
 *
 * <ul>
 * <li>{@value #CONTENT_SECURITY_POLICY}: what Vaadin Flow needs and no more, found in Chromium
 * with every main view open, an upload and an audio preview ({@code ContentSecurityPolicyE2ETest}),
 * starting from 'self' alone: the bootstrap page has about ten inline scripts whose content
 * changes with every page ('unsafe-inline'; no hash can list them), the Flow client evaluates
 * the server's JavaScript ('unsafe-eval', refused otherwise in FlowClient), the bootstrap page and
 * components carry inline styles, Lumo's icons are data: SVG images and its icon font a data:
 * font. Push runs over a WebSocket to the same host, which 'self' covers. No blob:, no other
 * origin. What the policy still stops: scripts, styles, images, frames and connections from
 * anywhere else, plugins, other pages framing the station, forms posting elsewhere, a
 * {@code <base>} pointing elsewhere.</li>
 * <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} (with frame-ancestors
 * for browsers that know CSP), {@code Referrer-Policy: same-origin} (station URLs carry dates and
 * ids, never for other sites), Cross-Origin-Opener- and -Resource-Policy same-origin.</li>
 * <li>HSTS on HTTPS answers only (Spring's writer skips plain HTTP), for {@code loaxa.tls.hsts-max-age},
 * without includeSubDomains: the station does not own the names under its host name.</li>
 * </ul>
 * The headers are written before the request is handled, not when the answer is committed: Vaadin's
 * bootstrap page (every view's first load, the login page) left Spring's lazy writer without its
 * headers, and Vaadin set its own {@code X-Frame-Options: SAMEORIGIN} where it found none.
 *
 * <p>Session cookies ({@code SameSite=Lax; HttpOnly}, {@code Secure} with HTTPS) are the servlet
 * container's, set in application.properties and {@code vn.loaxa.transport.TransportConfig}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-src 'none'; "
            + "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    Customizer<HeadersConfigurer<HttpSecurity>> stationHeaders(TlsProperties tls) {
        return headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .contentTypeOptions(Customizer.withDefaults())
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                .crossOriginResourcePolicy(corp -> corp.policy(CrossOriginResourcePolicy.SAME_ORIGIN))
                .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(tls.hstsMaxAge().toSeconds())
                        .includeSubDomains(false))
                .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                });
    }

    /** The same headers on an answer given before Spring Security runs (the 503 while the station starts). */
    public static void writeTo(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
    }
}
