package vn.loaxa.airlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogRecords.VillageSwitch;
import vn.loaxa.schedule.Priority;
import vn.loaxa.testing.ScratchDatabase;

/**
 * Every kind of air-log row, written through the service into a real SQLite file, hashes exactly as
 * the station wrote it before the rows were built by kind: the expected hashes below were taken from
 * the positional writer this typed write side replaced, on the same input and the same clock. A
 * change in any column's value, order or encoding changes a hash, so evidence written by an older
 * release and rows written today stay one chain.
 */
class AirLogRowKindsTest {

    private static final Instant PLANNED = Instant.parse("2026-03-02T22:30:00Z");
    private static final String ASSET = "a".repeat(64);

    /** seq, kind, row_hash, in chain order, as the positional writer produced them. */
    private static final List<String> EXPECTED = List.of(
            "1 START 5af639b1ca2b85a09fa20b32be9313ccb4adb286302d84d4938008853b4ca35b",
            "2 VILLAGE ce2c44076da4bb1d11b1ca55fb9054476513ffe94da16058ec4a3fc370199752",
            "3 ITEM b63a73235bf13f96f1f4048c3bcd96061ad60f31af1d3ae9e82ca4b84a45d32f",
            "4 ITEM bf462f9a05f79d1c0e124afb5de0c45a86c42c47a84e76e8b49297abfe8df651",
            "5 ITEM 275feacd12abaff07a990b3873284ae04740570665536710831b1f1eb41c263d",
            "6 END 828a82f507854e03b363ac30abb7dfee2d6c2267ee74171a425ed572284541bd",
            "7 VILLAGE 70d627834287069dad48b9ef2f747cdf27e7740275d12eba8f94b7c7f5d2242e",
            "8 START 7a4e6bccaea0e73daf185d26714e9f47e77572c8c996f8d454b72046accc25d4",
            "9 END 8665edf50edfe0b060fdf65d698a3280ca56a6ca04cdde5b817d755294791495",
            "10 START ce8e72236ded8161bad433b1a5a4a9c40ac4bd806866b545d741bd18d3f15e98",
            "11 END 7bf8115448daed115eb76b8b802ccc83f1f51139af7876d0c76f2353614d8eb1",
            "12 NOT_AIRED 7503ddfc1a5a5a5c228e78aa057b38936f1827497e138244663337555f9aca4c",
            "13 NOT_AIRED e306a2358bc812919c785f320f2d6e3c033c4cc9bf9713d1d03d19e65f689900",
            "14 VILLAGE e464f7b667f5fcb70261a4bd36bcf9c6ee6ea2fe05549bf7c1fa73a3513a6f7b"
    );

    @TempDir
    Path tmp;

    @Test
    void each_row_kind_chains_exactly_as_before() {
        try (var db = new ScratchDatabase(tmp)) {
            var log = ScratchAirLog.open(db, Clock.fixed(PLANNED, ZoneId.of("Asia/Ho_Chi_Minh")));
            writeEveryKind(log);
            ScratchAirLog.flush(log);
            var rows = new ArrayList<String>();
            new AirLogRepository(db.jdbc()).forEachInOrder(r -> rows.add(r.seq() + " " + r.kind() + " " + r.rowHash()));
            assertThat(rows).containsExactlyElementsOf(EXPECTED);
            assertThat(log.verify().intact()).isTrue();
            assertThat(log.verify().checkedRows()).isEqualTo(EXPECTED.size());
        }
    }

