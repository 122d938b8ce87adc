package vn.loaxa.base;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Errors the container answers itself ({@code /error}: a URL the firewall refuses, a failure in a
 * filter) have the API's shape too when the request was for {@code /api}: {@code {"error", "code",
 * "detail"}} with no exception, message, path or trace (decision 0017). Other pages keep Spring Boot's.
 */
@Component
class ApiErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        var uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI, RequestAttributes.SCOPE_REQUEST);
        if (!(uri instanceof String path) || !(path.equals("/api") || path.startsWith("/api/"))) {
            return super.getErrorAttributes(request, options);
        }
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE, RequestAttributes.SCOPE_REQUEST);
        var status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.valueOf(c)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        var locale = Texts.localeOf(request.getHeader("Accept-Language"));
        var key = switch (status) {
            case NOT_FOUND -> "error.api.notFound";
            case METHOD_NOT_ALLOWED -> "error.api.methodNotAllowed";
            case UNAUTHORIZED -> "error.api.unauthorized";
            case FORBIDDEN -> "error.api.forbidden";
            case CONTENT_TOO_LARGE -> "error.api.bodyTooLarge";
            default -> status.is5xxServerError() ? "error.api.internal" : "error.api.badRequest";
        };
        var apiCode = switch (status) {
            case INTERNAL_SERVER_ERROR -> "INTERNAL";
            case CONTENT_TOO_LARGE -> "TOO_LARGE";
            default -> status.name();
        };
        var body = new LinkedHashMap<String, Object>(ApiErrors.body(locale, key, apiCode, "",
                Limits.JSON_BODY_BYTES / 1024));
        return body;
    }
}
