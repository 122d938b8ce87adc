package vn.loaxa.schedule;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import vn.loaxa.schedule.ScheduleSnapshot.AssetInfo;
import vn.loaxa.schedule.ScheduleSnapshot.BulletinInfo;

/**
 * Gio Sơn's station through 2026, as its schedule would look at any moment of the year: a morning
 * and an afternoon programme, weekend and quarterly programmes with date ranges, an epidemic
 * programme disabled in June, an evening one created in August, weekly bulletins (one too many for
 * the morning slot, so the max-length cut is exercised), one-offs (one cancelled) and emergencies.
 */
public final class RealisticStation {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final Instant YEAR_START = at(2026, 1, 1, 0, 0, 0);
    public static final Instant YEAR_END = at(2027, 1, 1, 0, 0, 0);
    public static final List<Long> ALL_VILLAGES = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    public static final long OPENING = 1, CLOSING = 2;
    public static final long MORNING = 1, AFTERNOON = 2, WEEKEND = 3, CCHC_Q3 = 4, EPIDEMIC = 5, EVENING = 6;
    /** The epidemic programme is switched off at this moment. */
    public static final Instant EPIDEMIC_DISABLED_AT = at(2026, 6, 15, 12, 0, 0);
    /** The evening programme is created (valid from 1 August) at this moment. */
    public static final Instant EVENING_CREATED_AT = at(2026, 8, 10, 20, 0, 0);
    public static final long CANCELLED_ONE_OFF = 4;
    public static final int ONE_OFFS = 12;

    private static final Set<DayOfWeek> MON_SAT = EnumSet.range(MONDAY, SATURDAY);
    private static final Set<DayOfWeek> MON_FRI = EnumSet.range(MONDAY, DayOfWeek.FRIDAY);
    private static final Set<DayOfWeek> WEEKENDS = EnumSet.of(SATURDAY, SUNDAY);

    private record Timed(OneOff oneOff, Instant createdAt, @Nullable Instant cancelledAt) {
    }

    private final List<QueueEntry> queue = new ArrayList<>();
    private final Map<Long, BulletinInfo> bulletins = new HashMap<>();
    private final Map<Long, AssetInfo> assets = new HashMap<>();
    private final List<Timed> oneOffs = new ArrayList<>();
    private final NavigableMap<Instant, ScheduleSnapshot> snapshots = new TreeMap<>();

    public RealisticStation() {
        assets.put(OPENING, new AssetInfo(OPENING, "Nhạc hiệu", "a".repeat(64), 30_000, true));
        assets.put(CLOSING, new AssetInfo(CLOSING, "Giới thiệu đài", "b".repeat(64), 20_000, true));
        weeklyMorningBulletins();
        monthlyAfternoonBulletins();
        oneOffs();
        // The schedule changes only at these instants; between them the snapshot is the same.
        var changes = new TreeSet<Instant>(List.of(Instant.MIN, EPIDEMIC_DISABLED_AT, EVENING_CREATED_AT));
        oneOffs.forEach(t -> {
            changes.add(t.createdAt());
            if (t.cancelledAt() != null) {
                changes.add(t.cancelledAt());
            }
        });
        changes.forEach(i -> snapshots.put(i, build(i)));
    }

    /** The schedule as the database would hold it at {@code now}. */
    public ScheduleSnapshot at(Instant now) {
        return snapshots.floorEntry(now).getValue();
    }

    /** The schedule at year end: the one-offs all exist, the epidemic programme is disabled. */
    public ScheduleSnapshot atYearEnd() {
        return at(YEAR_END);
    }

    public static Instant at(int y, int m, int d, int h, int min, int s) {
        return LocalDateTime.of(y, m, d, h, min, s).atZone(ZONE).toInstant();
    }

