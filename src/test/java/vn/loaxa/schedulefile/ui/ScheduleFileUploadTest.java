package vn.loaxa.schedulefile.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadTester;
import com.vaadin.flow.server.StreamResourceRegistry;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.schedulefile.ScheduleFileService;
import vn.loaxa.testing.GeneratedStream;
import vn.loaxa.testing.UiTest;

/**
 * Schedule files are read as they arrive and never beyond 2 MB: a larger one is refused with its
 * name and the limit, nothing previewed or changed, and no more of it read than the limit.
 */
@WithMockUser(username = "quantri", roles = "ADMIN")
class ScheduleFileUploadTest extends UiTest {

    @Test
    void a_schedule_file_over_two_megabytes_is_refused_as_it_streams() throws Exception {
        var view = navigate(ScheduleFilesView.class);
        var body = new GeneratedStream("villages:\n  - Thôn 1\n".getBytes(StandardCharsets.UTF_8), 300L << 20,
                (byte) '#');

        handler().handleUploadRequest(event("lich-rat-lon.yaml", -1, body));
        uploadAnswered();

        assertThat(body.bytesRead()).as("read up to the limit and one byte more")
                .isLessThanOrEqualTo(ScheduleFileService.MAX_FILE_BYTES + 64 * 1024);
        assertThat(allText(view.getElement())).contains("lich-rat-lon.yaml, dòng 1: Tệp lịch lớn hơn giới hạn 2 MB "
                + "cho một tệp lịch; không có gì được đọc hay thay đổi.");
    }

    @Test
    void a_small_file_still_previews() {
        var view = navigate(ScheduleFilesView.class);
        new UploadTester<>(find(Upload.class).first()).upload("nho.yaml", "application/yaml",
                "villages:\n  - Thôn 1\n".getBytes(StandardCharsets.UTF_8));
        roundTrip();
        assertThat(allText(view.getElement())).containsAnyOf("Những thay đổi nếu nhập nho.yaml:",
                "Tệp giống hệt lịch hiện tại").doesNotContain("giới hạn 2 MB");
    }

    /** What the upload's request thread handed the UI (ui.access) runs, as the next server visit would. */
    private static void uploadAnswered() {
        var session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
        roundTrip();
    }

    private UploadHandler handler() {
        var target = find(Upload.class).first().getElement().getAttribute("target");
        return (UploadHandler) VaadinSession.getCurrent().getResourceRegistry()
                .getResource(StreamResourceRegistry.ElementStreamResource.class, URI.create(target)).orElseThrow()
                .getElementRequestHandler();
    }

    private UploadEvent event(String name, long announced, InputStream body) {
        return new UploadEvent(VaadinRequest.getCurrent(), VaadinResponse.getCurrent(), VaadinSession.getCurrent(),
                name, announced, "application/yaml", find(Upload.class).first().getElement(), null) {
            @Override
            public InputStream getInputStream() {
                return body;
            }
        };
    }
}
