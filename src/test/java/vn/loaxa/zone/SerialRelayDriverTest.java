package vn.loaxa.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.zone.FakeRelayBoard.Frame;
import vn.loaxa.zone.SwitchResult.Ack;

/** Both serial relay board drivers against a fake board on a virtual serial cable (socat). */
@Timeout(60)
class SerialRelayDriverTest {

    private static final ZoneAddress THON_2 = zone(2, "Thôn 2", 2);
    private static final ZoneAddress THON_5 = zone(5, "Thôn 5", 5);
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final int UNIT = 1;
    private static final int WRITE_COIL = 5;
    private static final int READ_COILS = 1;
    private static final int ON = 0xFF00;

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T06:00:00Z"));
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private VirtualSerialPair pair;

    @BeforeEach
    void plugIn() throws Exception {
        pair = VirtualSerialPair.start(dir.resolve("tty"));
    }

    @AfterEach
    void unplug() throws Exception {
        for (var closeable : toClose.reversed()) {
            closeable.close();
        }
        pair.close();
    }

    // --- Modbus RTU ---

    @Test
    void modbus_switches_exactly_the_villages_coils_and_acknowledges_what_reads_back() throws Exception {
        var board = modbusBoard();
        var driver = modbusDriver();

        var on = driver.switchZones(List.of(THON_2, THON_5), true);

        assertThat(on).extracting(SwitchResult::villageId, SwitchResult::ack, SwitchResult::at, SwitchResult::detail)
                .containsExactly(
                        tuple(2L, Ack.ACKNOWLEDGED, clock.instant(), "relay 2 (coil 1) reads back on"),
                        tuple(5L, Ack.ACKNOWLEDGED, clock.instant(), "relay 5 (coil 4) reads back on"));
        assertThat(board.coilsOn()).containsExactly(1, 4);
        assertThat(board.frames()).extracting(Frame::function, Frame::address, Frame::value).containsExactly(
                tuple(WRITE_COIL, 1, ON), tuple(WRITE_COIL, 4, ON), tuple(READ_COILS, 1, 4));
        assertThat(board.frames().getFirst().hex()).isEqualTo("01 05 00 01 FF 00 DD FA");
        assertThat(driver.kind()).isEqualTo(DriverKind.MODBUS);

        board.clearFrames();
        clock.advance(Duration.ofMinutes(30));
        var off = driver.switchZones(List.of(THON_2, THON_5), false);

        assertThat(off).extracting(SwitchResult::ack, SwitchResult::at, SwitchResult::detail).containsExactly(
                tuple(Ack.ACKNOWLEDGED, clock.instant(), "relay 2 (coil 1) reads back off"),
                tuple(Ack.ACKNOWLEDGED, clock.instant(), "relay 5 (coil 4) reads back off"));
        assertThat(board.coilsOn()).isEmpty();
        assertThat(board.frames()).extracting(Frame::function, Frame::address, Frame::value).containsExactly(
                tuple(WRITE_COIL, 1, 0), tuple(WRITE_COIL, 4, 0), tuple(READ_COILS, 1, 4));
        assertThat(board.changes()).extracting(FakeRelayBoard.CoilChange::coil, FakeRelayBoard.CoilChange::on)
                .containsExactly(tuple(1, true), tuple(4, true), tuple(1, false), tuple(4, false));
    }

    @Test
    void modbus_fails_only_the_village_whose_coil_reads_back_wrong() throws Exception {
        var board = modbusBoard();
        var driver = modbusDriver();
        board.stick(4, false);

        var results = driver.switchZones(List.of(THON_2, THON_5), true);

        assertThat(results).extracting(SwitchResult::villageId, SwitchResult::ack, SwitchResult::detail)
                .containsExactly(
                        tuple(2L, Ack.ACKNOWLEDGED, "relay 2 (coil 1) reads back on"),
                        tuple(5L, Ack.FAILED, "relay 5 (coil 4) reads back off"));
        assertThat(board.coilsOn()).containsExactly(1);
        // The write itself was answered: only the read-back shows the relay did not follow.
        assertThat(board.frames()).extracting(Frame::function, Frame::address).containsExactly(
                tuple(WRITE_COIL, 1), tuple(WRITE_COIL, 4), tuple(READ_COILS, 1));
    }

