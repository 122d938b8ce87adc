package vn.loaxa.airlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.schedule.Priority;
import vn.loaxa.testing.ScratchDatabase;

/**
 * The engine's rows when the database cannot take them: a trigger makes every insert into the air
 * log fail, as a full disk or a broken file would. Appends must still return, the rows must wait in
 * the journal in order, an alert must say so, and they must land, chain intact, once the database
 * takes writes again, even after the process died in between.
 */
class AirLogJournalTest {

    private static final Instant MORNING = Instant.parse("2026-03-02T22:30:00Z");

    @TempDir
    Path tmp;
    ScratchDatabase db;
    AirLogService log;

    @BeforeEach
    void open() {
        db = new ScratchDatabase(tmp);
        log = ScratchAirLog.open(db, Clock.fixed(MORNING, ZoneId.of("Asia/Ho_Chi_Minh")));
        ScratchAirLog.writeMorning(log, "P1@2026-03-03", MORNING);
    }

    @AfterEach
    void close() {
        log.abandon();
        db.close();
    }

    @Test
    void rows_the_database_refuses_wait_in_the_journal_with_an_alert_and_land_in_order_when_it_recovers()
            throws Exception {
        blockInserts();
        long before = System.nanoTime();
        var started = start("P1@2026-03-04");
        log.itemPlayed(started, item(1));
        log.broadcastEnded(started, new BroadcastEnd(MORNING.plusSeconds(60), 60_000, Outcome.COMPLETED, null,
                MORNING.plusMillis(3)));
        var appendMs = (System.nanoTime() - before) / 1_000_000;
        assertThat(appendMs).as("appends never wait for the database").isLessThan(2_000);

        assertThat(log.flush(Duration.ofMillis(500))).isFalse();
        var backlog = log.backlog();
        assertThat(backlog.rows()).isEqualTo(3);
        assertThat(backlog.problem()).startsWith("DATABASE").contains("disk full");
        // The engine still knows what it logged: the key never plays again, the start is open.
        assertThat(log.loggedKeys(List.of("P1@2026-03-04"))).containsExactly("P1@2026-03-04");

        unblockInserts();
        assertThat(log.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(log.backlog().rows()).isZero();
        assertThat(log.backlog().problem()).isNull();
        var v = log.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.checkedRows()).isEqualTo(7);
        var broadcast = log.all(MORNING.plusSeconds(86_000), MORNING.plusSeconds(87_000)).getFirst();
        assertThat(broadcast.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(broadcast.actualStart()).isEqualTo(MORNING.plusMillis(3));
        assertThat(broadcast.startErrorMs()).isEqualTo(3 - 86_400_000L);
    }

    @Test
    void rows_journaled_before_a_kill_are_written_by_the_next_start_and_never_twice() throws Exception {
        blockInserts();
        var started = start("P1@2026-03-04");
        log.itemPlayed(started, item(1));
        log.abandon();

        // The next start finds them in the journal; the database still refuses, so they stay pending.
        var next = ScratchAirLog.open(db, Clock.systemUTC());
        try {
            assertThat(next.backlog().rows()).isEqualTo(2);
            assertThat(next.unfinished()).extracting(AirLogRecords.Started::occurrenceKey).contains("P1@2026-03-04");
            unblockInserts();
            assertThat(next.flush(Duration.ofSeconds(30))).isTrue();
            // Recovery closes the open start; the chain goes on from the journaled rows.
            next.broadcastEnded(started, new BroadcastEnd(MORNING.plusSeconds(30), 30_000, Outcome.INTERRUPTED,
                    "STATION_STOPPED"));
            ScratchAirLog.flush(next);
            var v = next.verify();
            assertThat(v.intact()).isTrue();
            assertThat(v.checkedRows()).isEqualTo(7);
        } finally {
            next.abandon();
        }
        // A third start reads the same journal again: every row is already in the database.
        var third = ScratchAirLog.open(db, Clock.systemUTC());
        try {
            assertThat(third.backlog().rows()).isZero();
            assertThat(third.verify().checkedRows()).isEqualTo(7);
        } finally {
            third.abandon();
        }
    }

    @Test
    void a_record_cut_by_a_crash_ends_the_journal_and_the_rows_before_it_survive() throws Exception {
        blockInserts();
        var started = start("P1@2026-03-04");
        log.itemPlayed(started, item(1));
        log.abandon();
        var journal = tmp.resolve("airlog.journal");
        try (var file = new RandomAccessFile(journal.toFile(), "rw")) {
            // Find the end of the used part and tear the last record: keep its header, zero its tail.
            var rows = AirLogJournal.open(journal, AirLogJournal.DEFAULT_SIZE);
            long used = rows.used();
            rows.close();
            file.seek(used - 40);
            file.write(new byte[40]);
        }
        unblockInserts();
        var next = ScratchAirLog.open(db, Clock.systemUTC());
        try {
            ScratchAirLog.flush(next);
            var v = next.verify();
            assertThat(v.intact()).isTrue();
            // The morning's four rows and the START; the ITEM was cut by the "crash".
            assertThat(v.checkedRows()).isEqualTo(5);
        } finally {
            next.abandon();
        }
    }

    private AirLogRecords.Started start(String key) {
        return log.broadcastStarted(new BroadcastStart(key, "Bản tin sáng", MORNING.plusSeconds(86_400),
                MORNING.plusSeconds(86_400), 60_000, List.of(1L), List.of("Thôn 1"), Priority.NORMAL, Trigger.SCHEDULE,
                "system"));
    }

    private static PlayedItem item(int position) {
        return new PlayedItem(position, "BULLETIN", "Thủ tục hành chính", "TTHC", "Cải cách thủ tục hành chính", 11L,
                101L, "c".repeat(64), 60_000, 60_000, Outcome.COMPLETED, MORNING.plusMillis(3));
    }

    private void blockInserts() {
        db.jdbc().sql("""
                CREATE TRIGGER simulate_full_disk BEFORE INSERT ON air_log
                BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END""").update();
    }

    private void unblockInserts() {
        db.jdbc().sql("DROP TRIGGER simulate_full_disk").update();
    }
}
