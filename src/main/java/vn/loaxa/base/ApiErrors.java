package vn.loaxa.base;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The one shape of every API error, {@code {"error", "code", "detail"}} (decision 0017): {@code error}
 * for a person in the caller's language, {@code code} stable for programs, {@code detail} technical
 * but written by the station: never a Java class, a package, a stack or an internal exception's
 * message. Used by the MVC error handler and by the filters that answer before MVC (security,
 * start-up, body size).
 */
public final class ApiErrors {

    /**
     * Last guard on {@code detail}: text naming a Java type or package ({@code java.time.Instant},
     * {@code vn.loaxa...}, {@code ...Exception}) is an internal leaking out and is dropped.
     */
    private static final Pattern INTERNAL = Pattern.compile(
            "\\b(?:java|javax|jakarta|sun|jdk|com|org|net|io|tools|vn)\\.[a-z_$][\\w$]*\\.|\\b[A-Z]\\w*?(?:Exception|Error)\\b"
                    + "|\\bat [\\w$.]+\\(|\\$[A-Z]\\w*|\\bclass [\\w$.]+");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String INCIDENT_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private ApiErrors() {
    }

    public static boolean isApi(HttpServletRequest request) {
        var path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals("/api") || path.startsWith("/api/");
    }

    public static Locale localeOf(HttpServletRequest request) {
        return Texts.localeOf(request.getHeader("Accept-Language"));
    }

    /** The body, {@code error} translated from {@code key} with {@code args}. */
    public static Map<String, String> body(Locale locale, String key, String code, @Nullable String detail,
                                           Object... args) {
        // Counts and ids as plain digits: MessageFormat would print 1024 as "1,024" or "1.024".
        var plain = java.util.Arrays.stream(args).map(a -> a instanceof Number ? a.toString() : a).toArray();
        var body = new LinkedHashMap<String, String>();
        body.put("error", Texts.get(locale, key, plain));
        body.put("code", code);
        body.put("detail", clean(detail));
        return body;
    }

    /** Writes the error straight to the response, for filters that answer before Spring MVC. */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String key,
                             String code, @Nullable String detail, Object... args) throws IOException {
        var body = body(localeOf(request), key, code, detail, args);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json(body));
        response.getWriter().flush();
    }

    public static String json(Map<String, String> body) {
        var sb = new StringBuilder("{");
        for (var e : body.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(Texts.jsonEscape(e.getKey())).append("\":\"").append(Texts.jsonEscape(e.getValue()))
                    .append('"');
        }
        return sb.append('}').toString();
    }

    /** {@code detail} as sent: blank when it would show the station's insides. */
    public static String clean(@Nullable String detail) {
        if (detail == null || detail.isBlank()) {
            return "";
        }
        var shown = detail.length() > 500 ? detail.substring(0, 500) + "…" : detail;
        return INTERNAL.matcher(shown).find() ? "" : shown;
    }

    /** A short id a person can read out on the phone, and find again in the station's log. */
    public static String newIncidentId() {
        var sb = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            sb.append(INCIDENT_LETTERS.charAt(RANDOM.nextInt(INCIDENT_LETTERS.length())));
        }
        return sb.toString();
    }
}
