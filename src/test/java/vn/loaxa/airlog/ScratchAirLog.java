package vn.loaxa.airlog;

import java.time.Clock;
import java.util.List;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.schedule.Priority;
import vn.loaxa.testing.ScratchDatabase;

/** An air log over a scratch database, without Spring; and a typical broadcast to write into it. */
public final class ScratchAirLog {

    private ScratchAirLog() {
    }

    public static AirLogService open(ScratchDatabase db, Clock clock) {
        var log = new AirLogService(new AirLogRepository(db.jdbc()), db.transactions(),
                db.folder().resolve("airlog.journal"), clock);
        log.open();
        return log;
    }

    /** Waits until the database holds every row written so far (the writer commits them a moment later). */
    public static void flush(AirLogService log) {
        try {
            if (!log.flush(java.time.Duration.ofSeconds(30))) {
                throw new IllegalStateException("The air log rows were not committed within 30 s: " + log.backlog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A morning programme with two bulletins, start to end: four rows. */
    public static void writeMorning(AirLogService log, String key, java.time.Instant planned) {
        var started = log.broadcastStarted(new BroadcastStart(key, "Bản tin sáng", planned, planned.plusMillis(17),
                900_000, List.of(1L, 2L, 3L), List.of("Thôn 1", "Thôn 2", "Thôn 3"), Priority.NORMAL,
                Trigger.SCHEDULE, "system"));
        log.itemPlayed(started, new PlayedItem(1, "BULLETIN", "Hướng dẫn nộp hồ sơ trực tuyến mức độ 4", "CQ_SO",
                "Chính quyền điện tử, chính quyền số", 11L, 101L, "c".repeat(64), 420_000, 420_010, Outcome.COMPLETED));
        log.itemPlayed(started, new PlayedItem(2, "BULLETIN", "Kết quả chỉ số PAR Index", "CHI_SO",
                "Chỉ số PAR Index, SIPAS, PAPI, PCI", 12L, 102L, "d".repeat(64), 480_000, 480_000, Outcome.COMPLETED));
        log.broadcastEnded(started, new BroadcastEnd(planned.plusMillis(900_040), 900_023, Outcome.COMPLETED, null));
        flush(log);
    }
}