    @Test
    void the_not_aired_builder_says_what_the_positional_record_said_and_only_not_aired_outcomes() {
        var built = NotAired.of("P2@2026-03-03", "Bản tin trưa", PLANNED, 600_000, Priority.NORMAL)
                .villages(List.of(3L), List.of("Thôn 3")).triggeredBy(Trigger.SCHEDULE, "system").missed("late");
        assertThat(built).isEqualTo(new NotAired("P2@2026-03-03", "Bản tin trưa", PLANNED, 600_000, List.of(3L),
                List.of("Thôn 3"), Priority.NORMAL, Trigger.SCHEDULE, "system", Outcome.MISSED, "late"));
        assertThat(NotAired.of("k", "t", PLANNED, 1, Priority.NORMAL).skipped("rule").outcome())
                .isEqualTo(Outcome.SKIPPED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NotAired("k", "t", PLANNED, 1, List.of(),
                        List.of(), Priority.NORMAL, Trigger.SCHEDULE, "system", Outcome.COMPLETED, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_row_names_every_column_of_the_table_and_no_other() {
        try (var db = new ScratchDatabase(tmp)) {
            var table = db.jdbc().sql("SELECT name FROM pragma_table_info('air_log') ORDER BY cid")
                    .query(String.class).list();
            // The table's own order differs (V0012 appended played_sha256); rows are written by name.
            assertThat(table).containsExactlyInAnyOrderElementsOf(LogRow.COLUMNS);
        }
    }

    static void writeEveryKind(AirLogService log) {
        // A scheduled broadcast: start, a played item with its played hash, an item never opened, its end.
        var started = log.broadcastStarted(new BroadcastStart("P1@2026-03-03", "Bản tin sáng", PLANNED,
                PLANNED.plusMillis(17), 900_000, List.of(1L, 2L), List.of("Thôn 1", "Thôn 2"), Priority.NORMAL,
                Trigger.SCHEDULE, "system"));
        log.villageSwitched(new VillageSwitch("P1@2026-03-03", started.seq(), "Bản tin sáng", PLANNED, 1L,
                "Thôn 1", true, "MODBUS", "ACKNOWLEDGED", PLANNED.plusMillis(5), "coil 1 = 1", "system"));
        log.itemPlayed(started, new PlayedItem(1, "BULLETIN", "Hướng dẫn nộp hồ sơ", "CQ_SO", "Chính quyền số",
                11L, 101L, ASSET, 420_000, 420_010, Outcome.COMPLETED, PLANNED.plusMillis(18), "b".repeat(64)));
        log.itemPlayed(started, new PlayedItem(2, "CHIME", "Nhạc hiệu", null, null, null, null, ASSET, 5_000, 0,
                Outcome.FAILED));
        log.itemPlayed(started, new PlayedItem(3, "BULLETIN", "Kết quả PAR Index", "CHI_SO", "Chỉ số", 12L, 102L,
                ASSET, 480_000, 100_000, Outcome.INTERRUPTED, PLANNED.plusMillis(420_030)));
        log.broadcastEnded(started, new BroadcastEnd(PLANNED.plusMillis(520_040), 520_010, Outcome.INTERRUPTED,
                "OUTPUT_LOST: line closed", PLANNED.plusMillis(18)));
        log.villageSwitched(new VillageSwitch("P1@2026-03-03", started.seq(), "Bản tin sáng", PLANNED, 1L,
                "Thôn 1", false, "MODBUS", "FAILED", PLANNED.plusMillis(520_050), null, "system"));
        // An operator's broadcast pre-empted, ended without a measured start.
        var manual = log.broadcastStarted(new BroadcastStart("oneoff:7", "Thông báo", PLANNED.plusSeconds(600),
                PLANNED.plusSeconds(600), 60_000, List.of(), List.of(), Priority.PRIORITY, Trigger.OPERATOR, "vanhoa"));
        log.broadcastEnded(manual, new BroadcastEnd(PLANNED.plusSeconds(601), 0, Outcome.PREEMPTED,
                "PREEMPTED by emergency"));
        // An emergency, completed.
        var emergency = log.broadcastStarted(new BroadcastStart("emergency:1", "Khẩn cấp: bão", PLANNED.plusSeconds(601),
                PLANNED.plusSeconds(601), 30_000, List.of(1L, 2L, 3L), List.of("Thôn 1", "Thôn 2", "Thôn 3"),
                Priority.EMERGENCY, Trigger.EMERGENCY, "chutich"));
        log.broadcastEnded(emergency, new BroadcastEnd(PLANNED.plusSeconds(631), 30_000, Outcome.COMPLETED, null,
                PLANNED.plusSeconds(601)));
        // Two that never aired: missed and skipped.
        log.notAired(NotAired.of("P2@2026-03-03", "Bản tin trưa", PLANNED.plusSeconds(3_600), 600_000,
                        Priority.NORMAL).villages(List.of(3L), List.of("Thôn 3"))
                .triggeredBy(Trigger.SCHEDULE, "system").missed("STATION_DOWN: the station was not running"));
        log.notAired(NotAired.of("oneoff:8", "Thông báo họp", PLANNED.plusSeconds(7_200), 90_000, Priority.PRIORITY)
                .triggeredBy(Trigger.OPERATOR, "vanhoa").skipped("SKIP: a priority broadcast was on air"));
        // A village test: a VILLAGE row of its own key, no broadcast.
        log.villageSwitched(new VillageSwitch("TEST@2026-03-03T05:40", null, "Thử loa", null, 2L, "Thôn 2", true,
                "DTMF", "SENT", PLANNED.plusSeconds(9_000), null, "kythuat"));
    }
}
