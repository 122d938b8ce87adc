package vn.loaxa.securitysuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What no answer of the API may be, whatever was sent: a 5xx (but a busy database's 503 with
 * Retry-After, or a station without espeak-ng or a sound card saying so), a body that shows internals
 * (class names, exception names, stack frames), an error that is not {@code {"error", "code"}}, an
 * error code the OpenAPI document does not list for the call, or an admin refused.
 */
final class AnswerCheck {

    /** A broken rule: its kind, the answer's status and code; {@link #signature()} is what the known-failures list names. */
    record Failure(String kind, int status, String code, String why) {
        String signature() {
            return kind + " " + status + " " + code;
        }

        @Override
        public String toString() {
            return signature() + ": " + why;
        }
    }

    /** Internals: Java, Spring, Jackson and station class names, exception names, stack frames, the SQLite driver. */
    static final Pattern INTERNALS = Pattern.compile("java\\.|javax\\.|jakarta\\.|org\\.springframework|tools\\.jackson"
            + "|com\\.fasterxml|vn\\.loaxa\\.|Exception|\\.java:\\d+|\\bat [\\w$.]+\\(|org\\.sqlite|org\\.apache\\.");

    /** Answers that say the station lacks a part (espeak-ng, a sound card): documented, and no fault of the request. */
    static final Set<String> STATION_WITHOUT = Set.of("TTS_UNAVAILABLE", "OUTPUT_NO_DEVICE", "OUTPUT_UNKNOWN_NAME",
            "OUTPUT_UNAVAILABLE");

    private AnswerCheck() {
    }

    static List<Failure> failures(ApiDocument.Operation op, SuiteHttp.Answer answer) {
        var failures = new ArrayList<Failure>();
        var status = answer.status();
        var type = answer.header("Content-Type") == null ? "" : answer.header("Content-Type").toLowerCase(Locale.ROOT);
        var json = readJson(answer.body());
        var code = json == null ? "-" : json.path("code").asString("-");
        if (status >= 500) {
            var busy = status == 503 && code.equals("DATABASE_BUSY") && answer.header("Retry-After") != null;
            var without = status == 503 && STATION_WITHOUT.contains(code) && op.errorCodes(503).contains(code);
            if (!busy && !without) {
                failures.add(new Failure("server-error", status, code, "a 5xx answer to a request"));
            }
        }
        var textual = type.isEmpty() || type.contains("json") || type.contains("text") || type.contains("yaml")
                || type.contains("html") || type.contains("xml");
        if (textual) {
            var m = INTERNALS.matcher(answer.body());
            if (m.find()) {
                var from = Math.max(0, m.start() - 60);
                failures.add(new Failure("leak", status, code, "internals in the answer: …"
                        + answer.body().substring(from, Math.min(answer.body().length(), m.end() + 60)) + "…"));
            }
        }
        if (status >= 300 && status < 400) {
            failures.add(new Failure("redirect", status, code, "the API redirected to " + answer.header("Location")));
        }
        if (status == 401 || status == 403) {
            failures.add(new Failure("admin-refused", status, code, "an admin was refused"));
        }
        if (status >= 400) {
            if (json == null || !json.isObject() || !json.path("error").isString() || !json.path("code").isString()) {
                failures.add(new Failure("not-json", status, code, "an error answer that is not {\"error\", \"code\", "
                        + "\"detail\"} (Content-Type " + type + ")"));
            } else if (status < 500 && !op.errorCodes(status).contains(code)) {
                failures.add(new Failure("undocumented", status, code, "the OpenAPI document lists "
                        + op.errorCodes(status) + " for " + status));
            }
        }
        return failures;
    }

    private static tools.jackson.databind.JsonNode readJson(String body) {
        try {
            return ApiDocument.JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The temporary list of failures the suite knows and tolerates ({@code security/fuzz-known-failures.txt}):
     * lines {@code METHOD /path KIND STATUS CODE}, {@code *} for any code.
     */
    static final class Known {

        private final Set<String> lines = new HashSet<>();

        static Known load() {
            var known = new Known();
            try (var in = AnswerCheck.class.getResourceAsStream("/security/fuzz-known-failures.txt")) {
                if (in == null) {
                    throw new AssertionError("No security/fuzz-known-failures.txt on the test class path");
                }
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .forEach(l -> known.lines.add(l.replaceAll("\\s+", " ")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return known;
        }

        boolean tolerates(ApiDocument.Operation op, Failure f) {
            return lines.contains(op.name() + " " + f.signature())
                    || lines.contains(op.name() + " " + f.kind() + " " + f.status() + " *");
        }

        int size() {
            return lines.size();
        }
    }
}
