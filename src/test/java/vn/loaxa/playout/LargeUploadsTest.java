package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.testing.FormLogin;
import vn.loaxa.testing.GeneratedStream;
import vn.loaxa.testing.RawHttp;
import vn.loaxa.testing.TinyFrameMp3;

/**
 * Uploads as big and as long as the station allows, into a station running as its own process with
 * a heap smaller than the upload: a 300 MB WAV through the API and another through the Library
 * view's upload are imported whole (anything holding one in memory would run out of it), and two
 * people's long MP3s decode side by side while a third person's small upload, the status and a
 * schedule change answer at once.
 */
class LargeUploadsTest {

    private static final long THREE_HUNDRED_MB = 300L * 1024 * 1024;
    private static final String HEAP = "192m";
    private static final Pattern SECURITY_KEY = Pattern.compile("\"Vaadin-Security-Key\":\"([0-9a-f-]+)\"");
    private static final Pattern UPLOAD_TARGET = Pattern.compile("VAADIN/dynamic/resource/[0-9]+/[0-9a-f-]+/upload");

    @TempDir
    Path home;

    @Test
    void a_300_mb_wav_goes_through_the_api_and_the_library_view_of_a_station_with_a_192_mb_heap() throws Exception {
        try (var station = new StationProcess(home, "loaxa.library.max-file-size=400MB").heap(HEAP)) {
            station.start();
            station.addUser("dieuhanh", "dieu-hanh-pass", "OPERATOR");

            // 44.1 kHz stereo silence: 300 MB is about 30 minutes.
            long data = THREE_HUNDRED_MB - 44;
            var api = RawHttp.post(station.port(), "/api/library", Map.of(
                            "Content-Type", "multipart/form-data; boundary=lon",
                            "Authorization", basic("admin", StationProcess.PASSWORD)),
                    multipart("bản tin rất dài.wav", new GeneratedStream(GeneratedStream.wavHeader(44_100, 2, data),
                            THREE_HUNDRED_MB, (byte) 0)), multipartLength(THREE_HUNDRED_MB, "bản tin rất dài.wav"));
            assertThat(api.status()).as(api.body()).isEqualTo(201);
            assertThat(((Number) station.json().readValue(api.body(), Map.class).get("durationMs")).longValue())
                    .isEqualTo(data / 4 * 1000 / 44_100);

            var ui = viewUpload(station, "dieuhanh", "dieu-hanh-pass", "ban-tin-tu-giao-dien.wav",
                    new GeneratedStream(GeneratedStream.wavHeader(44_100, 2, data), THREE_HUNDRED_MB, (byte) 1));
            assertThat(ui.statusCode()).as(ui.body()).isEqualTo(200);
            var library = station.api().get("/api/library", "admin", StationProcess.PASSWORD).body();
            assertThat(library).contains("bản tin rất dài.wav").contains("ban-tin-tu-giao-dien.wav");

            assertThat(station.logText()).doesNotContain("OutOfMemoryError");
            assertThat(staging()).as("nothing left in the staging folder").isEmpty();
        }
    }

