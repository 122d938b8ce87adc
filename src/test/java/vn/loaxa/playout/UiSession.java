package vn.loaxa.playout;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A person using the web UI, without a browser: signs in through the login form (a session cookie),
 * then opens views the way Vaadin's client does, with the bootstrap request that makes the server
 * create the UI and build the view (its queries included). Returns the first answer that is not what
 * a working station gives, or the last one.
 */
final class UiSession {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private UiSession() {
    }

    static HttpResponse<String> visit(int port, String user, String password, List<String> routes) throws Exception {
        var base = "http://localhost:" + port;
        var http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        // The login page carries the CSRF token its form posts back, as a browser's would.
        var page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        var token = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !token.find()) {
            return page;
        }
        var form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        var login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        var location = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 302 || location.contains("/login")) {
            return login;
        }
        HttpResponse<String> last = login;
        for (var route : routes) {
            last = http.send(HttpRequest.newBuilder(URI.create(base + "/?v-r=init&location="
                    + URLEncoder.encode(route, StandardCharsets.UTF_8))).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (last.statusCode() != 200 || !last.body().contains("\"uidl\"")) {
                return last;
            }
        }
        return last;
    }
}
