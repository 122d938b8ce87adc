package vn.loaxa.playout;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import vn.loaxa.testing.FormLogin;

/**
 * A person using the web UI, without a browser: signs in through the login form (a session cookie),
 * then opens views the way Vaadin's client does, with the bootstrap request that makes the server
 * create the UI and build the view (its queries included). Returns the first answer that is not what
 * a working station gives, or the last one.
 */
final class UiSession {

    private UiSession() {
    }

    static HttpResponse<String> visit(int port, String user, String password, List<String> routes) throws Exception {
        var base = "http://localhost:" + port;
        var http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        var login = FormLogin.post(http, base, user, password);
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