    @Test
    void modbus_fails_every_village_in_bounded_time_when_the_board_does_not_answer_then_recovers() throws Exception {
        var board = modbusBoard();
        var driver = modbusDriver();
        board.answering(false);

        var started = System.nanoTime();
        var results = driver.switchZones(List.of(THON_2, THON_5), true);
        var elapsed = Duration.ofNanos(System.nanoTime() - started);

        var detail = "board did not answer on " + pair.stationPort() + " (unit 1) within 500 ms (2 tries)";
        assertThat(results).extracting(SwitchResult::villageId, SwitchResult::ack, SwitchResult::detail)
                .containsExactly(tuple(2L, Ack.FAILED, detail), tuple(5L, Ack.FAILED, detail));
        assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(Duration.ofSeconds(5));
        // It did try: the board heard the first write twice (j2mod's retry), then the driver gave up.
        assertThat(board.frames()).extracting(Frame::function, Frame::address, Frame::value)
                .containsExactly(tuple(WRITE_COIL, 1, ON), tuple(WRITE_COIL, 1, ON));
        assertThat(board.coilsOn()).isEmpty();

        board.answering(true);
        board.clearFrames();
        var again = driver.switchZones(List.of(THON_2, THON_5), true);

        assertThat(again).extracting(SwitchResult::ack).containsExactly(Ack.ACKNOWLEDGED, Ack.ACKNOWLEDGED);
        assertThat(board.coilsOn()).containsExactly(1, 4);
        assertThat(board.frames()).extracting(Frame::function).containsExactly(WRITE_COIL, WRITE_COIL, READ_COILS);
    }

    @Test
    void modbus_polls_the_coils_and_reports_a_silent_board_offline() throws Exception {
        var board = modbusBoard();
        var driver = modbusDriver();
        driver.switchZones(List.of(THON_2), true);
        board.clearFrames();
        clock.advance(Duration.ofSeconds(10));
        var answered = clock.instant();

        var online = driver.poll(List.of(THON_2, THON_5)).orElseThrow();

        assertThat(online).extracting(ZoneStatus::villageId, ZoneStatus::online, ZoneStatus::on, ZoneStatus::lastSeen)
                .containsExactly(tuple(2L, true, true, answered), tuple(5L, true, false, answered));
        assertThat(board.frames()).extracting(Frame::function, Frame::address, Frame::value)
                .containsExactly(tuple(READ_COILS, 1, 4));

        board.answering(false);
        clock.advance(Duration.ofSeconds(10));
        var offline = driver.poll(List.of(THON_2, THON_5)).orElseThrow();

        assertThat(offline).extracting(ZoneStatus::online, ZoneStatus::on, ZoneStatus::lastSeen)
                .containsExactly(tuple(false, null, answered), tuple(false, null, answered));
        assertThat(offline.getFirst().detail()).isEqualTo(
                "board did not answer on " + pair.stationPort() + " (unit 1) within 500 ms (2 tries)");
    }

