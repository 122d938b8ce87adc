package vn.loaxa.zone;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.net.AbstractSerialConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import org.jspecify.annotations.Nullable;

/**
 * A relay board speaking Modbus RTU on a serial port (USB or RS-485): one coil per village, at
 * address relay - 1.
 *
 * <p>Each coil is written on its own with function 05 (Write Single Coil), not 15: a multiple-coil
 * write covers a contiguous range, so it would also rewrite the coils between the wanted ones, which
 * belong to villages outside this broadcast, and not every cheap board implements 15. The coils are
 * then read back with function 01, and only a coil that reads back in the wanted state is
 * ACKNOWLEDGED.
 *
 * <p>The port is opened on first use and dropped after any I/O error, so that a USB board unplugged
 * and plugged back in is found again on the next switch. A board that does not answer costs a call
 * two timeouts (one retry) plus pauses under two seconds: j2mod's between its tries, jSerialComm's
 * on closing the port.
 */
public final class ModbusRelayDriver implements ZoneDriver {

    private static final System.Logger LOG = System.getLogger(ModbusRelayDriver.class.getName());

    /** Coil addresses are 16 bits. */
    static final int MAX_RELAY = 65_536;
    /** Tries per request: one retry rides out a frame lost to line noise without doubling a dead board's wait again. */
    static final int TRIES = 2;
    /** Function 01's limit on coils per request. */
    private static final int MAX_COILS_PER_READ = 2_000;
    /** Unwanted coils worth reading in passing rather than sending a second request. */
    private static final int MAX_GAP = 16;

    private final SerialSettings settings;
    private final Clock clock;
    private final int timeoutMs;
    private @Nullable ModbusSerialMaster master;
    private @Nullable Instant lastHeard;
    private boolean closed;

    public ModbusRelayDriver(SerialSettings settings, Clock clock) {
        if (settings.unitId() < 1 || settings.unitId() > 247) {
            throw new IllegalArgumentException("Modbus unit id must be within 1..247: " + settings.unitId());
        }
        this.settings = settings;
        this.clock = clock;
        this.timeoutMs = (int) Math.clamp(settings.timeout().toMillis(), 1, Integer.MAX_VALUE);
    }

    @Override
    public DriverKind kind() {
        return DriverKind.MODBUS;
    }

    @Override
    public synchronized List<SwitchResult> switchZones(List<ZoneAddress> zones, boolean on) {
        var results = new ArrayList<@Nullable SwitchResult>(zones.size());
        var coils = new TreeSet<Integer>();
        for (var zone : zones) {
            var invalid = RelayBoards.invalidRelay(zone, MAX_RELAY);
            results.add(invalid == null ? null : SwitchResult.failed(zone.villageId(), clock.instant(), invalid));
            if (invalid == null) {
                coils.add(coil(zone));
            }
        }
        var outcomes = coils.isEmpty() ? Map.<Integer, CoilOutcome>of() : switchCoils(coils, on);
        var switched = new ArrayList<SwitchResult>(zones.size());
        for (int i = 0; i < zones.size(); i++) {
            var result = results.get(i);
            if (result == null) {
                var zone = zones.get(i);
                var outcome = outcomes.get(coil(zone));
                result = new SwitchResult(zone.villageId(),
                        outcome.confirmed() ? SwitchResult.Ack.ACKNOWLEDGED : SwitchResult.Ack.FAILED,
                        outcome.at(), outcome.detail());
            }
            switched.add(result);
        }
        return List.copyOf(switched);
    }

    @Override
    public synchronized Optional<List<ZoneStatus>> poll(List<ZoneAddress> zones) {
        var coils = new TreeSet<Integer>();
        for (var zone : zones) {
            if (RelayBoards.invalidRelay(zone, MAX_RELAY) == null) {
                coils.add(coil(zone));
            }
        }
        Map<Integer, CoilState> states = Map.of();
        @Nullable String offline = null;
        if (!coils.isEmpty()) {
            try {
                states = readCoils(connect(), coils);
            } catch (BoardException e) {
                offline = e.getMessage();
            }
        }
        var statuses = new ArrayList<ZoneStatus>(zones.size());
        for (var zone : zones) {
            var invalid = RelayBoards.invalidRelay(zone, MAX_RELAY);
            if (invalid != null) {
                statuses.add(new ZoneStatus(zone.villageId(), false, null, null, null, invalid));
            } else if (offline != null) {
                statuses.add(new ZoneStatus(zone.villageId(), false, lastHeard, null, null, offline));
            } else {
                var coil = coil(zone);
                var state = states.get(coil);
                // The board answered even when it refused this coil: it is online, the relay is not.
                statuses.add(new ZoneStatus(zone.villageId(), true, lastHeard, state.on(), null,
                        state.on() == null ? state.refusal() : describe(coil, state.on())));
            }
        }
        return Optional.of(List.copyOf(statuses));
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }

    private Map<Integer, CoilOutcome> switchCoils(SortedSet<Integer> coils, boolean on) {
        var outcomes = new HashMap<Integer, CoilOutcome>();
        try {
            var board = connect();
            var written = new TreeSet<Integer>();
            for (var coil : coils) {
                try {
                    board.writeCoil(settings.unitId(), coil, on);
                    written.add(coil);
                } catch (ModbusSlaveException refused) {
                    outcomes.put(coil, new CoilOutcome(false, clock.instant(), refusal(coil, refused)));
                } catch (ModbusException | RuntimeException e) {
                    throw failure(e);
                }
                heard();
            }
            if (!written.isEmpty()) {
                var states = readCoils(board, written);
                var at = clock.instant();
                for (var coil : written) {
                    var state = states.get(coil);
                    var confirmed = state.on() != null && state.on() == on;
                    outcomes.put(coil, new CoilOutcome(confirmed, at,
                            state.on() == null ? state.refusal() : describe(coil, state.on())));
                }
            }
        } catch (BoardException e) {
            var at = clock.instant();
            for (var coil : coils) {
                outcomes.putIfAbsent(coil, new CoilOutcome(false, at, e.getMessage()));
            }
        }
        return outcomes;
    }

