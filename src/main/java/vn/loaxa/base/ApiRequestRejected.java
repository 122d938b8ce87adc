package vn.loaxa.base;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A URL Spring Security's firewall refuses ({@code ;}, an encoded {@code ..} or NUL) is answered 400
 * here, in the API's shape for {@code /api}, instead of through the container's error page: that
 * page is behind the UI's login and would answer a script with a redirect (decision 0017).
 */
@Component
class ApiRequestRejected implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiRequestRejected.class);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.info("Refused a request the firewall does not accept: {}", rejected.getMessage());
        if (response.isCommitted()) {
            return;
        }
        var uri = request.getRequestURI();
        if (uri != null && (uri.equals("/api") || uri.startsWith("/api/"))) {
            ApiErrors.write(request, response, HttpStatus.BAD_REQUEST, "error.api.badRequest", "BAD_REQUEST",
                    "the address contains characters the station does not accept");
        } else {
            response.sendError(HttpStatus.BAD_REQUEST.value());
        }
    }
}