    @Test
    void modbus_fails_a_village_without_relay_number_or_beyond_the_board_and_switches_the_others() throws Exception {
        var board = modbusBoard();
        var driver = modbusDriver();
        var noRelay = zone(7, "Thôn 7", null);
        var beyond = zone(12, "Thôn 12", 12);

        var results = driver.switchZones(List.of(noRelay, THON_2, beyond, THON_5), true);

        assertThat(results).extracting(SwitchResult::villageId, SwitchResult::ack, SwitchResult::detail)
                .containsExactly(
                        tuple(7L, Ack.FAILED, "no relay number set for Thôn 7"),
                        tuple(2L, Ack.ACKNOWLEDGED, "relay 2 (coil 1) reads back on"),
                        tuple(12L, Ack.FAILED, "board on " + pair.stationPort()
                                + " (unit 1) refused relay 12 (coil 11): Illegal Data Address"),
                        tuple(5L, Ack.ACKNOWLEDGED, "relay 5 (coil 4) reads back on"));
        assertThat(board.coilsOn()).containsExactly(1, 4);

        // Coils 1 and 11 are read in one request, which the board refuses; read one by one, only
        // the relay beyond the board stays unknown.
        board.clearFrames();
        var statuses = driver.poll(List.of(THON_2, beyond, noRelay)).orElseThrow();

        assertThat(statuses).extracting(ZoneStatus::villageId, ZoneStatus::online, ZoneStatus::on, ZoneStatus::detail)
                .containsExactly(
                        tuple(2L, true, true, "relay 2 (coil 1) reads back on"),
                        tuple(12L, true, null, "board on " + pair.stationPort()
                                + " (unit 1) refused relay 12 (coil 11): Illegal Data Address"),
                        tuple(7L, false, null, "no relay number set for Thôn 7"));
        assertThat(board.frames()).extracting(Frame::function, Frame::address, Frame::value).containsExactly(
                tuple(READ_COILS, 1, 11), tuple(READ_COILS, 1, 1), tuple(READ_COILS, 11, 1));
    }

    @Test
    void modbus_finds_the_board_again_after_it_is_unplugged_and_plugged_back_in() throws Exception {
        var board = modbusBoard();
        var driver = modbusDriver();
        assertThat(driver.switchZones(List.of(THON_2), true)).extracting(SwitchResult::ack)
                .containsExactly(Ack.ACKNOWLEDGED);

        board.close();
        pair.unplug();
        var started = System.nanoTime();
        var unplugged = driver.switchZones(List.of(THON_2, THON_5), false);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(unplugged).extracting(SwitchResult::ack).containsExactly(Ack.FAILED, Ack.FAILED);
        assertThat(unplugged.getFirst().detail()).contains(pair.stationPort());

        pair.plugBackIn();
        var replugged = modbusBoard();
        var results = driver.switchZones(List.of(THON_2, THON_5), true);

        assertThat(results).extracting(SwitchResult::ack).containsExactly(Ack.ACKNOWLEDGED, Ack.ACKNOWLEDGED);
        assertThat(replugged.coilsOn()).containsExactly(1, 4);
    }

    @Test
    void modbus_reports_a_missing_port_and_uses_the_board_once_it_appears() throws Exception {
        pair.unplug();
        var driver = modbusDriver();

        var missing = driver.switchZones(List.of(THON_2), true);

        assertThat(missing).extracting(SwitchResult::ack, SwitchResult::detail).containsExactly(
                tuple(Ack.FAILED, "cannot open " + pair.stationPort() + ": no such port (is the board plugged in?)"));
        assertThat(driver.poll(List.of(THON_2)).orElseThrow()).extracting(ZoneStatus::online, ZoneStatus::lastSeen)
                .containsExactly(tuple(false, null));

        pair.plugBackIn();
        var board = modbusBoard();
        assertThat(driver.switchZones(List.of(THON_2), true)).extracting(SwitchResult::ack)
                .containsExactly(Ack.ACKNOWLEDGED);
        assertThat(board.coilsOn()).containsExactly(1);
    }

    // --- A0 single-byte commands ---

