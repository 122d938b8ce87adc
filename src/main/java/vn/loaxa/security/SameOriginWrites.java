package vn.loaxa.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser that holds the station's HTTP Basic login sends it to the station on every request,
 * whichever page made it: a page on another site could upload audio or import a schedule file in
 * the name of a logged-in admin (a multipart form needs no CORS preflight). So a state-changing
 * API call (POST, PUT, PATCH, DELETE) without a token is refused with 403 {@code CROSS_ORIGIN}
 * when the browser says it comes from elsewhere:
 * <ul>
 *   <li>{@code Sec-Fetch-Site} is present and not {@code same-origin} ({@code same-site} too: a
 *       page on another port or subdomain of the same host is another origin, and may be anyone's);</li>
 *   <li>{@code Origin} is present and is not this request's own scheme://host:port
 *       ({@code Origin: null} included).</li>
 * </ul>
 * Requests with neither header (curl, scripts, the district's tools) pass, and so do requests
 * with {@code Authorization: Bearer}: a browser never adds a token by itself. The check runs
 * before any password check, so a cross-site page learns nothing about the credentials.
 */
final class SameOriginWrites extends OncePerRequestFilter {

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (STATE_CHANGING.contains(request.getMethod()) && !BearerTokenFilter.hasBearer(request)) {
            var refusal = refusal(request);
            if (refusal != null) {
                ApiSecurityErrors.write(response, HttpStatus.FORBIDDEN, "error.api.crossOrigin", "CROSS_ORIGIN",
                        refusal, request);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Why the request is refused, or null when it may go on. */
    static String refusal(HttpServletRequest request) {
        var site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.strip().equalsIgnoreCase("same-origin")) {
            return "Sec-Fetch-Site: " + site.strip() + " (only same-origin may change anything)";
        }
        var origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin.strip(), request)) {
            return "Origin " + origin.strip() + " is not " + ownOrigin(request);
        }
        return null;
    }

    static boolean sameOrigin(String origin, HttpServletRequest request) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            return false;
        }
        var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
        return scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
                && host(uri.getHost()).equals(host(request.getServerName()))
                && port == request.getServerPort();
    }

    private static String ownOrigin(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    /** Host names compare without case and IPv6 literals without their brackets. */
    private static String host(String host) {
        var h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
