package vn.loaxa.airlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogRecords.Query;
import vn.loaxa.schedule.OccurrencePlanner;
import vn.loaxa.schedule.PlanningLedger;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.RealisticStation;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

/**
 * The air log in the station's own database, through the API. The days used (in 2027) belong to
 * this class only, so the shared database's other rows do not disturb the counts.
 */
class AirLogApiTest extends SpringTest {

    private static final Instant MARCH_2 = Instant.parse("2027-03-01T22:30:00Z"); // 05:30 on 2 March, station time

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    AirLogService airLog;
    @Autowired
    JdbcClient jdbc;

    Api api;
    JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        api = new Api(port);
        if (users.find("vhtt-log").isEmpty()) {
            RunAs.run("admin", "ADMIN",
                    () -> users.create("vhtt-log", "Cán bộ VH-TT", "reporter-pass", EnumSet.of(Role.REPORTER), false));
        }
        if (airLog.loggedKeys(Set.of("P1@2027-03-02")).isEmpty()) {
            ScratchAirLog.writeMorning(airLog, "P1@2027-03-02", MARCH_2);
            airLog.notAired(new NotAired("P2@2027-03-02", "Bản tin chiều", MARCH_2.plus(Duration.ofHours(11).plusMinutes(30)),
                    1_200_000, List.of(5L, 6L), List.of("Thôn 5", "Thôn 6"), Priority.NORMAL, Trigger.SCHEDULE,
                    "system", Outcome.MISSED, "STATION_DOWN: 40 min late, grace 10 min"));
        }
    }

    @Test
    void the_log_lists_a_period_with_items_and_filters_by_village_topic_and_outcome() throws Exception {
        var response = api.get("/api/airlog?from=2027-03-02&to=2027-03-02", "vhtt-log", "reporter-pass");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> page = json.readValue(response.body(), Map.class);
        assertThat(page.get("total")).isEqualTo(2);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) page.get("rows");
        assertThat(rows).extracting(r -> r.get("occurrenceKey")).containsExactly("P1@2027-03-02", "P2@2027-03-02");
        assertThat(rows.getFirst().get("outcome")).isEqualTo("COMPLETED");
        assertThat((List<?>) rows.getFirst().get("items")).hasSize(2);
        assertThat(rows.getLast().get("outcome")).isEqualTo("MISSED");
        assertThat((String) rows.getLast().get("reason")).startsWith("STATION_DOWN");

        var from = Instant.parse("2027-03-01T17:00:00Z");
        var to = from.plus(Duration.ofDays(1));
        assertThat(airLog.query(new Query(from, to, 5L, null, null, 0, 10)).rows())
                .extracting(AirLogRecords.LoggedBroadcast::occurrenceKey).containsExactly("P2@2027-03-02");
        assertThat(airLog.query(new Query(from, to, null, "CHI_SO", null, 0, 10)).rows())
                .extracting(AirLogRecords.LoggedBroadcast::occurrenceKey).containsExactly("P1@2027-03-02");
        assertThat(airLog.query(new Query(from, to, null, null, Outcome.MISSED, 0, 10)).total()).isEqualTo(1);
        assertThat(airLog.query(new Query(from, to, null, null, null, 1, 1)).rows())
                .extracting(AirLogRecords.LoggedBroadcast::occurrenceKey).containsExactly("P2@2027-03-02");
    }

    @Test
    void the_csv_is_utf8_with_a_bom_vietnamese_headers_and_station_local_times() throws Exception {
        var response = api.getBytes("/api/airlog.csv?from=2027-03-02&to=2027-03-02", "vhtt-log", "reporter-pass");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        var bytes = response.body();
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        var text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        var lines = text.split("\r\n");
        assertThat(lines[0]).startsWith("\"Loại\",\"Mã lượt phát\",\"Tiêu đề\",\"Chủ đề\",\"Giờ phát theo lịch\"");
        assertThat(lines[0]).endsWith(",\"Mã băm SHA-256 của tệp\",\"Độ lợi (dB)\"");
        assertThat(lines[1]).contains("P1@2027-03-02", "Bản tin sáng", "02/03/2027 05:30:00", "\"Thôn 1, Thôn 2, Thôn 3\"",
                "Phát xong", "Theo lịch");
        assertThat(lines[2]).contains("Hướng dẫn nộp hồ sơ trực tuyến mức độ 4", "Chính quyền điện tử, chính quyền số",
                "c".repeat(64));
        assertThat(lines[2]).as("an item logged without a gain: an empty cell").endsWith("\"" + "c".repeat(64) + "\",\"\"");
        assertThat(lines[4]).contains("P2@2027-03-02", "Bỏ lỡ", "17:00:00");
        assertThat(lines).hasSize(5);
    }

    /**
     * 3 March 2027: a bulletin cut by 3.25 dB, one lifted by 2.5 dB, and a closing logged without a
     * gain, as every row before the column was. The CSV carries each item's gain in its last column, with the
     * decimal separator of the export's language, and nothing for the broadcast's own row.
     */
    @Test
    void the_csv_gives_each_item_the_gain_the_player_applied() throws Exception {
        var planned = MARCH_2.plus(Duration.ofDays(1));
        if (airLog.loggedKeys(Set.of("P1@2027-03-03")).isEmpty()) {
            var started = airLog.broadcastStarted(new AirLogRecords.BroadcastStart("P1@2027-03-03", "Bản tin sáng",
                    planned, planned, 150_000, List.of(1L), List.of("Thôn 1"), Priority.NORMAL, Trigger.SCHEDULE,
                    "system"));
            airLog.itemPlayed(started, new AirLogRecords.PlayedItem(1, "BULLETIN", "Bản tin huyện", "CQ_SO",
                    "Chính quyền điện tử, chính quyền số", 11L, 101L, "c".repeat(64), 60_000, 60_000,
                    Outcome.COMPLETED, planned, null, null, null, -3.25));
            airLog.itemPlayed(started, new AirLogRecords.PlayedItem(2, "BULLETIN", "Thu âm tại đài", "CHI_SO",
                    "Chỉ số PAR Index, SIPAS, PAPI, PCI", 12L, 102L, "d".repeat(64), 60_000, 60_000,
                    Outcome.COMPLETED, planned.plusSeconds(60), null, null, null, 2.5));
            airLog.itemPlayed(started, new AirLogRecords.PlayedItem(3, "CLOSING", "Nhạc kết", null, null, 13L, null,
                    "e".repeat(64), 30_000, 30_000, Outcome.COMPLETED, planned.plusSeconds(120)));
            airLog.broadcastEnded(started, new AirLogRecords.BroadcastEnd(planned.plusSeconds(150), 150_000,
                    Outcome.COMPLETED, null, planned));
            assertThat(airLog.flush(Duration.ofSeconds(30))).isTrue();
        }

        var vi = api.get("/api/airlog.csv?from=2027-03-03&to=2027-03-03", "vhtt-log", "reporter-pass", "vi");
        assertThat(vi.statusCode()).isEqualTo(200);
        var lines = vi.body().substring(1).split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).endsWith("\"Độ lợi (dB)\"");
        assertThat(lines[1]).as("the broadcast's own row has no gain").endsWith(",\"\",\"\"");
        // A cut is guarded like every cell that starts with "-" (Csv): Excel shows it as text, never runs it.
        assertThat(lines[2]).endsWith(",\"'-3,25\"");
        assertThat(lines[3]).endsWith(",\"2,50\"");
        assertThat(lines[4]).contains("Nhạc kết").endsWith("\"" + "e".repeat(64) + "\",\"\"");

        var en = api.get("/api/airlog.csv?from=2027-03-03&to=2027-03-03", "vhtt-log", "reporter-pass", "en");
        var english = en.body().substring(1).split("\r\n");
        assertThat(english[0]).endsWith("\"Gain (dB)\"");
        assertThat(english[2]).endsWith(",\"'-3.25\"");
        assertThat(english[3]).endsWith(",\"2.50\"");
    }

    @Test
    void verify_over_the_api_reports_the_station_log_intact() throws Exception {
        var response = api.get("/api/airlog/verify", "vhtt-log", "reporter-pass");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = json.readValue(response.body(), Map.class);
        assertThat(body.get("intact")).isEqualTo(true);
        assertThat(((Number) body.get("checkedRows")).longValue()).isGreaterThanOrEqualTo(5);
        assertThat(body).containsKey("firstBadRow");
        assertThat(body.get("firstBadRow")).isNull();
    }

    @Test
    void the_station_database_refuses_to_edit_or_delete_log_rows() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> jdbc.sql(
                "UPDATE air_log SET outcome = 'COMPLETED' WHERE occurrence_key = 'P2@2027-03-02'").update()))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                jdbc.sql("DELETE FROM air_log WHERE occurrence_key = 'P1@2027-03-02'").update()))
                .hasMessageContaining("append-only");
    }

    @Test
    void keys_in_the_log_never_come_back_in_what_remains_to_play() {
        var station = new RealisticStation();
        var day = OccurrencePlanner.plan(station.at(RealisticStation.at(2026, 3, 1, 0, 0, 0)),
                RealisticStation.at(2026, 3, 2, 0, 0, 0), RealisticStation.at(2026, 3, 3, 0, 0, 0), RealisticStation.ZONE);
        var keys = day.stream().map(o -> o.key().replace("2026", "2027")).toList();
        var logged = airLog.loggedKeys(keys);

        assertThat(logged).containsExactlyInAnyOrder("P1@2027-03-02", "P2@2027-03-02");
        assertThat(airLog.newestPlannedStart()).hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(MARCH_2));
        assertThat(PlanningLedger.remaining(day, Set.of("P1@2026-03-02", "P2@2026-03-02")))
                .extracting(o -> o.key()).containsExactly("P5@2026-03-02");
    }
}