    /**
     * Reads these coils, one request per run of nearby coils; a run the board refuses (a relay number
     * beyond the board) is read again coil by coil, so that one wrong number fails only its village.
     */
    private Map<Integer, CoilState> readCoils(ModbusSerialMaster board, SortedSet<Integer> coils) throws BoardException {
        var states = new HashMap<Integer, CoilState>();
        for (var run : runs(coils)) {
            int first = run.getFirst();
            int count = run.getLast() - first + 1;
            try {
                var bits = board.readCoils(settings.unitId(), first, count);
                heard();
                for (var coil : run) {
                    states.put(coil, new CoilState(bits.getBit(coil - first), null));
                }
                continue;
            } catch (ModbusSlaveException refused) {
                heard();
                if (run.size() == 1) {
                    states.put(first, new CoilState(null, refusal(first, refused)));
                    continue;
                }
            } catch (ModbusException | RuntimeException e) {
                throw failure(e);
            }
            for (var coil : run) {
                try {
                    states.put(coil, new CoilState(board.readCoils(settings.unitId(), coil, 1).getBit(0), null));
                } catch (ModbusSlaveException refused) {
                    states.put(coil, new CoilState(null, refusal(coil, refused)));
                } catch (ModbusException | RuntimeException e) {
                    throw failure(e);
                }
                heard();
            }
        }
        return states;
    }

    private static List<List<Integer>> runs(SortedSet<Integer> coils) {
        var runs = new ArrayList<List<Integer>>();
        List<Integer> run = new ArrayList<>();
        for (var coil : coils) {
            if (!run.isEmpty() && (coil - run.getLast() > MAX_GAP || coil - run.getFirst() >= MAX_COILS_PER_READ)) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(coil);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private ModbusSerialMaster connect() throws BoardException {
        if (closed) {
            throw new BoardException("driver is closed");
        }
        if (master != null && master.isConnected()) {
            return master;
        }
        drop();
        var parameters = new SerialParameters();
        parameters.setPortName(settings.port());
        parameters.setBaudRate(settings.baudRate());
        parameters.setDatabits(8);
        parameters.setParity(AbstractSerialConnection.NO_PARITY);
        parameters.setStopbits(AbstractSerialConnection.ONE_STOP_BIT);
        parameters.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        parameters.setEcho(false);
        var opened = new ModbusSerialMaster(parameters, timeoutMs);
        try {
            opened.connect();
            opened.setRetries(TRIES);
        } catch (Exception e) {
            opened.getConnection().close();
            LOG.log(Level.WARNING, "Cannot open the Modbus relay board port " + settings.port() + ": " + e.getMessage());
            throw new BoardException(RelayBoards.cannotOpen(settings.port(), e.getMessage()));
        }
        master = opened;
        return opened;
    }

    /** Closes the port for good, so that the next call opens the device afresh (it may have been replugged). */
    private void drop() {
        var old = master;
        master = null;
        if (old != null) {
            // getConnection().close() rather than disconnect(): it also lets go of a port already closed
            // by j2mod when the device vanished.
            old.getConnection().close();
        }
    }

    private BoardException failure(Exception e) {
        drop();
        LOG.log(Level.WARNING, "Modbus relay board on " + settings.port() + " (unit " + settings.unitId() + "): "
                + e.getMessage());
        var message = String.valueOf(e.getMessage());
        if (message.contains("CRC")) {
            return new BoardException("board on " + settings.port() + " (unit " + settings.unitId()
                    + ") answered with damaged frames (CRC error): check the wiring and the baud rate "
                    + settings.baudRate());
        }
        return new BoardException("board did not answer on " + settings.port() + " (unit " + settings.unitId()
                + ") within " + timeoutMs + " ms (" + TRIES + " tries)");
    }

    private void heard() {
        lastHeard = clock.instant();
    }

    /** Only for zones that passed {@link RelayBoards#invalidRelay}. */
    private static int coil(ZoneAddress zone) {
        return Objects.requireNonNull(zone.relay(), "relay") - 1;
    }

    private static String describe(int coil, boolean on) {
        return "relay " + (coil + 1) + " (coil " + coil + ") reads back " + (on ? "on" : "off");
    }

    private String refusal(int coil, ModbusSlaveException refused) {
        return "board on " + settings.port() + " (unit " + settings.unitId() + ") refused relay " + (coil + 1)
                + " (coil " + coil + "): " + refused.getMessage();
    }

    /** A coil's outcome; {@code detail} is English for the log. */
    private record CoilOutcome(boolean confirmed, Instant at, String detail) {
    }

    /** A coil as read back: its state, or why the board refused to tell. */
    private record CoilState(@Nullable Boolean on, @Nullable String refusal) {
    }

    /** The board cannot be reached; the message is the detail every waiting zone gets. */
    private static final class BoardException extends Exception {

        BoardException(String message) {
            super(message, null, false, false);
        }

        @Override
        public String getMessage() {
            return String.valueOf(super.getMessage());
        }
    }
}
