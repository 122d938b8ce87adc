package vn.loaxa.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.loaxa.security.Role;
import vn.loaxa.security.SecurityHeaders;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.RunAs;

/**
 * A station started with {@code loaxa.tls.enabled=true}, no keystore, listening on 127.0.0.1 only,
 * with an http-to-https redirect port. It generates its certificate in the data folder (0600),
 * serves HTTPS with it (a client that trusts exactly that certificate connects and checks the
 * name; one that trusts only the usual authorities is refused), sends HSTS, marks the session
 * cookie Secure, redirects plain HTTP, logs the certificate's SHA-256 fingerprint, and the
 * Settings page shows the same fingerprint in real Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ExtendWith(OutputCaptureExtension.class)
class HttpsTest {

    static final Path ROOT;
    static final int HTTPS_PORT;
    static final int REDIRECT_PORT;
    static final String PASSWORD = "Https-test-admin-2026";
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    static {
        try {
            ROOT = Files.createTempDirectory("loaxa-https-");
            HTTPS_PORT = freePort();
            REDIRECT_PORT = freePort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Autowired
    UserService users;
    @Autowired
    StationTls tls;

    @DynamicPropertySource
    static void httpsStation(DynamicPropertyRegistry registry) {
        registry.add("loaxa.station.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("loaxa.library.audio-dir", () -> ROOT.resolve("audio").toString());
        registry.add("LOAXA_ADMIN_PASSWORD", () -> "admin-https-initial");
        registry.add("loaxa.schedules.load-on-first-start", () -> "false");
        registry.add("server.port", () -> HTTPS_PORT);
        registry.add("loaxa.tls.enabled", () -> "true");
        registry.add("loaxa.tls.http-redirect-port", () -> REDIRECT_PORT);
        registry.add("loaxa.listen-address", () -> "127.0.0.1");
    }

    @Test
    void the_station_serves_https_with_its_generated_certificate(CapturedOutput output) throws Exception {
        if (users.find("https-admin").isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create("https-admin", "Quản trị HTTPS", PASSWORD, EnumSet.of(Role.ADMIN), false));
        }
        // Generated in the data folder, readable by the station's account only.
        var file = ROOT.resolve("data").resolve("tls").resolve("station.p12");
        assertThat(file).isRegularFile();
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        var store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, new char[0]);
        }
        var certificate = (X509Certificate) store.getCertificate("loaxa");
        var fingerprint = StationTls.fingerprint(certificate);

        // A client that trusts exactly this certificate, and checks that it is for "localhost".
        var trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("station", certificate);
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        var ssl = SSLContext.getInstance("TLS");
        ssl.init(null, factory.getTrustManagers(), null);
        var client = HttpClient.newBuilder().sslContext(ssl).build();
        var base = "https://localhost:" + HTTPS_PORT;
        var status = client.send(HttpRequest.newBuilder(URI.create(base + "/api/status"))
                .header("Authorization", basic("https-admin", PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"timeZone\"");
        var served = (X509Certificate) status.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(StationTls.fingerprint(served)).isEqualTo(fingerprint);
        assertThat(status.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(status.headers().firstValue("Content-Security-Policy"))
                .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);

        // The session cookie of the UI is Secure (and SameSite=Lax, HttpOnly).
        var login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=")
                .contains("Secure", "HttpOnly", "SameSite=Lax"));

        // The usual authorities do not vouch for it: a browser warns, a default client refuses.
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .build(), HttpResponse.BodyHandlers.discarding())).isInstanceOf(SSLHandshakeException.class);

        // Plain HTTP on the redirect port only sends the browser to HTTPS.
        var redirect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + REDIRECT_PORT + "/api/status?x=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isIn(301, 302);
        assertThat(redirect.headers().firstValue("Location")).hasValue(base + "/api/status?x=1");

        // Listening on 127.0.0.1 only: this PC's LAN address does not answer.
        var lan = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .filter(n -> { try { return n.isUp() && !n.isLoopback(); } catch (java.net.SocketException e) {
                    return false; } })
                .flatMap(n -> java.util.Collections.list(n.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address).findFirst();
        if (lan.isPresent()) {
            assertThatThrownBy(() -> {
                try (var socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress(lan.get(), HTTPS_PORT), 2_000);
                }
            }).as("connecting to %s", lan.get()).isInstanceOf(java.net.ConnectException.class);
        }

        // What the log and the bean (the Settings page's source) say is the served certificate's.
        assertThat(tls.fingerprint()).isEqualTo(fingerprint);
        assertThat(output.getAll()).contains("SHA-256 fingerprint " + fingerprint);

        // In the browser: the Settings page shows the same fingerprint, over HTTPS.
        assumeTrue("true".equals(System.getenv("CI")) || Files.isExecutable(CHROMIUM),
                "no /usr/bin/chromium: the browser part is skipped outside CI");
        try (var playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             var browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")))) {
            // Accepting the warning is what the officer does after comparing the fingerprint.
            var context = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true)
                    .setLocale("vi-VN"));
            var page = context.newPage();
            page.setDefaultTimeout(30_000);
            page.navigate(base + "/login");
            page.locator("vaadin-login-form input[name=username]").fill("https-admin");
            page.locator("vaadin-login-form input[name=password]").fill(PASSWORD);
            page.locator("vaadin-login-form input[name=password]").press("Enter");
            page.waitForSelector("#on-air");
            page.navigate(base + "/settings");
            assertThat(page.locator("#tls-fingerprint").innerText()).isEqualTo(fingerprint);
            assertThat(page.locator("#connection-panel").innerText()).contains("HTTPS đang bật", "127.0.0.1");
            context.close();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
