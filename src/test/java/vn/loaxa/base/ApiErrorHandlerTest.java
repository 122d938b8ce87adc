package vn.loaxa.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The failures no request can produce on purpose: what the station answers when its own code fails.
 * Never the exception's class or message, always an incident id to find the stack in the log.
 */
class ApiErrorHandlerTest {

    private final ApiErrorHandler handler = new ApiErrorHandler(
            Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), ZoneId.of("Asia/Ho_Chi_Minh")));
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/broadcasts");

    @Test
    void an_unexpected_failure_is_500_internal_with_an_incident_id_and_nothing_else() {
        var response = handler.unexpected(new IllegalStateException(
                "vn.loaxa.schedule.OneOffRepository: row 7 missing at vn.loaxa.X.y(X.java:1)"), request);

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        var body = response.getBody();
        assertThat(body).containsOnlyKeys("error", "code", "detail").containsEntry("code", "INTERNAL")
                .containsEntry("error", "Lỗi nội bộ của đài; chi tiết đã được ghi vào nhật ký hệ thống.");
        assertThat(body.get("detail")).matches("incident [A-Z2-9]{10}");
    }

    @Test
    void a_number_or_date_that_overflows_is_400_without_the_exception() {
        var overflow = handler.outOfRange(new ArithmeticException("long overflow"), request);
        assertThat(overflow.getStatusCode().value()).isEqualTo(400);
        assertThat(overflow.getBody()).containsEntry("code", "OUT_OF_RANGE");
        assertThat(overflow.getBody().get("detail")).doesNotContain("overflow").doesNotContain("Arithmetic")
                .startsWith("a number or date in the request is out of range (incident ");

        var date = handler.outOfRange(new java.time.DateTimeException("Invalid value for Year"), request);
        assertThat(date.getBody()).containsEntry("code", "OUT_OF_RANGE");
        assertThat(date.getBody().get("detail")).doesNotContain("Year");
    }

    @Test
    void a_database_failure_shows_no_sql() {
        var response = handler.database(new DataAccessResourceFailureException(
                "PreparedStatementCallback; SQL [INSERT INTO one_off ...]; [SQLITE_IOERR] disk I/O error"), request);
        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getBody().get("detail")).startsWith("incident ").doesNotContain("SQL");
    }

    @Test
    void an_illegal_argument_keeps_its_sentence_but_never_a_class_name() {
        var sentence = handler.badRequest(new IllegalArgumentException("relay must be within 1..256: 0"), request);
        assertThat(sentence.getBody()).containsEntry("code", "BAD_REQUEST")
                .containsEntry("detail", "relay must be within 1..256: 0");
        var internal = handler.badRequest(new IllegalArgumentException(
                "No enum constant vn.loaxa.report.ReportFiles.Format.PDF"), request);
        assertThat(internal.getBody()).containsEntry("detail", "");
    }

    @Test
    void the_last_guard_drops_details_that_name_the_insides() {
        assertThat(ApiErrors.clean("title: at most 200 characters, got 100000"))
                .isEqualTo("title: at most 200 characters, got 100000");
        assertThat(ApiErrors.clean("MQTT broker tcp://10.0.0.5:1883 unreachable: Connection refused"))
                .isEqualTo("MQTT broker tcp://10.0.0.5:1883 unreachable: Connection refused");
        assertThat(ApiErrors.clean("Error in the file")).isEqualTo("Error in the file");
        assertThat(ApiErrors.clean("Cannot deserialize value of type `java.time.Instant`")).isEmpty();
        assertThat(ApiErrors.clean("failed: NullPointerException")).isEmpty();
        assertThat(ApiErrors.clean("at vn.loaxa.schedule.OneOffService.store(OneOffService.java:91)")).isEmpty();
        assertThat(ApiErrors.clean("JSON parse error: tools.jackson.databind.exc.MismatchedInputException")).isEmpty();
        assertThat(ApiErrors.clean("record ScheduleController$BroadcastRequest")).isEmpty();
        assertThat(ApiErrors.clean("x".repeat(10_000))).hasSize(501);
    }
}
