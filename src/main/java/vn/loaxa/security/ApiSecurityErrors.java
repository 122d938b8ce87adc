package vn.loaxa.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import vn.loaxa.base.Texts;

/** Security failures happen before Spring MVC, so their JSON is written here by hand. */
final class ApiSecurityErrors {

    private ApiSecurityErrors() {
    }

    static final String RETRY_AFTER_SECONDS = vn.loaxa.base.SqliteErrors.RETRY_AFTER_SECONDS;

    static void write(HttpServletResponse response, HttpStatus status, String key, HttpServletRequest request) {
        write(response, status, key, null, request);
    }

    static void write(HttpServletResponse response, HttpStatus status, String key, @Nullable String code,
                      HttpServletRequest request) {
        write(response, status, key, code, null, request);
    }

    static void write(HttpServletResponse response, HttpStatus status, String key, @Nullable String code,
                      @Nullable String detail, HttpServletRequest request, Object... args) {
        var message = Texts.get(Texts.localeOf(request.getHeader("Accept-Language")), key, args);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try {
            response.getWriter().write("{\"error\":\"" + Texts.jsonEscape(message) + "\""
                    + (code == null ? "" : ",\"code\":\"" + code + "\"")
                    + (detail == null ? "" : ",\"detail\":\"" + Texts.jsonEscape(detail) + "\"") + "}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