    @Test
    void two_long_mp3s_decode_side_by_side_while_others_are_served_at_once() throws Exception {
        try (var station = new StationProcess(home, "loaxa.library.max-file-size=64MB").heap(HEAP)) {
            station.start();
            // Under the three hours allowed, each some seconds of decoding.
            var first = Files.readAllBytes(TinyFrameMp3.write(home.resolve("hoi-nghi-1.mp3"),
                    Duration.ofMinutes(170), 1));
            var second = Files.readAllBytes(TinyFrameMp3.write(home.resolve("hoi-nghi-2.mp3"),
                    Duration.ofMinutes(170), 2));
            var a = CompletableFuture.supplyAsync(() -> upload(station, "hoi-nghi-1.mp3", first));
            var b = CompletableFuture.supplyAsync(() -> upload(station, "hoi-nghi-2.mp3", second));
            // Both received whole and now decoding: two full copies in the staging folder.
            awaitStaged(2, first.length);

            long began = System.nanoTime();
            var small = station.uploadTone("Thông báo ngắn", 440, 1);
            long smallMs = millisSince(began);
            assertThat(a).as("a small upload did not wait for the long ones (%d ms)", smallMs).isNotDone();
            assertThat(b).isNotDone();
            assertThat(small).isPositive();

            began = System.nanoTime();
            var status = station.api().get("/api/status", "admin", StationProcess.PASSWORD);
            long statusMs = millisSince(began);
            began = System.nanoTime();
            var oneOff = station.api().postJson("/api/broadcasts", "admin", StationProcess.PASSWORD, """
                    {"startsAt": "%s", "assetIds": [%d], "villageIds": [1]}"""
                    .formatted(Instant.now().plus(Duration.ofHours(2)), small), null);
            long changeMs = millisSince(began);
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(oneOff.statusCode()).as(oneOff.body()).isEqualTo(201);
            assertThat(statusMs).as("status answered in %d ms", statusMs).isLessThan(1_000);
            assertThat(changeMs).as("schedule change answered in %d ms", changeMs).isLessThan(2_000);

            assertThat(a.join().statusCode()).as(a.join().body()).isEqualTo(201);
            assertThat(b.join().statusCode()).as(b.join().body()).isEqualTo(201);

            // Five and a half hours in 20 MB: refused from its frame count, not after decoding it.
            var tooLong = Files.readAllBytes(TinyFrameMp3.write(home.resolve("ca-ngay.mp3"), Duration.ofMinutes(330), 3));
            began = System.nanoTime();
            var refused = upload(station, "ca-ngay.mp3", tooLong);
            long refusedMs = millisSince(began);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("TOO_LONG").contains("5:30:00").contains("3:00:00");
            assertThat(refusedMs).as("refused in %d ms", refusedMs).isLessThan(3_000);
            assertThat(staging()).isEmpty();
        }
    }

    private static HttpResponse<String> upload(StationProcess station, String name, byte[] content) {
        try {
            return station.api().upload("/api/library", "admin", StationProcess.PASSWORD, name, content, null, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs in through the login form, opens the Library view as the browser does, and sends the file
     * to its upload as vaadin-upload sends it: the file as the request body, its name in X-Filename.
     */
    private static HttpResponse<String> viewUpload(StationProcess station, String user, String password, String name,
                                                   GeneratedStream content) throws Exception {
        var base = "http://localhost:" + station.port();
        try (var http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build()) {
            var login = FormLogin.post(http, base, user, password);
            assertThat(login.statusCode()).as("signed in").isEqualTo(302);
            assertThat(login.headers().firstValue("Location").orElse("")).as("signed in").doesNotContain("/login");
            var init = http.send(HttpRequest.newBuilder(URI.create(base + "/?v-r=init&location="
                    + URLEncoder.encode("library", StandardCharsets.UTF_8))).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            var key = SECURITY_KEY.matcher(init.body());
            assertThat(key.find()).as("the UI was created: " + init.body()).isTrue();
            // The client's first message: navigate to the view, which the server then builds.
            var view = http.send(HttpRequest.newBuilder(URI.create(base + "/?v-r=uidl&v-uiId=0"))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"csrfToken": "%s", "rpc": [{"type": "event", "node": 1, "event": "ui-navigate",
                             "data": {"route": "library", "query": "", "appShellTitle": "", "historyState": {"idx": 0},
                             "trigger": ""}}], "syncId": 0, "clientId": 0}""".formatted(key.group(1)))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            var target = UPLOAD_TARGET.matcher(view.body());
            assertThat(target.find()).as("the Library view has its upload: " + view.body()).isTrue();
            return http.send(HttpRequest.newBuilder(URI.create(base + "/" + target.group()))
                    .header("Content-Type", "audio/wav").header("X-Filename", name)
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                            () -> content), THREE_HUNDRED_MB)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    private static java.io.InputStream multipart(String name, GeneratedStream content) {
        return new SequenceInputStream(new ByteArrayInputStream(head(name)),
                new SequenceInputStream(content, new ByteArrayInputStream(TAIL)));
    }

    private static long multipartLength(long content, String name) {
        return head(name).length + content + TAIL.length;
    }

    private static final byte[] TAIL = "\r\n--lon--\r\n".getBytes(StandardCharsets.UTF_8);

    private static byte[] head(String name) {
        return ("--lon\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until {@code count} uploads sit whole in the staging folder, i.e. are being decoded. */
    private void awaitStaged(int count, long size) throws Exception {
        var deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (staging().stream().filter(p -> p.getFileName().toString().startsWith("upload-"))
                    .filter(p -> p.toFile().length() >= size).count() >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the uploads never reached the staging folder: " + staging());
    }

    private List<Path> staging() throws Exception {
        var dir = home.resolve("audio").resolve(".incoming");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
