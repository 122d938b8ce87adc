package vn.loaxa.base;

import java.lang.reflect.Array;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every API error is {@code {"error": "<reason for a person>", "code": "<stable code>", "detail":
 * "<technical detail>"}}, the reason in Vietnamese unless the caller asks for English, and nothing in
 * it shows the station's insides (decision 0017): the caller's mistakes are described in the caller's
 * terms (the JSON field, the parameter), and a failure of the station is {@code 500 INTERNAL} with an
 * incident id whose details are only in the station's log.
 */
@RestControllerAdvice
class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Clock clock;

    ApiErrorHandler(Clock clock) {
        this.clock = clock;
    }

    /** A report that could not be rendered is the station's failure: 500 with a reason, never a 400 blaming the request. */
    @ExceptionHandler(ReportFailedException.class)
    ResponseEntity<Map<String, String>> reportFailed(ReportFailedException e, HttpServletRequest request) {
        log.error("Report failed on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, request, "error.report.failed", ReportFailedException.CODE,
                e.getMessage());
    }

    /**
     * A multipart body that cannot be read (no boundary, cut off inside a part, a NUL in a file name)
     * is the request's fault, not the station's: 400, never a 500 with the parser's words.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, String>> badMultipart(MultipartException e, HttpServletRequest request) {
        log.debug("Unreadable multipart body on {} {}", request.getMethod(), request.getRequestURI(), e);
        return body(HttpStatus.BAD_REQUEST, request, "error.api.badMultipart", "BAD_REQUEST",
                "the multipart body could not be read");
    }

    /**
     * The firewall also checks parameter names, but only when something first reads them: a form
     * body sent where JSON is expected is parsed inside Spring MVC, past {@link ApiRequestRejected}.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Map<String, String>> rejected(RequestRejectedException e, HttpServletRequest request) {
        log.info("Refused a request the firewall does not accept on {} {}: {}", request.getMethod(),
                request.getRequestURI(), e.getMessage());
        return body(HttpStatus.BAD_REQUEST, request, "error.api.badRequest", "BAD_REQUEST",
                "the request contains characters the station does not accept");
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Map<String, String>> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        var name = e.getRequestPartName();
        return body(HttpStatus.BAD_REQUEST, request, "error.input.field.MISSING", "MISSING",
                "missing part \"" + name + "\"", name);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, String>> missingParameter(MissingServletRequestParameterException e,
                                                         HttpServletRequest request) {
        var name = e.getParameterName();
        return body(HttpStatus.BAD_REQUEST, request, "error.input.field.MISSING", "MISSING",
                "missing parameter \"" + name + "\"", name);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<Map<String, String>> denied(Exception e, HttpServletRequest request) {
        if (e instanceof RefusedException refused) {
            // Not the role but this case (own bulletin, unapproved audio): say which, so the caller can act.
            return body(HttpStatus.FORBIDDEN, request, refused.messageKey(), refused.code(),
                    refused.getMessage() == null ? "" : refused.getMessage(), refused.args());
        }
        return body(HttpStatus.FORBIDDEN, request, "error.api.forbidden", "FORBIDDEN", "");
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, String>> invalid(InvalidInputException e, HttpServletRequest request) {
        return body(HttpStatus.BAD_REQUEST, request, e.messageKey(), e.code(), e.getMessage(), e.args());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (JsonProblems.find(e, ApiBodyLimitFilter.BodyTooLargeException.class) != null) {
            // A chunked body that grew past the limit while it was read.
            return body(HttpStatus.CONTENT_TOO_LARGE, request, "error.api.bodyTooLarge", "TOO_LARGE",
                    "JSON body larger than " + Limits.JSON_BODY_BYTES + " bytes", Limits.JSON_BODY_BYTES / 1024);
        }
        var problem = JsonProblems.describe(e.getCause(), ApiErrors.localeOf(request));
        return json(HttpStatus.BAD_REQUEST, Map.of("error", problem.message(), "code", "BAD_JSON",
                "detail", ApiErrors.clean(problem.detail())));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        var locale = ApiErrors.localeOf(request);
        var name = e.getName();
        var type = e.getRequiredType();
        return body(HttpStatus.BAD_REQUEST, request, "error.api.badParameter", "BAD_PARAMETER",
                name + ": must be " + JsonProblems.kind(type, Locale.ENGLISH), name, JsonProblems.kind(type, locale));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, String>> notValid(MethodArgumentNotValidException e, HttpServletRequest request) {
        var found = new ArrayList<Violation>();
        for (var error : e.getBindingResult().getFieldErrors()) {
            found.add(violation(error.getField(), error));
        }
        return violations(found, request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Map<String, String>> methodNotValid(HandlerMethodValidationException e, HttpServletRequest request) {
        var found = new ArrayList<Violation>();
        for (var result : e.getParameterValidationResults()) {
            var parameter = result.getMethodParameter();
            var requestParam = parameter.getParameterAnnotation(RequestParam.class);
            var name = requestParam != null && !requestParam.name().isEmpty() ? requestParam.name()
                    : String.valueOf(parameter.getParameterName());
            for (var error : result.getResolvableErrors()) {
                if (error instanceof FieldError field) {
                    found.add(violation(field.getField(), field));
                } else {
                    var element = result.getContainerIndex() == null ? "" : "[" + result.getContainerIndex() + "]";
                    found.add(violation(name + element, unwrap(result, error)));
                }
            }
        }
        return violations(found, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Map<String, String>> constraintViolations(ConstraintViolationException e, HttpServletRequest request) {
        var found = new ArrayList<Violation>();
        for (var v : e.getConstraintViolations()) {
            var path = String.valueOf(v.getPropertyPath());
            found.add(violation(path.substring(path.lastIndexOf('.') + 1), v));
        }
        return violations(found, request);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Map<String, String>> notFound(Exception e, HttpServletRequest request) {
        return body(HttpStatus.NOT_FOUND, request, "error.api.notFound", "NOT_FOUND",
                "no " + request.getMethod() + " " + request.getRequestURI());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, String>> wrongMethod(HttpRequestMethodNotSupportedException e,
                                                    HttpServletRequest request) {
        var allowed = e.getSupportedHttpMethods() == null ? "" : String.join(", ",
                e.getSupportedHttpMethods().stream().map(Object::toString).toList());
        var response = body(HttpStatus.METHOD_NOT_ALLOWED, request, "error.api.methodNotAllowed", "METHOD_NOT_ALLOWED",
                request.getMethod() + " not allowed here; allowed: " + allowed, request.getMethod(), allowed);
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, allowed)
                .contentType(MediaType.APPLICATION_JSON).body(response.getBody());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> wrongMediaType(HttpMediaTypeNotSupportedException e,
                                                       HttpServletRequest request) {
        var supported = String.join(", ", e.getSupportedMediaTypes().stream().map(MediaType::toString).toList());
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, request, "error.api.unsupportedMediaType",
                "UNSUPPORTED_MEDIA_TYPE", "Content-Type " + e.getContentType() + " not accepted; send " + supported,
                supported);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, String>> notAcceptable(HttpMediaTypeNotAcceptableException e,
                                                      HttpServletRequest request) {
        return body(HttpStatus.NOT_ACCEPTABLE, request, "error.api.notAcceptable", "NOT_ACCEPTABLE",
                "this call answers application/json");
    }

    /**
     * A number or date that overflowed on its way in: a limit missing somewhere, but still the
     * request's doing. 400 without the exception's text; the station's log has the stack.
     */
    @ExceptionHandler({ArithmeticException.class, DateTimeException.class})
    ResponseEntity<Map<String, String>> outOfRange(RuntimeException e, HttpServletRequest request) {
        var incident = ApiErrors.newIncidentId();
        log.warn("Value out of range (incident {}) on {} {}", incident, request.getMethod(), request.getRequestURI(), e);
        return body(HttpStatus.BAD_REQUEST, request, "error.api.outOfRange", "OUT_OF_RANGE",
                "a number or date in the request is out of range (incident " + incident + ")");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e, HttpServletRequest request) {
        log.info("Bad request on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return body(HttpStatus.BAD_REQUEST, request, "error.api.badRequest", "BAD_REQUEST", e.getMessage());
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
        if (e instanceof ErrorResponse standard && standard.getStatusCode().is4xxClientError()) {
            // Spring's other request errors (a missing header, ...): their status, a code named after it.
            var status = HttpStatus.valueOf(standard.getStatusCode().value());
            return body(status, request, "error.api.badRequest", status.name(), "");
        }
        var incident = ApiErrors.newIncidentId();
        log.error("Unexpected API failure (incident {}) on {} {}", incident, request.getMethod(),
                request.getRequestURI(), e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, request, "error.api.internal", "INTERNAL", "incident " + incident);
    }

    /**
     * A busy or full database is a moment's trouble, not a fault of the request or of the station:
     * 503 with Retry-After for busy, 507 for a full disk, and a reason a person can act on.
     */
    private static ResponseEntity<Map<String, String>> databaseTrouble(SqliteErrors.Trouble trouble, Exception e,
                                                                       HttpServletRequest request) {
        log.warn("Database {} on {} {}: {}", trouble, request.getMethod(), request.getRequestURI(), e.getMessage());
        var busy = trouble == SqliteErrors.Trouble.BUSY;
        var response = body(busy ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INSUFFICIENT_STORAGE, request,
                busy ? "error.api.databaseBusy" : "error.api.storageFull", busy ? "DATABASE_BUSY" : "STORAGE_FULL",
                busy ? "database busy" : "disk full");
        return ResponseEntity.status(response.getStatusCode()).header(HttpHeaders.RETRY_AFTER, SqliteErrors.RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_JSON).body(response.getBody());
    }

    // --- Bean Validation: one violation described in the caller's terms -------------------------------

    /** A broken constraint on {@code field} (as the caller named it), with the stable code it maps to. */
    private record Violation(String field, String code, String key, String detail, Object[] args) {
    }

    private ResponseEntity<Map<String, String>> violations(List<Violation> found, HttpServletRequest request) {
        if (found.isEmpty()) {
            return body(HttpStatus.BAD_REQUEST, request, "error.api.badRequest", "BAD_REQUEST", "");
        }
        found.sort(Comparator.comparing(Violation::field));
        var first = found.getFirst();
        var detail = String.join("; ", found.stream().map(Violation::detail).distinct().toList());
        return body(HttpStatus.BAD_REQUEST, request, first.key(), first.code(), detail, first.args());
    }

    private Violation violation(String field, MessageSourceResolvable error) {
        if (error instanceof FieldError fieldError && fieldError.contains(ConstraintViolation.class)) {
            return violation(field, fieldError.unwrap(ConstraintViolation.class));
        }
        return new Violation(field, "INVALID", "error.input.field.INVALID", field + ": not valid", new Object[] {field});
    }

    private static @Nullable ConstraintViolation<?> unwrap(
            org.springframework.validation.method.ParameterValidationResult result, MessageSourceResolvable error) {
        try {
            return result.unwrap(error, ConstraintViolation.class);
        } catch (IllegalArgumentException notOne) {
            return null;
        }
    }

    private Violation violation(String field, @Nullable ConstraintViolation<?> v) {
        if (v == null) {
            return new Violation(field, "INVALID", "error.input.field.INVALID", field + ": not valid", new Object[] {field});
        }
        var attributes = v.getConstraintDescriptor().getAttributes();
        var constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        var value = v.getInvalidValue();
        switch (constraint) {
            case "Size", "Length" -> {
                var max = String.valueOf(attributes.get("max"));
                if (value instanceof CharSequence text) {
                    return new Violation(field, "TOO_LONG", "error.input.field.TOO_LONG", field + ": at most " + max
                            + " characters, got " + text.length(), new Object[] {field, max, Integer.toString(text.length())});
                }
                var size = sizeOf(value);
                return new Violation(field, "TOO_MANY", "error.input.field.TOO_MANY", field + ": at most " + max
                        + " entries, got " + size, new Object[] {field, max, Integer.toString(size)});
            }
            case "Min", "Max", "Positive", "PositiveOrZero", "Negative", "NegativeOrZero", "DecimalMin", "DecimalMax",
                 "Range" -> {
                var range = switch (constraint) {
                    case "Min", "DecimalMin" -> "≥ " + attributes.get("value");
                    case "Max", "DecimalMax" -> "≤ " + attributes.get("value");
                    case "Positive" -> "≥ 1";
                    case "PositiveOrZero" -> "≥ 0";
                    case "Range" -> attributes.get("min") + " .. " + attributes.get("max");
                    default -> "< 0";
                };
                var shown = value instanceof Number n ? n.toString() : "?";
                return new Violation(field, "OUT_OF_RANGE", "error.input.field.OUT_OF_RANGE", field + ": must be " + range
                        + ", got " + shown, new Object[] {field, range});
            }
            case "WithinYears" -> {
                var today = LocalDate.now(clock);
                int years = ((Number) attributes.get("value")).intValue();
                var first = today.minusYears(years);
                var last = today.plusYears(years);
                return new Violation(field, "DATE_OUT_OF_RANGE", "error.input.field.DATE_OUT_OF_RANGE", field
                        + ": must be from " + first + " to " + last, new Object[] {field, DAY.format(first),
                        DAY.format(last)});
            }
            case "NotNull", "NotEmpty", "NotBlank" -> {
                return new Violation(field, "MISSING", "error.input.field.MISSING", field + ": required",
                        new Object[] {field});
            }
            default -> {
                return new Violation(field, "INVALID", "error.input.field.INVALID", field + ": not valid",
                        new Object[] {field});
            }
        }
    }

    private static int sizeOf(@Nullable Object value) {
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        return value != null && value.getClass().isArray() ? Array.getLength(value) : 0;
    }

    private static ResponseEntity<Map<String, String>> body(HttpStatus status, HttpServletRequest request, String key,
                                                            String code, @Nullable String detail, Object... args) {
        return json(status, ApiErrors.body(ApiErrors.localeOf(request), key, code, detail, args));
    }

    /** JSON whatever the caller's Accept header says: an error must reach them readable. */
    private static ResponseEntity<Map<String, String>> json(HttpStatus status, Map<String, String> body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
