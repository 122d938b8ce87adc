package vn.loaxa.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** The web UI's login form, posted as a browser posts it. */
public final class FormLogin {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private FormLogin() {
    }

    /**
     * The login page first, for the CSRF token its form posts back, then the form. A 302 away from
     * /login is a session (kept in {@code http}'s cookies); anything else is returned as it came.
     */
    public static HttpResponse<String> post(HttpClient http, String base, String user, String password)
            throws Exception {
        var page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        var token = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !token.find()) {
            return page;
        }
        var form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
