package vn.loaxa.security;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import vn.loaxa.base.ApiErrors;

/**
 * Security failures happen before Spring MVC, so their JSON is written here, in the same
 * {@code {"error", "code", "detail"}} shape as every other API error (decision 0017).
 */
final class ApiSecurityErrors {

    private ApiSecurityErrors() {
    }

    static final String RETRY_AFTER_SECONDS = vn.loaxa.base.SqliteErrors.RETRY_AFTER_SECONDS;

    /** The code named after the status: {@code UNAUTHORIZED}, {@code FORBIDDEN}. */
    static void write(HttpServletResponse response, HttpStatus status, String key, HttpServletRequest request) {
        write(response, status, key, null, request);
    }

    static void write(HttpServletResponse response, HttpStatus status, String key, @Nullable String code,
                      HttpServletRequest request) {
        write(response, status, key, new Object[0], code, null, request);
    }

    /** With the message's arguments and a technical detail. */
    static void write(HttpServletResponse response, HttpStatus status, String key, Object[] args, @Nullable String code,
                      @Nullable String detail, HttpServletRequest request) {
        try {
            ApiErrors.write(request, response, status, key, code == null ? status.name() : code,
                    detail == null ? "" : detail, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(HttpServletResponse response, HttpStatus status, String key, @Nullable String code,
                      @Nullable String detail, HttpServletRequest request, Object... args) {
        write(response, status, key, args, code, detail, request);
    }
}