    @Test
    void a0_sends_the_exact_commands_and_reports_them_sent() throws Exception {
        var board = a0Board();
        var system = Clock.systemUTC();
        var driver = track(new SerialRelayDriver(settings(9600), system));

        var before = system.instant();
        var on = driver.switchZones(List.of(THON_2, THON_5), true);
        var after = system.instant();

        assertThat(board.awaitFrames(2, Duration.ofSeconds(2))).extracting(Frame::hex)
                .containsExactly("A0 02 01 A3", "A0 05 01 A6");
        assertThat(on).extracting(SwitchResult::villageId, SwitchResult::ack, SwitchResult::detail).containsExactly(
                tuple(2L, Ack.SENT, "sent A0 02 01 A3 to " + pair.stationPort()),
                tuple(5L, Ack.SENT, "sent A0 05 01 A6 to " + pair.stationPort()));
        assertThat(on).allSatisfy(result -> assertThat(result.at()).isBetween(before, after));
        assertThat(board.coilsOn()).containsExactly(1, 4);

        board.clearFrames();
        var off = driver.switchZones(List.of(THON_2, THON_5), false);

        assertThat(board.awaitFrames(2, Duration.ofSeconds(2))).extracting(Frame::hex)
                .containsExactly("A0 02 00 A2", "A0 05 00 A5");
        assertThat(off).extracting(SwitchResult::ack).containsExactly(Ack.SENT, Ack.SENT);
        assertThat(board.coilsOn()).isEmpty();
        assertThat(driver.poll(List.of(THON_2, THON_5))).isEmpty();
        assertThat(driver.kind()).isEqualTo(DriverKind.RELAY_A0);
    }

    @Test
    void a0_fails_a_village_without_relay_number_and_sends_the_others() throws Exception {
        var board = a0Board();
        var driver = track(new SerialRelayDriver(settings(9600), clock));

        var results = driver.switchZones(List.of(zone(7, "Thôn 7", null), THON_5), true);

        assertThat(results).extracting(SwitchResult::villageId, SwitchResult::ack, SwitchResult::at,
                SwitchResult::detail).containsExactly(
                tuple(7L, Ack.FAILED, clock.instant(), "no relay number set for Thôn 7"),
                tuple(5L, Ack.SENT, clock.instant(), "sent A0 05 01 A6 to " + pair.stationPort()));
        assertThat(board.awaitFrames(1, Duration.ofSeconds(2))).extracting(Frame::hex).containsExactly("A0 05 01 A6");
    }

    @Test
    void a0_reports_a_missing_port_and_finds_the_board_after_a_replug() throws Exception {
        var board = a0Board();
        var driver = track(new SerialRelayDriver(settings(9600), clock));
        assertThat(driver.switchZones(List.of(THON_2), true)).extracting(SwitchResult::ack).containsExactly(Ack.SENT);
        assertThat(board.awaitFrames(1, Duration.ofSeconds(2))).extracting(Frame::hex).containsExactly("A0 02 01 A3");

        board.close();
        pair.unplug();
        var unplugged = driver.switchZones(List.of(THON_2, THON_5), false);

        var missing = "cannot open " + pair.stationPort() + ": no such port (is the board plugged in?)";
        assertThat(unplugged).extracting(SwitchResult::ack, SwitchResult::detail)
                .containsExactly(tuple(Ack.FAILED, missing), tuple(Ack.FAILED, missing));

        pair.plugBackIn();
        var replugged = a0Board();
        var results = driver.switchZones(List.of(THON_2, THON_5), false);

        assertThat(results).extracting(SwitchResult::ack).containsExactly(Ack.SENT, Ack.SENT);
        assertThat(replugged.awaitFrames(2, Duration.ofSeconds(2))).extracting(Frame::hex)
                .containsExactly("A0 02 00 A2", "A0 05 00 A5");
    }

    // --- helpers ---

    private FakeRelayBoard modbusBoard() {
        return track(FakeRelayBoard.modbus(pair.board(), UNIT, 8));
    }

    private FakeRelayBoard a0Board() {
        return track(FakeRelayBoard.relayA0(pair.board(), 8));
    }

    private ModbusRelayDriver modbusDriver() {
        return track(new ModbusRelayDriver(settings(9600), clock));
    }

    private SerialSettings settings(int baudRate) {
        return new SerialSettings(pair.stationPort(), baudRate, UNIT, TIMEOUT);
    }

    private <T extends AutoCloseable> T track(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private static ZoneAddress zone(long villageId, String name, @Nullable Integer relay) {
        return new ZoneAddress(villageId, name, "thon-" + villageId, relay, null, null, null);
    }

    /** The station's clock, moved by the test, so that each instant a driver reports can be told apart. */
    private static final class TestClock extends Clock {

        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
