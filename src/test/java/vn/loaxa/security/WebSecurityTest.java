package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.loaxa.testing.SpringTest;

class WebSecurityTest extends SpringTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void the_login_page_and_static_styles_are_open() throws Exception {
        assertThat(get("/login").statusCode()).isEqualTo(200);
        assertThat(get("/styles.css").statusCode()).isEqualTo(200);
    }

    @Test
    void every_view_sends_an_anonymous_visitor_to_the_login_page() throws Exception {
        for (var path : new String[] {"/", "/library"}) {
            var response = get(path);
            assertThat(response.statusCode()).as(path).isIn(302, 303);
            assertThat(response.headers().firstValue("Location")).as(path)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
