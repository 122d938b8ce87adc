package vn.loaxa.library.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.upload.FileRejectedEvent;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.StreamResourceRegistry;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.library.AudioConverter;
import vn.loaxa.library.Ffmpeg;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.UiTest;

/**
 * A phone recording through the Library page's upload widget: imported when it is good; when it is
 * not, the widget's own line for it fails with the station's true reason (the answer the browser gets)
 * and the page says the same in a red line, never a green one.
 */
@WithMockUser(username = "operator", roles = "OPERATOR")
class PhoneUploadViewTest extends UiTest {

    @Autowired LibraryService library;
    @Autowired AudioConverter converter;
    @TempDir Path tmp;

    @BeforeEach
    void needsFfmpeg() {
        Ffmpeg.require(converter);
    }

    @Test
    void a_phone_recording_is_imported_and_the_same_one_again_names_the_title_it_already_has() throws Exception {
        navigate(LibraryView.class);
        var m4a = Files.readAllBytes(Ffmpeg.tone(tmp.resolve("a.m4a"), 2.7, "-c:a", "aac"));

        var first = upload("Họp dân thôn 3.m4a", m4a);
        assertThat(first.isRejected()).isFalse();
        assertThat(okLines()).anyMatch(l -> l.startsWith("Đã nhập \"Họp dân thôn 3\" (0:0"));

        var again = upload("hop-dan-ban-sao.m4a", m4a);
        assertThat(again.isRejected()).as("a duplicate is not ticked as uploaded").isTrue();
        assertThat(again.getRejectionMessage()).isEqualTo("Tệp \"hop-dan-ban-sao.m4a\" đã có trong thư viện với tên "
                + "\"Họp dân thôn 3\"; không nhập lại lần nữa.");
        assertThat(alertLines()).contains(again.getRejectionMessage());
        assertThat(okLines()).noneMatch(l -> l.contains("hop-dan-ban-sao"));
    }

    @Test
    void a_recording_cut_short_fails_in_the_widget_with_the_true_reason_and_no_green_line() throws Exception {
        navigate(LibraryView.class);
        var whole = Files.readAllBytes(Ffmpeg.tone(tmp.resolve("b.m4a"), 3, "-c:a", "aac"));
        var half = java.util.Arrays.copyOf(whole, whole.length / 2);

        var event = upload("ghi-am-do-dang.m4a", half);

        var reason = "Tệp M4A/AAC bị cắt cụt (chưa ghi âm, tải về hoặc sao chép hết): âm thanh dừng ở 0:00:00 "
                + "(giờ:phút:giây). Không có gì được lưu.";
        assertThat(event.isRejected()).isTrue();
        assertThat(event.getRejectionMessage()).isEqualTo(reason);
        assertThat(alertLines()).contains("ghi-am-do-dang.m4a: " + reason);
        assertThat(okLines()).noneMatch(l -> l.contains("ghi-am-do-dang"));
        assertThat(library.findAll()).noneMatch(a -> a.originalFilename().equals("ghi-am-do-dang.m4a"));
    }

    @Test
    void an_empty_file_is_refused_as_empty_not_as_too_large() throws Exception {
        navigate(LibraryView.class);
        var event = upload("rong.m4a", new byte[0]);
        assertThat(event.getRejectionMessage()).isEqualTo("Tệp rỗng (0 byte), không có âm thanh.");
        assertThat(alertLines()).contains("rong.m4a: Tệp rỗng (0 byte), không có âm thanh.");
    }

    @Test
    void what_the_browser_refuses_is_told_by_the_file_itself_whatever_language_the_widget_speaks() {
        navigate(LibraryView.class);
        var widget = find(Upload.class).id("library-upload");

        // The widget's message may be translated: the station decides by the name and the limit.
        ComponentUtil.fireEvent(widget, new FileRejectedEvent(widget, "Loại tệp không đúng.", "bien-ban.docx"));
        ComponentUtil.fireEvent(widget, new FileRejectedEvent(widget, "Tệp quá lớn.", "ghi-am-ca-buoi.m4a"));
        roundTrip();

        assertThat(alertLines()).contains("bien-ban.docx: Loại tệp này không được nhận. Đài nhận các tệp: MP3, WAV, "
                        + "M4A, AAC, OGG, OGA, OPUS, FLAC, AMR, WMA, AIF, AIFF, WEBM, MKA.",
                "ghi-am-ca-buoi.m4a: Tệp lớn hơn giới hạn 2 MB cho một tệp tải lên; phần đã nhận đã được xóa, "
                        + "không có gì được lưu.");
        assertThat(widget.getAcceptedFileTypes()).contains(".m4a", ".ogg", ".opus", ".flac", "audio/mp4");
    }

    /** A browser's upload request for one file, through the widget's own handler. */
    private UploadEvent upload(String name, byte[] body) throws Exception {
        var widget = find(Upload.class).id("library-upload");
        var target = widget.getElement().getAttribute("target");
        var handler = (UploadHandler) VaadinSession.getCurrent().getResourceRegistry()
                .getResource(StreamResourceRegistry.ElementStreamResource.class, URI.create(target)).orElseThrow()
                .getElementRequestHandler();
        var event = new UploadEvent(VaadinRequest.getCurrent(), VaadinResponse.getCurrent(),
                VaadinSession.getCurrent(), name, body.length, "audio/mp4", widget.getElement(), null) {
            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(body);
            }
        };
        handler.handleUploadRequest(event);
        var session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
        roundTrip();
        return event;
    }

    private List<String> okLines() {
        return lines("loaxa-ok");
    }

    private List<String> alertLines() {
        return lines("loaxa-alert");
    }

    private List<String> lines(String className) {
        return find(Div.class).id("upload-results").getChildren()
                .filter(c -> c.getElement().getClassList().contains(className))
                .map(c -> c.getElement().getTextRecursively()).toList();
    }
}
