package vn.loaxa.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A file that cannot be rendered is the station's failure: {@code 500 REPORT_FAILED} with a reason
 * in the caller's language, never the 400 "bad request" that blamed the officer; and since files
 * are rendered whole first, nothing of a broken file is ever sent. A busy database stays a 503.
 */
class ReportFailureTest {

    @Test
    void a_rendering_failure_becomes_report_failed_and_a_busy_database_stays_what_it_is() {
        assertThatThrownBy(() -> RenderedFile.render("the xlsx report", out -> {
            out.write("half a file".getBytes(StandardCharsets.UTF_8));
            throw new IllegalArgumentException("The maximum length of cell contents (text) is 32767 characters");
        })).isInstanceOfSatisfying(ReportFailedException.class, e -> assertThat(e.getMessage())
                .isEqualTo("Rendering the xlsx report failed: The maximum length of cell contents (text) is 32767 "
                        + "characters"));

        var busy = new CannotAcquireLockException("database is locked");
        assertThatThrownBy(() -> RenderedFile.render("the evidence bundle", out -> {
            throw busy;
        })).isSameAs(busy);
    }

    @Test
    void a_rendered_file_is_sent_whole_with_its_length() throws Exception {
        try (var file = RenderedFile.render("a CSV", out -> out.write("Tiêu đề\r\n".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(file.size()).isEqualTo("Tiêu đề\r\n".getBytes(StandardCharsets.UTF_8).length);
            var sent = new ByteArrayOutputStream();
            file.sendTo(sent);
            assertThat(sent.toString(StandardCharsets.UTF_8)).isEqualTo("Tiêu đề\r\n");
        }
    }

    @Test
    void the_api_answers_500_report_failed_in_vietnamese_or_english_without_internals() {
        var handler = new ApiErrorHandler(java.time.Clock.systemUTC());
        var failure = new ReportFailedException("Rendering the xlsx report failed: cell too long",
                new IllegalArgumentException("cell too long"));

        var vi = handler.reportFailed(failure, new MockHttpServletRequest("GET", "/api/reports"));
        assertThat(vi.getStatusCode().value()).isEqualTo(500);
        assertThat(vi.getBody()).containsEntry("code", "REPORT_FAILED")
                .containsEntry("error", "Đài không lập được tệp này do lỗi của đài, không phải do yêu cầu; chi tiết đã "
                        + "được ghi vào nhật ký hệ thống. Hãy báo cho quản trị viên.")
                .containsEntry("detail", "Rendering the xlsx report failed: cell too long");

        var request = new MockHttpServletRequest("GET", "/api/evidence");
        request.addHeader("Accept-Language", "en");
        var en = handler.reportFailed(failure, request);
        assertThat(en.getBody().get("error")).startsWith("The station could not produce this file");
        assertThat(en.getBody().values()).noneMatch(v -> v.contains("Exception"));
    }
}
