package vn.loaxa.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.loaxa.base.SqliteErrors;

/**
 * {@code Authorization: Bearer lx_...} on the API. A request with a token is judged by the token
 * alone: a bad one (malformed, unknown, expired, revoked, owner disabled) is answered 401
 * {@code TOKEN_INVALID} at once, the same for every reason, and never falls back to another login.
 * Requests without a token go on to HTTP Basic. Stateless: nothing is kept between requests.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    static final String SCHEME = "Bearer ";

    private final ApiTokenService tokens;

    BearerTokenFilter(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    static boolean hasBearer(HttpServletRequest request) {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        var presented = request.getHeader(HttpHeaders.AUTHORIZATION).substring(SCHEME.length()).strip();
        java.util.Optional<TokenAuthentication> authentication;
        try {
            authentication = tokens.authenticate(presented, request.getRemoteAddr());
        } catch (RuntimeException e) {
            if (SqliteErrors.troubleOf(e).isEmpty()) {
                throw e;
            }
            // As with a password: a token that could not be checked is not a wrong token.
            response.setHeader(HttpHeaders.RETRY_AFTER, ApiSecurityErrors.RETRY_AFTER_SECONDS);
            ApiSecurityErrors.write(response, HttpStatus.SERVICE_UNAVAILABLE, "error.api.databaseBusy",
                    "DATABASE_BUSY", "The token could not be checked: the database is busy", request);
            return;
        }
        if (authentication.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Loa Xa\", error=\"invalid_token\"");
            ApiSecurityErrors.write(response, HttpStatus.UNAUTHORIZED, "error.token.invalid", "TOKEN_INVALID",
                    "The token is unknown, expired or revoked", request);
            return;
        }
        var strategy = tokens.securityContext();
        var context = strategy.createEmptyContext();
        context.setAuthentication(authentication.get());
        strategy.setContext(context);
        chain.doFilter(request, response);
    }
}
