package vn.loaxa.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Requests from this machine itself (127.0.0.0/8, ::1), judged by the connection's address.
 * Forwarded headers are not trusted (the station sets no forward-headers strategy), so a remote
 * client cannot claim to be local; a reverse proxy on the station PC would make everyone local.
 */
final class LoopbackRequests implements RequestMatcher {

    private static final List<IpAddressMatcher> LOOPBACK =
            List.of(new IpAddressMatcher("127.0.0.0/8"), new IpAddressMatcher("::1"));

    @Override
    public boolean matches(HttpServletRequest request) {
        return isLoopback(request.getRemoteAddr());
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return LOOPBACK.stream().anyMatch(m -> m.matches(address));
        } catch (IllegalArgumentException notAnAddress) {
            // A name instead of an address (or garbage) is never taken on trust.
            return false;
        }
    }
}
