package vn.loaxa.airlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.schedule.Priority;
import vn.loaxa.testing.ScratchDatabase;

/**
 * The chain on a database of its own: these tests drop the append-only triggers and damage rows,
 * which must not happen to the database the other tests share.
 */
class AirLogChainTest {

    private static final Instant MORNING = Instant.parse("2026-03-02T22:30:00Z");

    @TempDir
    Path tmp;
    ScratchDatabase db;
    AirLogService log;

    @BeforeEach
    void open() {
        db = new ScratchDatabase(tmp);
        log = ScratchAirLog.open(db, Clock.fixed(MORNING, ZoneId.of("Asia/Ho_Chi_Minh")));
        for (int day = 0; day < 3; day++) {
            ScratchAirLog.writeMorning(log, "P1@2026-03-0" + (3 + day), MORNING.plusSeconds(86_400L * day));
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void an_untouched_log_verifies_intact_with_every_row_checked() {
        var v = log.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.checkedRows()).isEqualTo(12);
        assertThat(v.firstBadRow()).isNull();
        assertThat(v.headHash()).hasSize(64);
    }

    @Test
    void the_database_refuses_updates_and_deletes_of_log_rows() {
        var jdbc = db.jdbc();
        assertThatThrownBy(() -> jdbc.sql("UPDATE air_log SET title = 'khác' WHERE seq = 1").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM air_log WHERE seq = 12").update())
                .hasMessageContaining("append-only");
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void verify_names_a_row_altered_directly_in_sqlite() {
        var jdbc = db.jdbc();
        jdbc.sql("DROP TRIGGER air_log_no_update").update();
        // Someone "corrects" the length of the second bulletin of the second morning (row 7).
        jdbc.sql("UPDATE air_log SET actual_ms = 300000 WHERE seq = 7").update();

        var v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadRow()).isEqualTo(7);
        assertThat(v.checkedRows()).isEqualTo(12);
        assertThat(v.problem()).contains("content does not match");
    }

    @Test
    void verify_names_the_row_after_one_rewritten_with_a_fresh_hash() {
        var jdbc = db.jdbc();
        jdbc.sql("DROP TRIGGER air_log_no_update").update();
        // A careful forger recomputes row 5's own hash; the next row's link still points at the old one.
        var row = jdbc.sql("SELECT " + AirLogRepository.COLUMNS + " FROM air_log WHERE seq = 5")
                .query((rs, n) -> AirLogRepository.map(rs)).single();
        var forged = new LogRow(row.seq(), row.kind(), row.recordedAtMs(), row.startSeq(), row.occurrenceKey(),
                "Bản tin đã sửa", row.plannedStartMs(), row.actualStartMs(), row.actualEndMs(), row.nominalMs(),
                row.actualMs(), row.villageIds(), row.villageNames(), row.priority(), row.triggerKind(),
                row.triggeredBy(), row.outcome(), row.reason(), row.itemPosition(), row.itemKind(), row.topicCode(),
                row.topicName(), row.assetId(), row.bulletinId(), row.assetSha256(), row.prevHash(), "")
                .chained(row.seq(), row.prevHash());
        jdbc.sql("UPDATE air_log SET title = ?, row_hash = ? WHERE seq = 5").params(forged.title(), forged.rowHash())
                .update();

        var v = log.verify();

        assertThat(v.firstBadRow()).isEqualTo(6);
        assertThat(v.problem()).contains("link does not match the hash of row 5");
    }

    @Test
    void verify_names_the_row_after_a_deleted_one() {
        var jdbc = db.jdbc();
        jdbc.sql("DROP TRIGGER air_log_no_delete").update();
        jdbc.sql("DELETE FROM air_log WHERE seq = 3").update();

        var v = log.verify();

        assertThat(v.firstBadRow()).isEqualTo(4);
        assertThat(v.checkedRows()).isEqualTo(11);
    }

    @Test
    void an_occurrence_starts_once_and_ends_once() {
        var again = new BroadcastStart("P1@2026-03-03", "Bản tin sáng", MORNING, MORNING, 1, List.of(1L),
                List.of("Thôn 1"), Priority.NORMAL, Trigger.SCHEDULE, "system");
        assertThatThrownBy(() -> log.broadcastStarted(again)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("P1@2026-03-03");
        assertThatThrownBy(() -> log.notAired(new NotAired("P1@2026-03-04", "Bản tin sáng", MORNING, 1, List.of(1L),
                List.of("Thôn 1"), Priority.NORMAL, Trigger.SCHEDULE, "system", Outcome.MISSED, "STATION_DOWN")))
                .isInstanceOf(IllegalStateException.class);
        var started = log.broadcastStarted(new BroadcastStart("O7", "Ngày hội CCHC", MORNING, MORNING, 1,
                List.of(1L), List.of("Thôn 1"), Priority.PRIORITY, Trigger.OPERATOR, "can.bo.dai"));
        log.broadcastEnded(started, new BroadcastEnd(MORNING, 1, Outcome.PREEMPTED, "EMERGENCY O8"));
        assertThatThrownBy(() -> log.broadcastEnded(started, new BroadcastEnd(MORNING, 1, Outcome.COMPLETED, null)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(log.verify().intact()).isTrue();
    }
}
