package vn.loaxa.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogRecords.VillageSwitch;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.schedule.Priority;

/**
 * March 2020 (a month no other test writes) with broadcasts whose stored texts are 100,000
 * characters long: titles, topic and village names, reasons, a switch's detail, an emergency's
 * sender, with a NUL and an ESC inside. Written through the air log's own writer, as the engine
 * writes (the API refuses such titles; older data and other writers did not), so the hash chain
 * stays whole. Exactly what once broke the xlsx report and the evidence bundle of every period
 * holding it.
 */
public final class OverlongAirLog {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final LocalDate FROM = LocalDate.of(2020, 3, 1);
    public static final LocalDate TO = LocalDate.of(2020, 3, 31);
    public static final int LENGTH = 100_000;
    /** Every long text starts with its own marker, so a test can find where it went. */
    public static final String TITLE = "BẢN TIN DÀI QUÁ MỨC";
    public static final String EMERGENCY = "KHẨN CẤP DÀI QUÁ MỨC";
    public static final String REASON = "LÝ DO DÀI QUÁ MỨC";
    private static final String KEY = "X20-1";

    private OverlongAirLog() {
    }

    private static final String[] WORDS = ("cải cách thủ tục hành chính một cửa liên thông dịch vụ công trực tuyến "
            + "ủy ban nhân dân xã thôn bản tin tuyên truyền kế hoạch chỉ số hài lòng người dân doanh nghiệp "
            + "bưu chính công ích hồ sơ kết quả chính quyền số điện tử công chức viên chức tài chính công").split(" ");

    /**
     * {@code marker} followed by Vietnamese words in a shuffled order (a pasted document, not one
     * letter repeated), a NUL and an ESC among them, 100,000 characters in all; the same each time.
     */
    public static String text(String marker) {
        var random = new java.util.Random(marker.hashCode());
        var s = new StringBuilder(marker).append(" \u0000\u001b ");
        while (s.length() < LENGTH) {
            s.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(10) == 0 ? ". " : " ");
        }
        return s.substring(0, LENGTH);
    }

    /** Writes the month once per database, and waits until it is in the database. */
    public static void write(AirLogService log) throws InterruptedException {
        if (!log.loggedKeys(Set.of(KEY)).isEmpty()) {
            return;
        }
        var village = text("THÔN DÀI QUÁ MỨC");
        var topic = text("CHỦ ĐỀ DÀI QUÁ MỨC");
        var planned = at("2020-03-02T05:30");
        // Aired two minutes late and cut short: it shows in the late starts and every breakdown.
        var started = log.broadcastStarted(new BroadcastStart(KEY, text(TITLE), planned, planned.plusSeconds(120),
                300_000, List.of(1L), List.of(village), Priority.NORMAL, Trigger.SCHEDULE, "system"));
        log.itemPlayed(started, new PlayedItem(1, "BULLETIN", text(TITLE), "TTHC", topic, null, 2_020_001L,
                "a".repeat(64), 300_000, 200_000, Outcome.INTERRUPTED, planned.plusSeconds(120)));
        log.villageSwitched(new VillageSwitch(KEY, started.seq(), text(TITLE), planned, 1, village, true, "COMMAND",
                "FAILED", planned.plusSeconds(118), text("CHI TIẾT DÀI QUÁ MỨC"), "system"));
        log.broadcastEnded(started, new BroadcastEnd(planned.plusSeconds(320), 200_000, Outcome.INTERRUPTED,
                text(REASON), planned.plusSeconds(120)));

        var alarm = at("2020-03-10T14:00");
        var emergency = log.broadcastStarted(new BroadcastStart("X20-2", text(EMERGENCY), alarm, alarm, 60_000,
                List.of(1L, 2L), List.of(village, "Thôn 2"), Priority.EMERGENCY, Trigger.EMERGENCY,
                text("NGƯỜI PHÁT DÀI QUÁ MỨC")));
        log.itemPlayed(emergency, new PlayedItem(1, "BULLETIN", text(EMERGENCY), "KHAC", topic, null, 2_020_002L,
                "b".repeat(64), 60_000, 60_000, Outcome.COMPLETED, alarm));
        log.broadcastEnded(emergency, new BroadcastEnd(alarm.plusSeconds(60), 60_000, Outcome.COMPLETED, null, alarm));

        log.notAired(new NotAired("X20-3", text(TITLE), at("2020-03-20T17:00"), 300_000, List.of(1L),
                List.of(village), Priority.NORMAL, Trigger.SCHEDULE, "system", Outcome.MISSED, text(REASON)));
        if (!log.flush(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the air log did not reach the database");
        }
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }
}
