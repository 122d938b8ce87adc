package vn.loaxa.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** A plain HTTP client for API tests: real requests over the loopback, as scripts would send them. */
public final class Api {

    private final HttpClient http;
    private final String base;

    public Api(int port) {
        this.http = HttpClient.newHttpClient();
        this.base = "http://localhost:" + port;
    }

    /**
     * Requests from another loopback address (127.0.0.0/8 all reach this machine on Linux): the
     * station then sees another client, e.g. for login throttling per address.
     */
    public Api(int port, java.net.InetAddress from) {
        this.http = HttpClient.newBuilder().localAddress(from).build();
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> delete(String path, String user, String password) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).DELETE();
        auth(b, user, password);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path, String user, String password) throws Exception {
        return get(path, user, password, null);
    }

    public HttpResponse<String> get(String path, String user, String password, String language) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (language != null) {
            b.header("Accept-Language", language);
        }
        auth(b, user, password);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> postJson(String path, String user, String password, String json, String language)
            throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        auth(b, user, password);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> putJson(String path, String user, String password, String json) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        auth(b, user, password);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<byte[]> getBytes(String path, String user, String password) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        auth(b, user, password);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A multipart upload streamed from a file, for large files that should not sit in the test's memory. */
    public HttpResponse<String> uploadFile(String path, String user, String password, String filename,
                                           java.nio.file.Path content) throws Exception {
        var boundary = "loaxa-" + UUID.randomUUID();
        var head = new ByteArrayOutputStream();
        part(head, boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        var b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head.toByteArray()),
                        HttpRequest.BodyPublishers.ofFile(content),
                        HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")));
        auth(b, user, password);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> upload(String path, String user, String password, String filename, byte[] content,
                                       String title, String language) throws Exception {
        var boundary = "loaxa-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        if (title != null) {
            part(body, boundary, "Content-Disposition: form-data; name=\"title\"\r\n\r\n");
            body.write(title.getBytes(StandardCharsets.UTF_8));
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        part(body, boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        auth(b, user, password);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void part(ByteArrayOutputStream body, String boundary, String headers) throws IOException {
        body.write(("--" + boundary + "\r\n" + headers).getBytes(StandardCharsets.UTF_8));
    }

    private static void auth(HttpRequest.Builder b, String user, String password) {
        if (user != null) {
            var token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            b.header("Authorization", "Basic " + token);
        }
    }
}
