package vn.loaxa.zone;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import org.jspecify.annotations.Nullable;

/**
 * A relay board taking the common 4-byte command {@code A0 <relay> <state> <checksum>} (the
 * LC-Technology USB boards and their clones): relay 1-based, state {@code 01} on and {@code 00} off,
 * checksum the low byte of the sum of the other three. 8N1 at the settings' baud rate (the boards
 * ship at 9600).
 *
 * <p>These boards never answer, so a zone is SENT once its command has been written and drained
 * from the port, and nothing can be polled. The port is opened on first use and reopened after a
 * failed write, so that a USB board unplugged and plugged back in is found again.
 */
public final class SerialRelayDriver implements ZoneDriver {

    private static final System.Logger LOG = System.getLogger(SerialRelayDriver.class.getName());

    /** The relay travels in one byte. */
    static final int MAX_RELAY = 255;
    /**
     * Pause between two commands. The boards' firmware is undocumented and some clones are said to
     * miss a command arriving while they still act on the one before; 50 ms is cheap insurance.
     */
    static final Duration COMMAND_GAP = Duration.ofMillis(50);

    private final SerialSettings settings;
    private final Clock clock;
    private @Nullable SerialPort port;
    private boolean closed;

    public SerialRelayDriver(SerialSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public DriverKind kind() {
        return DriverKind.RELAY_A0;
    }

    /** The command switching this relay, checksum included. */
    static byte[] command(int relay, boolean on) {
        if (relay < 1 || relay > MAX_RELAY) {
            throw new IllegalArgumentException("relay must be within 1.." + MAX_RELAY + ": " + relay);
        }
        int state = on ? 0x01 : 0x00;
        return new byte[] {(byte) 0xA0, (byte) relay, (byte) state, (byte) ((0xA0 + relay + state) & 0xFF)};
    }

    @Override
    public synchronized List<SwitchResult> switchZones(List<ZoneAddress> zones, boolean on) {
        var results = new ArrayList<SwitchResult>(zones.size());
        // Once the port has failed, the zones after fail with the same reason rather than each waiting on it.
        @Nullable String portFailure = null;
        boolean sentBefore = false;
        for (var zone : zones) {
            var invalid = RelayBoards.invalidRelay(zone, MAX_RELAY);
            if (invalid != null) {
                results.add(SwitchResult.failed(zone.villageId(), clock.instant(), invalid));
                continue;
            }
            if (portFailure != null) {
                results.add(SwitchResult.failed(zone.villageId(), clock.instant(), portFailure));
                continue;
            }
            var command = command(Objects.requireNonNull(zone.relay()), on);
            if (sentBefore) {
                pause();
            }
            portFailure = send(command);
            if (portFailure == null) {
                sentBefore = true;
                results.add(new SwitchResult(zone.villageId(), SwitchResult.Ack.SENT, clock.instant(),
                        "sent " + RelayBoards.hex(command) + " to " + settings.port()));
            } else {
                results.add(SwitchResult.failed(zone.villageId(), clock.instant(), portFailure));
            }
        }
        return List.copyOf(results);
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }

    /**
     * Writes one command and waits until it has left the port; null when it did, else why not. A
     * failed write is tried once more on a freshly opened port: after a replug the old handle is dead
     * while the device is back.
     */
    private @Nullable String send(byte[] command) {
        @Nullable String failure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            SerialPort open;
            try {
                open = open();
            } catch (PortException e) {
                return e.getMessage();
            }
            // Write-blocking mode: jSerialComm drains the port (tcdrain) before returning.
            int written = open.writeBytes(command, command.length);
            if (written == command.length) {
                return null;
            }
            failure = "write to " + settings.port() + " failed: "
                    + (written < 0 ? RelayBoards.errno(open.getLastErrorCode()) : written + " of 4 bytes written");
            LOG.log(Level.WARNING, "Relay board on " + settings.port() + ": " + failure);
            drop();
        }
        return failure;
    }

    private SerialPort open() throws PortException {
        if (closed) {
            throw new PortException("driver is closed");
        }
        var current = port;
        if (current != null && current.isOpen()) {
            return current;
        }
        drop();
        SerialPort opened;
        try {
            opened = SerialPort.getCommPort(settings.port());
        } catch (SerialPortInvalidPortException e) {
            throw new PortException(RelayBoards.cannotOpen(settings.port(), "no such port"));
        }
        opened.setComPortParameters(settings.baudRate(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        opened.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        int timeoutMs = (int) Math.clamp(settings.timeout().toMillis(), 1, Integer.MAX_VALUE);
        opened.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, timeoutMs);
        if (!opened.openPort()) {
            var reason = RelayBoards.cannotOpen(settings.port(), RelayBoards.errno(opened.getLastErrorCode()));
            LOG.log(Level.WARNING, "Relay board: " + reason);
            throw new PortException(reason);
        }
        port = opened;
        return opened;
    }

    private void drop() {
        var old = port;
        port = null;
        if (old != null) {
            old.closePort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(COMMAND_GAP);
        } catch (InterruptedException e) {
            // Keep switching: a half-switched broadcast is worse than a late return.
            Thread.currentThread().interrupt();
        }
    }

    /** The port cannot be used; the message is the zone's detail. */
    private static final class PortException extends Exception {

        PortException(String message) {
            super(message, null, false, false);
        }

        @Override
        public String getMessage() {
            return String.valueOf(super.getMessage());
        }
    }
}
