package vn.loaxa.securitysuite;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** Real HTTP to the suite's station, as a script would send it: no redirects followed, a bounded wait. */
final class SuiteHttp {

    /** One request: method, path (already with its path parameters), query, body and its content type. */
    record Request(String method, String path, List<Map.Entry<String, String>> query, byte @Nullable [] body,
                   @Nullable String contentType) {

        String uri() {
            if (query.isEmpty()) {
                return path;
            }
            return path + "?" + query.stream().map(q -> encode(q.getKey()) + "=" + encode(q.getValue()))
                    .collect(Collectors.joining("&"));
        }
    }

    record Answer(int status, String body, HttpResponse<String> response) {

        @Nullable String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    SuiteHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    Answer send(Request request, SuiteStation.Caller caller) {
        var b = HttpRequest.newBuilder(URI.create(base + request.uri())).timeout(Duration.ofSeconds(60));
        if (request.body() != null) {
            b.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (request.contentType() != null) {
            b.header("Content-Type", request.contentType());
        }
        b.header("Accept-Language", "en");
        if (caller.bearer() != null) {
            b.header("Authorization", "Bearer " + caller.bearer());
        } else if (caller.user() != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (caller.user() + ":" + caller.password()).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            var response = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(), response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("No answer to " + request.method() + " " + request.uri() + ": " + e, e);
        }
    }

    Answer get(String path, SuiteStation.Caller caller) {
        return send(new Request("GET", path, List.of(), null, null), caller);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
