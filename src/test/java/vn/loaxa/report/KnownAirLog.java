package vn.loaxa.report;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.Wavs;

/**
 * A known air log in 2033 (a year no other test writes), written through AirLogService: every
 * outcome, the seven villages, the nine topics, a jingle without a bulletin, emergencies, one
 * broadcast just before the first half-year and one just after. The expected figures are computed
 * from these specs by plain stream code, independently of the report's own tally.
 */
final class KnownAirLog {

    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String[] TOPICS = {"THE_CHE", "TTHC", "BO_MAY", "CONG_VU", "TAI_CHINH", "CQ_SO", "CHI_DAO",
            "CHI_SO", "KHAC"};
    static final String[] TOPIC_NAMES = {"Cải cách thể chế", "Cải cách thủ tục hành chính",
            "Cải cách tổ chức bộ máy", "Cải cách chế độ công vụ, xây dựng đội ngũ CBCCVC", "Cải cách tài chính công",
            "Chính quyền điện tử, chính quyền số", "Công tác chỉ đạo, điều hành CCHC",
            "Chỉ số PAR Index, SIPAS, PAPI, PCI", "Khác (thời tiết, khẩn cấp, thông báo)"};
    static final int JINGLE = -1;

    /** An item: bulletin index 0..8 (topic = index), or JINGLE; how long it really played. */
    record I(int bulletin, long ms, Outcome outcome) {
    }

    /** A broadcast; outcome null = started and never ended. */
    record B(String key, LocalDateTime planned, List<Long> villages, Priority priority, Trigger trigger,
             Outcome outcome, long endMs, List<I> items) {
        Instant plannedInstant() {
            return planned.atZone(ZONE).toInstant();
        }

        boolean emergency() {
            return priority == Priority.EMERGENCY || trigger == Trigger.EMERGENCY;
        }
    }

