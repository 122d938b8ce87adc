package vn.loaxa.library;

import java.util.Map;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import vn.loaxa.base.ApiErrors;
import vn.loaxa.base.SqliteErrors;

/**
 * The library's refusals as API errors, in the shape of every other API error (decision 0017). They
 * live with the library so that base's general handler knows no feature; ordered first, because the
 * general handler's catch-all would otherwise answer them as a station failure.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(UploadErrorHandler.class);

    private final ObjectProvider<MultipartConfigElement> multipart;

    UploadErrorHandler(ObjectProvider<MultipartConfigElement> multipart) {
        this.multipart = multipart;
    }

    @ExceptionHandler(ImportRejectedException.class)
    ResponseEntity<Map<String, String>> rejected(ImportRejectedException e, HttpServletRequest request) {
        log.info("Import refused ({}): {}", e.code(), e.getMessage());
        var status = switch (e.code()) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case STORAGE_FAILED -> HttpStatus.INSUFFICIENT_STORAGE;
            case DATABASE_BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
            case UNSUPPORTED_FORMAT, NOT_AUDIO -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        var response = body(status, request, e.messageKey(), e.code().name(), e.getMessage(), e.args());
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, SqliteErrors.RETRY_AFTER_SECONDS)
                    .contentType(MediaType.APPLICATION_JSON).body(response.getBody());
        }
        return response;
    }

    /** The servlet's own limit, checked while the multipart body streams to disk: the same reason as the library's. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        var config = multipart.getIfAvailable();
        long limit = config == null ? -1 : config.getMaxRequestSize() > 0 ? config.getMaxRequestSize()
                : config.getMaxFileSize();
        if (limit <= 0) {
            limit = e.getMaxUploadSize();
        }
        if (limit <= 0) {
            return body(HttpStatus.CONTENT_TOO_LARGE, request, "library.reject.TOO_LARGE", "TOO_LARGE",
                    "upload too large");
        }
        return body(HttpStatus.CONTENT_TOO_LARGE, request, ImportRejectedException.TOO_LARGE_KEY,
                "TOO_LARGE", "Larger than the upload limit of " + limit + " bytes", LibraryService.size(limit));
    }

    /** JSON whatever the caller's Accept header says: an error must reach them readable. */
    private static ResponseEntity<Map<String, String>> body(HttpStatus status, HttpServletRequest request, String key,
                                                            String code, @Nullable String detail, Object... args) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ApiErrors.body(ApiErrors.localeOf(request), key, code, detail, args));
    }
}