    private ScheduleSnapshot build(Instant now) {
        var programmes = new ArrayList<Programme>();
        programmes.add(programme(MORNING, "Bản tin sáng", MON_SAT, "05:30", "2026-01-01", null, 1800,
                Priority.NORMAL, StartPolicy.WAIT, 120, ALL_VILLAGES, true, YEAR_START));
        programmes.add(programme(AFTERNOON, "Bản tin chiều", MON_FRI, "17:00", "2026-01-01", null, 2700,
                Priority.NORMAL, StartPolicy.SKIP, 300, ALL_VILLAGES, true, YEAR_START));
        programmes.add(programme(WEEKEND, "Chương trình cuối tuần", WEEKENDS, "16:30", "2026-03-01", "2026-11-30",
                1200, Priority.NORMAL, StartPolicy.WAIT, 60, List.of(1L, 2L, 3L, 4L), true, YEAR_START));
        programmes.add(programme(CCHC_Q3, "Chuyên mục CCHC quý III", EnumSet.of(TUESDAY, THURSDAY), "06:15",
                "2026-07-01", "2026-09-30", 900, Priority.PRIORITY, StartPolicy.CUT, 0, List.of(5L, 6L, 7L), true,
                YEAR_START));
        programmes.add(programme(EPIDEMIC, "Tuyên truyền phòng chống dịch", EnumSet.allOf(DayOfWeek.class), "11:00",
                "2026-01-01", null, 600, Priority.PRIORITY, StartPolicy.WAIT, 300, ALL_VILLAGES,
                now.isBefore(EPIDEMIC_DISABLED_AT), YEAR_START));
        if (!now.isBefore(EVENING_CREATED_AT)) {
            programmes.add(programme(EVENING, "Bản tin tối thứ Bảy", EnumSet.of(SATURDAY), "19:00", "2026-08-01",
                    null, 1200, Priority.NORMAL, StartPolicy.WAIT, 60, List.of(2L, 4L, 6L), true, EVENING_CREATED_AT));
        }
        var visibleOneOffs = oneOffs.stream().filter(t -> !t.createdAt().isAfter(now))
                .map(t -> {
                    var o = t.oneOff();
                    boolean cancelled = t.cancelledAt() != null && !t.cancelledAt().isAfter(now);
                    return new OneOff(o.id(), o.title(), o.startsAt(), o.priority(), o.startPolicy(), o.waitSeconds(),
                            o.assetIds(), o.villageIds(), o.createdBy(), cancelled);
                })
                .toList();
        return new ScheduleSnapshot(programmes, queue, visibleOneOffs, bulletins, assets);
    }