    static final List<Long> ALL = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L);

    static final List<B> BROADCASTS = List.of(
            b("R33-01", "2033-01-05T05:30", List.of(1L, 2L, 3L), Outcome.COMPLETED, 310_000,
                    i(JINGLE, 10_000), i(0, 120_000), i(1, 180_000)),
            b("R33-02", "2033-01-20T17:00", List.of(4L, 5L, 6L, 7L), Outcome.COMPLETED, 180_400,
                    i(2, 60_000), i(0, 120_400)),
            b("R33-03", "2033-02-10T05:30", ALL, Outcome.INTERRUPTED, 130_000,
                    i(3, 100_000), new I(4, 30_000, Outcome.INTERRUPTED)),
            b("R33-04", "2033-02-11T05:30", List.of(1L, 2L), Outcome.MISSED, 0),
            b("R33-05", "2033-03-03T05:30", List.of(3L, 4L), Outcome.FAILED, 0, new I(5, 0, Outcome.FAILED)),
            b("R33-06", "2033-03-15T17:00", List.of(5L), Outcome.SKIPPED, 0),
            b("R33-07", "2033-04-02T09:00", List.of(6L, 7L), Outcome.PREEMPTED, 45_000,
                    new I(6, 45_000, Outcome.PREEMPTED)),
            new B("R33-08", LocalDateTime.parse("2033-04-02T09:01"), ALL, Priority.EMERGENCY, Trigger.EMERGENCY,
                    Outcome.COMPLETED, 90_000, List.of(i(8, 90_000))),
            b("R33-09", "2033-05-09T05:30", List.of(1L, 2L, 3L), Outcome.COMPLETED, 500_000,
                    i(7, 200_000), i(1, 180_000), i(0, 120_000)),
            new B("R33-10", LocalDateTime.parse("2033-05-20T14:00"), ALL, Priority.EMERGENCY, Trigger.EMERGENCY,
                    Outcome.MISSED, 0, List.of()),
            b("R33-11", "2033-06-20T05:30", List.of(2L), null, 0, i(0, 120_000)),
            b("R33-12", "2033-06-30T23:00", List.of(7L), Outcome.COMPLETED, 60_000, i(2, 60_000)),
            b("R33-13", "2033-07-01T00:30", List.of(1L), Outcome.COMPLETED, 200_000, i(3, 100_000), i(5, 100_000)),
            b("R33-14", "2032-12-31T23:30", List.of(1L), Outcome.COMPLETED, 100_000, i(3, 100_000)));

    private static B b(String key, String planned, List<Long> villages, Outcome outcome, long endMs, I... items) {
        return new B(key, LocalDateTime.parse(planned), villages, Priority.NORMAL, Trigger.SCHEDULE, outcome, endMs,
                List.of(items));
    }

    private static I i(int bulletin, long ms) {
        return new I(bulletin, ms, Outcome.COMPLETED);
    }

    static long bulletinId(int index) {
        return 3300 + index;
    }

    static String title(int index) {
        return index == JINGLE ? "Nhạc hiệu đài" : "Tin bài số " + (index + 1) + ": " + TOPIC_NAMES[index];
    }

    /** The ten audio files, imported into the library: the log carries their SHA-256. */
    static List<AudioAsset> assets(LibraryService library) throws Exception {
        var result = new ArrayList<AudioAsset>();
        for (int n = 0; n < 10; n++) {
            var file = Files.createTempFile("known-", ".wav");
            Wavs.write16(file, 8000, 1, Wavs.sine(8000, 1, 0.2, 300 + 50 * n, 0.3));
            var bytes = Files.readAllBytes(file);
            var title = n == 9 ? title(JINGLE) : title(n);
            var name = "known-" + n + ".wav";
            result.add(RunAs.call("admin", "ADMIN",
                    () -> library.importFile(new ByteArrayInputStream(bytes), name, title, "admin")).asset());
            Files.delete(file);
        }
        return result;
    }

    static void write(AirLogService log, List<AudioAsset> assets) {
        if (!log.loggedKeys(Set.of("R33-01")).isEmpty()) {
            return;
        }
        for (var b : BROADCASTS) {
            var names = b.villages().stream().map(v -> "Thôn " + v).toList();
            var title = (b.emergency() ? "Thông báo khẩn cấp " : "Chương trình ") + b.key();
            if (b.outcome() == Outcome.MISSED || b.outcome() == Outcome.SKIPPED) {
                log.notAired(new NotAired(b.key(), title, b.plannedInstant(), 600_000, b.villages(), names,
                        b.priority(), b.trigger(), "system", b.outcome(), "test: " + b.outcome()));
                continue;
            }
            var started = log.broadcastStarted(new BroadcastStart(b.key(), title, b.plannedInstant(),
                    b.plannedInstant().plusMillis(20), 600_000, b.villages(), names, b.priority(), b.trigger(),
                    "system"));
            int position = 1;
            for (var item : b.items()) {
                int idx = item.bulletin();
                var asset = assets.get(idx == JINGLE ? 9 : idx);
                log.itemPlayed(started, new PlayedItem(position++, idx == JINGLE ? "OPENING" : "BULLETIN", title(idx),
                        idx == JINGLE ? null : TOPICS[idx], idx == JINGLE ? null : TOPIC_NAMES[idx], asset.id(),
                        idx == JINGLE ? null : bulletinId(idx), asset.sha256(), item.ms(), item.ms(), item.outcome()));
            }
            if (b.outcome() != null) {
                log.broadcastEnded(started, new BroadcastEnd(b.plannedInstant().plusMillis(20 + b.endMs()), b.endMs(),
                        b.outcome(), b.outcome() == Outcome.COMPLETED ? null : "test: " + b.outcome()));
            }
        }
    }

    // --- the oracle ---------------------------------------------------------------------------

    static List<B> in(LocalDate from, LocalDate to) {
        return BROADCASTS.stream().filter(b -> !b.planned().toLocalDate().isBefore(from)
                && !b.planned().toLocalDate().isAfter(to)).toList();
    }

    /** planned, completed, interrupted, preempted, failed, missed, skipped, unfinished, bulletins, airings, seconds, minutes */
    static List<Number> figures(List<B> bs) {
        var bulletins = new LinkedHashSet<Long>();
        long airings = 0;
        long ms = 0;
        for (var b : bs) {
            ms += b.endMs();
            for (var item : b.items()) {
                if (item.bulletin() != JINGLE && item.ms() > 0) {
                    airings++;
                    bulletins.add(bulletinId(item.bulletin()));
                }
            }
        }
        return List.of((long) bs.size(), count(bs, Outcome.COMPLETED), count(bs, Outcome.INTERRUPTED),
                count(bs, Outcome.PREEMPTED), count(bs, Outcome.FAILED), count(bs, Outcome.MISSED),
                count(bs, Outcome.SKIPPED), bs.stream().filter(b -> b.outcome() == null).count(),
                (long) bulletins.size(), airings, Math.round(ms / 1000.0), Math.round(ms / 6000.0) / 10.0);
    }

    /** Went on air: ended other than FAILED, or FAILED after some audio. Missed, skipped and unfinished did not. */
    static boolean aired(B b) {
        return b.outcome() != null && b.outcome().aired()
                && (b.outcome() != Outcome.FAILED || b.endMs() > 0 || b.items().stream().anyMatch(i -> i.ms() > 0));
    }

    private static long count(List<B> bs, Outcome o) {
        return bs.stream().filter(b -> b.outcome() == o).count();
    }

    static List<B> where(List<B> bs, Predicate<B> p) {
        return bs.stream().filter(p).toList();
    }

    static boolean inMonth(B b, YearMonth m) {
        return YearMonth.from(b.planned()).equals(m);
    }

    /** broadcasts, bulletins, airings, seconds, minutes of one topic. */
    static List<Number> topic(List<B> bs, int index) {
        long broadcasts = 0;
        long airings = 0;
        long ms = 0;
        for (var b : bs) {
            var items = b.items().stream().filter(i -> i.bulletin() == index && i.ms() > 0).toList();
            if (!items.isEmpty()) {
                broadcasts++;
            }
            airings += items.size();
            ms += items.stream().mapToLong(I::ms).sum();
        }
        return List.of(broadcasts, airings > 0 ? 1L : 0L, airings, Math.round(ms / 1000.0),
                Math.round(ms / 6000.0) / 10.0);
    }

    static List<Integer> topicIndexes() {
        return IntStream.range(0, 9).boxed().toList();
    }
}
