package vn.loaxa.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.servlet.MultipartConfigElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.GeneratedStream;
import vn.loaxa.testing.RawHttp;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TinyFrameMp3;

/**
 * The API's upload limits: size (2 MB in tests) checked while the multipart body streams to disk
 * (the staging folder, not memory and not the system's temporary folder),
 * so a 300 MB body is refused without being received; length (an admin's setting, 3 h unless
 * changed) refused with both lengths before the audio is decoded. Nothing is left behind.
 */
class UploadLimitsApiTest extends SpringTest {

    private static final long THREE_HUNDRED_MB = 300L * 1024 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    StationSettings settings;
    @Autowired AudioLimits limits;
    @Autowired
    LibraryService library;
    @Autowired
    MultipartConfigElement multipart;

    Api api;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void an_mp3_of_tiny_frames_longer_than_the_setting_is_refused_as_too_long_with_both_lengths() throws Exception {
        // 30 minutes in 1.8 MB: under the size limit, over a 10-minute length limit.
        var mp3 = TinyFrameMp3.bytes(Duration.ofMinutes(30), 301);
        assertThat(mp3.length).isLessThan(2 * 1024 * 1024);
        asAdmin(() -> limits.setMaxAudioMinutes(10));
        try {
            long began = System.nanoTime();
            var vi = api.upload("/api/library", "admin", ADMIN_PASSWORD, "Hội nghị cả ngày.mp3", mp3, null, null);
            long tookMs = (System.nanoTime() - began) / 1_000_000;

            assertThat(vi.statusCode()).as(vi.body()).isEqualTo(422);
            Map<?, ?> body = json.readValue(vi.body(), Map.class);
            assertThat(body.get("code")).isEqualTo("TOO_LONG");
            assertThat((String) body.get("error")).isEqualTo("Tệp dài 0:30:00, vượt thời lượng tối đa 0:10:00 cho một "
                    + "tệp âm thanh (giờ:phút:giây). Hãy cắt tệp ngắn lại, hoặc quản trị viên nâng giới hạn trong Cài đặt.");
            assertThat((String) body.get("detail")).doesNotContain("Exception");
            assertThat(tookMs).as("answered in %d ms", tookMs).isLessThan(3_000);

            var en = api.upload("/api/library", "admin", ADMIN_PASSWORD, "Hoi nghi.mp3", mp3, null, "en");
            assertThat(en.statusCode()).isEqualTo(422);
            assertThat((String) json.readValue(en.body(), Map.class).get("error"))
                    .startsWith("The audio is 0:30:00 long, over the limit of 0:10:00 for one audio file");
            assertThat(library.findAll()).noneMatch(a -> a.originalFilename().startsWith("Hội nghị")
                    || a.originalFilename().startsWith("Hoi nghi"));
            assertThat(staging()).as("nothing left in the staging folder").isEmpty();
        } finally {
            asAdmin(() -> settings.resetToDefault(AudioLimits.MAX_AUDIO_MINUTES));
        }

        // The same file is fine under the default three hours: it was its length, not the file.
        var accepted = api.upload("/api/library", "admin", ADMIN_PASSWORD, "Hội nghị cả ngày.mp3", mp3, null, null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(((Number) json.readValue(accepted.body(), Map.class).get("durationMs")).longValue())
                .isEqualTo(1_800_000);
    }

    @Test
    void multipart_parts_over_a_megabyte_go_to_the_staging_folder_on_disk() {
        assertThat(multipart.getLocation()).isEqualTo(ROOT.resolve("audio").resolve(".incoming").toAbsolutePath()
                .normalize().toString());
        assertThat(multipart.getFileSizeThreshold()).isEqualTo(1024 * 1024);
        assertThat(multipart.getMaxFileSize()).isEqualTo(library.maxFileSizeBytes());
        assertThat(multipart.getMaxRequestSize()).isEqualTo(library.maxFileSizeBytes());
    }

    @Test
    void the_length_limit_is_one_minute_to_twelve_hours_and_three_hours_by_default() {
        assertThat(limits.maxAudioDuration()).isEqualTo(Duration.ofHours(3));
        for (int bad : new int[] {0, -5, 721}) {
            assertThatThrownBy(() -> asAdmin(() -> limits.setMaxAudioMinutes(bad)))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.code()).isEqualTo("BAD_AUDIO_LIMIT"));
        }
        try {
            asAdmin(() -> limits.setMaxAudioMinutes(720));
            assertThat(limits.maxAudioDuration()).isEqualTo(Duration.ofHours(12));
            asAdmin(() -> limits.setMaxAudioMinutes(1));
            assertThat(library.maxDuration()).isEqualTo(Duration.ofMinutes(1));
        } finally {
            asAdmin(() -> settings.resetToDefault(AudioLimits.MAX_AUDIO_MINUTES));
        }
        assertThat(limits.maxAudioDuration()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void a_300_mb_body_is_refused_while_it_streams_and_nothing_of_it_stays() throws Exception {
        for (boolean announced : List.of(true, false)) {
            var body = new GeneratedStream(new byte[0], THREE_HUNDRED_MB, (byte) 0x55);
            var response = multipart("bản tin rất lớn.wav", body, announced ? THREE_HUNDRED_MB : -1);

            assertThat(response.status()).as(response.body()).isEqualTo(413);
            Map<?, ?> answer = json.readValue(response.body(), Map.class);
            assertThat(answer.get("code")).isEqualTo("TOO_LARGE");
            assertThat((String) answer.get("error")).isEqualTo("Tệp lớn hơn giới hạn 2 MB cho một tệp tải lên; phần "
                    + "đã nhận đã được xóa, không có gì được lưu.");
            // The station stopped taking the body near the limit (about 8 MB were sent here: the 2 MB
            // read, what the server swallows before closing, and the sockets' buffers).
            assertThat(body.bytesRead()).as("bytes sent (Content-Length %s)", announced)
                    .isLessThan(32L * 1024 * 1024);
            assertThat(staging()).isEmpty();
        }
        assertThat(library.findAll()).noneMatch(a -> a.originalFilename().startsWith("bản tin rất lớn"));
    }

    /** A multipart POST of one file part whose bytes come from {@code content} as the client sends them. */
    private RawHttp.Answer multipart(String filename, GeneratedStream content, long contentLength) throws Exception {
        var boundary = "loaxa-limits";
        var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        var tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        var body = new SequenceInputStream(new ByteArrayInputStream(head),
                new SequenceInputStream(content, new ByteArrayInputStream(tail)));
        var headers = Map.of("Content-Type", "multipart/form-data; boundary=" + boundary,
                "Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
        return RawHttp.post(port, "/api/library", headers, body,
                contentLength < 0 ? -1 : head.length + contentLength + tail.length);
    }

    private static List<Path> staging() throws Exception {
        var dir = ROOT.resolve("audio").resolve(".incoming");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static void asAdmin(Runnable action) {
        RunAs.run("admin", "ADMIN", () -> {
            action.run();
            return null;
        });
    }
}
