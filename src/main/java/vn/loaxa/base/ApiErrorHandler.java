package vn.loaxa.base;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import vn.loaxa.library.ImportRejectedException;

/**
 * Every API error is {@code {"error": "<reason for a person>", "code": "<stable code>"}}, the
 * reason in Vietnamese unless the caller asks for English.
 */
@RestControllerAdvice
class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ImportRejectedException.class)
    ResponseEntity<Map<String, String>> rejected(ImportRejectedException e,
                                                 HttpServletRequest request) {
        log.info("Import refused ({}): {}", e.code(), e.getMessage());
        var status = switch (e.code()) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case STORAGE_FAILED -> HttpStatus.INSUFFICIENT_STORAGE;
            case DATABASE_BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
            case UNSUPPORTED_FORMAT, NOT_AUDIO -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        var response = body(status, localeOf(request), e.messageKey(), e.code().name(), e.getMessage());
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, SqliteErrors.RETRY_AFTER_SECONDS)
                    .body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e,
                                                 HttpServletRequest request) {
        return body(HttpStatus.CONTENT_TOO_LARGE, localeOf(request), "library.reject.TOO_LARGE", "TOO_LARGE",
                e.getMessage());
    }

    @ExceptionHandler({MissingServletRequestPartException.class, MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, String>> missingPart(Exception e,
                                                    HttpServletRequest request) {
        return body(HttpStatus.BAD_REQUEST, localeOf(request), "error.api.missingPart", "BAD_REQUEST",
                e.getMessage());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<Map<String, String>> denied(Exception e,
                                               HttpServletRequest request) {
        if (e instanceof RefusedException refused) {
            // Not the role but this case (own bulletin, unapproved audio): say which, so the caller can act.
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of(
                    "error", Texts.get(localeOf(request), refused.messageKey(), refused.args()),
                    "code", refused.code(), "detail", refused.getMessage() == null ? "" : refused.getMessage()));
        }
        return body(HttpStatus.FORBIDDEN, localeOf(request), "error.api.forbidden", "FORBIDDEN", e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, String>> invalid(InvalidInputException e, HttpServletRequest request) {
        var locale = localeOf(request);
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of(
                "error", Texts.get(locale, e.messageKey(), e.args()), "code", e.code(),
                "detail", e.getMessage() == null ? "" : e.getMessage()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, String>> unreadable(Exception e, HttpServletRequest request) {
        // A malformed JSON body or an unparsable date is the caller's mistake, not a station fault.
        return body(HttpStatus.BAD_REQUEST, localeOf(request), "error.api.badRequest", "BAD_REQUEST",
                e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e,
                                                   HttpServletRequest request) {
        return body(HttpStatus.BAD_REQUEST, localeOf(request), "error.api.badRequest", "BAD_REQUEST",
                e.getMessage());
    }

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Map<String, String>> database(Exception e, HttpServletRequest request) {
        return unexpected(e, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e, HttpServletRequest request) {
        var trouble = SqliteErrors.troubleOf(e);
        if (trouble.isPresent()) {
            return databaseTrouble(trouble.get(), e, request);
        }
        if (e instanceof ErrorResponse standard) {
            // Spring's own request errors (wrong method, unknown path, bad media type) keep their status.
            var status = HttpStatus.valueOf(standard.getStatusCode().value());
            return body(status, localeOf(request), "error.api.badRequest", status.name(), e.getMessage());
        }
        log.error("Unexpected API failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, localeOf(request), "error.api.internal", "INTERNAL",
                e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /**
     * A busy or full database is a moment's trouble, not a fault of the request or of the station:
     * 503 with Retry-After for busy, 507 for a full disk, and a reason a person can act on.
     */
    private static ResponseEntity<Map<String, String>> databaseTrouble(SqliteErrors.Trouble trouble, Exception e,
                                                                       HttpServletRequest request) {
        log.warn("Database {} on {} {}: {}", trouble, request.getMethod(), request.getRequestURI(), e.getMessage());
        var busy = trouble == SqliteErrors.Trouble.BUSY;
        var response = body(busy ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INSUFFICIENT_STORAGE, localeOf(request),
                busy ? "error.api.databaseBusy" : "error.api.storageFull", busy ? "DATABASE_BUSY" : "STORAGE_FULL",
                e.getMessage());
        return ResponseEntity.status(response.getStatusCode()).header(HttpHeaders.RETRY_AFTER, SqliteErrors.RETRY_AFTER_SECONDS)
                .body(response.getBody());
    }

    private static Locale localeOf(HttpServletRequest request) {
        return Texts.localeOf(request.getHeader("Accept-Language"));
    }

    private static ResponseEntity<Map<String, String>> body(HttpStatus status, Locale locale, String key, String code,
                                                            String detail) {
        var message = Texts.get(locale, key);
        return ResponseEntity.status(status).body(Map.of("error", message, "code", code,
                "detail", detail == null ? "" : detail));
    }
}
