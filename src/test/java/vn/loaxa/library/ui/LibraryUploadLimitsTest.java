package vn.loaxa.library.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadTester;
import com.vaadin.flow.server.StreamResourceRegistry;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.library.LibraryProperties;
import vn.loaxa.library.LibraryService;
import vn.loaxa.library.AudioLimits;
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.GeneratedStream;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TinyFrameMp3;
import vn.loaxa.testing.UiTest;

/**
 * The Library view's uploads stream into the library: a 300 MB file is refused at the 2 MB limit
 * (of tests) while it arrives, never held in memory, and leaves nothing; one announced larger is
 * refused before a byte is read; an MP3 over the length limit is refused with both lengths.
 */
@WithMockUser(username = "operator", roles = "OPERATOR")
class LibraryUploadLimitsTest extends UiTest {

    private static final long THREE_HUNDRED_MB = 300L * 1024 * 1024;

    @Autowired LibraryService library;
    @Autowired LibraryProperties properties;
    @Autowired StationSettings settings;
    @Autowired AudioLimits limits;

    @Test
    void a_300_mb_upload_is_refused_at_the_limit_as_it_streams_and_leaves_nothing() throws Exception {
        navigate(LibraryView.class);
        System.gc();
        var body = new GeneratedStream(GeneratedStream.wavHeader(44_100, 2, THREE_HUNDRED_MB - 44), THREE_HUNDRED_MB,
                (byte) 0x11);

        // A browser that does not say the size (chunked): the limit is found while reading.
        handler().handleUploadRequest(event("ban-tin-rat-lon.wav", -1, body));
        uploadAnswered();

        long limit = library.maxFileSizeBytes();
        assertThat(body.bytesRead()).as("read only up to the limit, then stopped")
                .isGreaterThan(limit).isLessThanOrEqualTo(limit + 64 * 1024);
        assertThat(body.peakHeapGrowth()).as("heap growth while the upload was read").isLessThan(64L * 1024 * 1024);
        assertThat(results()).contains("ban-tin-rat-lon.wav: Tệp lớn hơn giới hạn 2 MB cho một tệp tải lên; "
                + "phần đã nhận đã được xóa, không có gì được lưu.");
        assertThat(staging()).as("the partial file is deleted").isEmpty();
        assertThat(library.findAll()).noneMatch(a -> a.originalFilename().equals("ban-tin-rat-lon.wav"));
    }

    @Test
    void an_upload_announced_larger_than_the_limit_is_refused_before_a_byte_is_read() throws Exception {
        navigate(LibraryView.class);
        var body = new GeneratedStream(new byte[0], THREE_HUNDRED_MB, (byte) 0);

        var event = event("qua-lon.mp3", THREE_HUNDRED_MB, body);
        handler().handleUploadRequest(event);
        uploadAnswered();

        assertThat(body.bytesRead()).isZero();
        assertThat(event.isRejected()).as("the browser is told the file failed").isTrue();
        assertThat(event.getRejectionMessage()).contains("giới hạn 2 MB");
        assertThat(results()).contains("qua-lon.mp3: Tệp lớn hơn giới hạn 2 MB");
    }

    @Test
    void an_mp3_of_tiny_frames_over_the_length_limit_is_refused_with_both_lengths() throws Exception {
        navigate(LibraryView.class);
        run(() -> limits.setMaxAudioMinutes(10));
        try {
            var upload = new UploadTester<>(find(Upload.class).id("library-upload"));
            upload.upload("ca-ngay.mp3", "audio/mpeg", TinyFrameMp3.bytes(Duration.ofMinutes(25), 77));
            roundTrip();
        } finally {
            run(() -> settings.resetToDefault(AudioLimits.MAX_AUDIO_MINUTES));
        }
        assertThat(results()).contains("ca-ngay.mp3: Tệp dài 0:25:00, vượt thời lượng tối đa 0:10:00 cho một tệp "
                + "âm thanh (giờ:phút:giây).");
        assertThat(library.findAll()).noneMatch(a -> a.originalFilename().equals("ca-ngay.mp3"));
        assertThat(staging()).isEmpty();
    }

    /** What the upload's request thread handed the UI (ui.access) runs, as the next server visit would. */
    private static void uploadAnswered() {
        var session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
        roundTrip();
    }

    private UploadHandler handler() {
        var target = find(Upload.class).id("library-upload").getElement().getAttribute("target");
        return (UploadHandler) VaadinSession.getCurrent().getResourceRegistry()
                .getResource(StreamResourceRegistry.ElementStreamResource.class, URI.create(target)).orElseThrow()
                .getElementRequestHandler();
    }

    /** What the upload request of a browser brings: the file name, its announced size, the body. */
    private UploadEvent event(String name, long announced, InputStream body) {
        var owner = find(Upload.class).id("library-upload").getElement();
        return new UploadEvent(VaadinRequest.getCurrent(), VaadinResponse.getCurrent(), VaadinSession.getCurrent(),
                name, announced, "audio/wav", owner, null) {
            @Override
            public InputStream getInputStream() {
                return body;
            }
        };
    }

    private String results() {
        return find(Div.class).id("upload-results").getElement().getTextRecursively();
    }

    private List<Path> staging() throws Exception {
        var dir = properties.incomingDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static void run(Runnable action) {
        RunAs.run("admin", "ADMIN", () -> {
            action.run();
            return null;
        });
    }
}
