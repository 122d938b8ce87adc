package vn.loaxa.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.airlog.ScratchAirLog;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.schedule.Priority;
import vn.loaxa.testing.ScratchDatabase;

/** The report names the broadcasts that aired late, by the start the player measured. */
class LateStartReportTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Instant MORNING = LocalDate.of(2027, 3, 2).atTime(5, 30).atZone(ZONE).toInstant();

    @TempDir
    Path tmp;

    @Test
    void a_broadcast_that_started_five_minutes_late_is_listed_and_an_on_time_one_is_not() throws Exception {
        try (var db = new ScratchDatabase(tmp)) {
            var log = ScratchAirLog.open(db, Clock.system(ZONE));
            broadcast(log, "P1@2027-03-02", MORNING, MORNING.plusMillis(4));
            broadcast(log, "P2@2027-03-02", MORNING.plusSeconds(3_600), MORNING.plusSeconds(3_900));
            ScratchAirLog.flush(log);
            var reports = ScratchReports.open(db, ZONE);
            var report = ScratchReports.build(reports, ReportPeriod.of(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31)));

            assertThat(report.lateStarts()).singleElement().satisfies(late -> {
                assertThat(late.plannedStart()).isEqualTo(MORNING.plusSeconds(3_600));
                assertThat(late.actualStart()).isEqualTo(MORNING.plusSeconds(3_900));
                assertThat(late.lateSeconds()).isEqualTo(300);
                assertThat(late.outcome()).isEqualTo("COMPLETED");
            });
            var xlsx = new ByteArrayOutputStream();
            ReportXlsx.write(report, ZONE, xlsx);
            try (var book = new XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.toByteArray()))) {
                var sheet = book.getSheet("Phát muộn");
                assertThat(sheet).isNotNull();
                assertThat(sheet.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(300);
            }
        }
    }

    private static void broadcast(vn.loaxa.airlog.AirLogService log, String key, Instant planned, Instant started) {
        var s = log.broadcastStarted(new BroadcastStart(key, "Bản tin " + key, planned, planned, 60_000, List.of(1L),
                List.of("Thôn 1"), Priority.NORMAL, Trigger.SCHEDULE, "system"));
        log.itemPlayed(s, new PlayedItem(0, "BULLETIN", "Thủ tục hành chính", "TTHC", "Cải cách thủ tục hành chính",
                11L, 101L, "c".repeat(64), 60_000, 60_000, Outcome.COMPLETED, started));
        log.broadcastEnded(s, new BroadcastEnd(started.plusSeconds(60), 60_000, Outcome.COMPLETED, null, started));
    }
}