    private static Programme programme(long id, String name, Set<DayOfWeek> days, String time, String from,
                                       @Nullable String to, int maxSeconds, Priority priority, StartPolicy policy,
                                       int waitSeconds, List<Long> villages, boolean enabled, Instant activeSince) {
        return new Programme(id, name, days, LocalTime.parse(time), LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to), maxSeconds, priority, policy, waitSeconds, OPENING, CLOSING,
                villages, enabled, activeSince);
    }

    /** Every week four bulletins for the morning slot; the fourth never fits in 30 minutes. */
    private void weeklyMorningBulletins() {
        var monday = LocalDate.of(2026, 1, 1).with(TemporalAdjusters.previousOrSame(MONDAY));
        long n = 0;
        for (; monday.getYear() <= 2026; monday = monday.plusWeeks(1)) {
            var sunday = monday.plusDays(6);
            var topic = switch ((monday.plusDays(3).getMonthValue() - 1) / 3) {
                case 0 -> "TTHC";
                case 1 -> "CQ_SO";
                case 2 -> "CHI_SO";
                default -> "CHI_DAO";
            };
            long[] seconds = {420, 450, 480, 500};
            for (int i = 0; i < 4; i++) {
                n++;
                bulletin(n, "Bản tin tuần " + monday + " số " + (i + 1), i == 3 ? "KHAC" : topic, seconds[i] * 1000,
                        monday, sunday, true);
                queue.add(new QueueEntry(n, MORNING, 1000 + n, monday, sunday, i + 1));
            }
        }
    }

    /** A monthly bulletin for the afternoon, and one the leadership never approved. */
    private void monthlyAfternoonBulletins() {
        long n = 500;
        for (int month = 1; month <= 12; month++) {
            var first = LocalDate.of(2026, month, 1);
            var last = first.with(TemporalAdjusters.lastDayOfMonth());
            n++;
            bulletin(n, "Kết quả CCHC tháng " + month, "CHI_DAO", 600_000, first, last, true);
            queue.add(new QueueEntry(n, AFTERNOON, 1000 + n, first, last, 1));
            n++;
            bulletin(n, "Bản tin chờ duyệt tháng " + month, "TTHC", 300_000, first, last, false);
            queue.add(new QueueEntry(n, AFTERNOON, 1000 + n, first, last, 2));
        }
    }

    private void bulletin(long n, String title, String topic, long ms, LocalDate from, LocalDate to, boolean approved) {
        long assetId = 100 + n;
        assets.put(assetId, new AssetInfo(assetId, title, String.format("%064x", assetId), ms, true));
        bulletins.put(1000 + n, new BulletinInfo(1000 + n, assetId, title, topic, "Chủ đề " + topic, from, to,
                approved, false));
    }

    private void oneOffs() {
        oneOff(1, "Thông báo tiêm chủng", at(2026, 1, 15, 9, 0, 0), Priority.NORMAL, at(2026, 1, 10, 10, 0, 0), null);
        oneOff(2, "Lịch họp thôn", at(2026, 2, 3, 19, 30, 0), Priority.NORMAL, at(2026, 2, 1, 8, 0, 0), null);
        oneOff(3, "Nộp hồ sơ trực tuyến", at(2026, 3, 20, 8, 0, 0), Priority.PRIORITY, at(2026, 3, 18, 8, 0, 0), null);
        oneOff(CANCELLED_ONE_OFF, "Lịch cắt điện", at(2026, 4, 7, 7, 0, 0), Priority.NORMAL,
                at(2026, 4, 6, 8, 0, 0), at(2026, 4, 6, 15, 0, 0));
        var heat = at(2026, 5, 20, 14, 3, 27);
        oneOff(5, "Cảnh báo nắng nóng", heat, Priority.EMERGENCY, heat, null);
        oneOff(6, "Tập huấn dịch vụ công", at(2026, 6, 10, 8, 30, 0), Priority.NORMAL, at(2026, 6, 1, 9, 0, 0), null);
        oneOff(7, "Ngày hội CCHC", at(2026, 7, 25, 7, 0, 0), Priority.PRIORITY, at(2026, 7, 20, 9, 0, 0), null);
        var storm = at(2026, 9, 14, 5, 31, 10);
        oneOff(8, "Bão số 3", storm, Priority.EMERGENCY, storm, null);
        oneOff(9, "Thông báo thu thuế", at(2026, 10, 6, 9, 0, 0), Priority.NORMAL, at(2026, 10, 1, 9, 0, 0), null);
        var flood = at(2026, 10, 20, 16, 45, 5);
        oneOff(10, "Lũ quét", flood, Priority.EMERGENCY, flood, null);
        oneOff(11, "Tổng kết năm", at(2026, 12, 28, 8, 0, 0), Priority.NORMAL, at(2026, 12, 20, 9, 0, 0), null);
        oneOff(12, "Thông báo giữa năm", at(2026, 6, 15, 11, 0, 0), Priority.NORMAL, at(2026, 6, 10, 9, 0, 0), null);
    }

    private void oneOff(long id, String title, Instant startsAt, Priority priority, Instant createdAt,
                        @Nullable Instant cancelledAt) {
        long asset = 900 + id;
        assets.put(asset, new AssetInfo(asset, title, String.format("%064x", asset), 90_000, true));
        oneOffs.add(new Timed(new OneOff(id, title, startsAt, priority, StartPolicy.WAIT, 60, List.of(asset),
                priority == Priority.EMERGENCY ? ALL_VILLAGES : List.of(1L, 3L, 5L), "can.bo.dai", false),
                createdAt, cancelledAt));
    }
}
