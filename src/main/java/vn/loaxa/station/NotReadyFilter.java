package vn.loaxa.station;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

import vn.loaxa.base.Texts;
import vn.loaxa.security.SecurityHeaders;

/**
 * Ready means ready. Spring Boot starts the web server before the start-up runners (the first
 * admin, the first-start load of the schedule files) and before start-up reconciliation of the
 * air log; until Boot declares the application ready ({@link ReadinessState#ACCEPTING_TRAFFIC})
 * every request but the health probes is answered {@code 503} with {@code Retry-After}, so nobody
 * sees an empty schedule or a library half imported, and nothing is written beside the runners.
 * It runs before Spring Security so that the answer is the same with or without an account.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10)
class NotReadyFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final String HEALTH = "/actuator/health";

    private final ApplicationAvailability availability;
    /** Once ready, refusing again means Boot is closing the application (it says so on shutdown). */
    private volatile boolean wasReady;

    NotReadyFilter(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @EventListener
    void readinessChanged(AvailabilityChangeEvent<ReadinessState> change) {
        if (change.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            wasReady = true;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The container's decoded, normalised path, so no spelling of a URL slips past as a probe.
        var path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC || isHealth(path)) {
            chain.doFilter(request, response);
            return;
        }
        var code = wasReady ? "STOPPING" : "STARTING";
        var locale = Texts.localeOf(request.getHeader("Accept-Language"));
        var message = Texts.get(locale, "status." + code.toLowerCase(java.util.Locale.ROOT));
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setHeader("Cache-Control", "no-store");
        SecurityHeaders.writeTo(response);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (path.equals("/api") || path.startsWith("/api/")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{\"error\":\"" + Texts.jsonEscape(message) + "\",\"code\":\"" + code
                    + "\",\"detail\":\"\"}");
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write(page(locale, message));
        }
    }

    /** Only what HTML needs escaped: the page is UTF-8, so Vietnamese letters stay readable in its source. */
    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    static boolean isHealth(String path) {
        return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
    }

    /** A page a browser reloads by itself, so the operator lands on the UI once the station is up. */
    private static String page(java.util.Locale locale, String message) {
        return "<!DOCTYPE html>\n<html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"" + RETRY_AFTER_SECONDS + "\">"
                + "<title>" + escape(Texts.get(locale, "app.name")) + "</title></head>\n<body>"
                + "<h1>" + escape(message) + "</h1>\n<p>"
                + escape(Texts.get(locale, "status.page.reload")) + "</p></body></html>\n";
    }
}
