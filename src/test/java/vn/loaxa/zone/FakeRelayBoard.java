package vn.loaxa.zone;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fazecast.jSerialComm.SerialPort;
import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.io.AbstractSerialTransportListener;
import com.ghgande.j2mod.modbus.io.ModbusSerialTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.net.AbstractSerialConnection;
import com.ghgande.j2mod.modbus.net.ModbusSerialListener;
import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.util.ModbusUtil;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import org.jspecify.annotations.Nullable;

/**
 * A relay board on the far end of a {@link VirtualSerialPair}, speaking either Modbus RTU as a slave
 * (j2mod's serial listener over a process image of coils) or the single-byte {@code A0} command.
 *
 * <p>It records every frame it hears with the instant it arrived and every change of its coils, and
 * can play a dead board (hears, never answers) or a stuck relay (its coil ignores writes).
 */
final class FakeRelayBoard implements AutoCloseable {

    enum Protocol { MODBUS, RELAY_A0 }

    /** A frame as heard: a whole Modbus RTU frame (CRC included) or one 4-byte A0 command. */
    record Frame(Instant at, byte[] bytes) {

        int function() {
            return bytes.length > 1 ? bytes[1] & 0xFF : -1;
        }

        /** Modbus: the coil address of a read or write. */
        int address() {
            return word(2);
        }

        /** Modbus: FF00 or 0000 for function 05, the coil count for 01. */
        int value() {
            return word(4);
        }

        String hex() {
            return RelayBoards.hex(bytes);
        }

        private int word(int offset) {
            return bytes.length > offset + 1 ? (bytes[offset] & 0xFF) << 8 | bytes[offset + 1] & 0xFF : -1;
        }

        @Override
        public String toString() {
            return at + " " + hex();
        }
    }

    /** A coil (relay - 1) changing state. */
    record CoilChange(Instant at, int coil, boolean on) {
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(5);
    private static final byte A0 = (byte) 0xA0;
    private static final int LISTENER_READ_TIMEOUT_MS = 100;

    private final int unitId;
    private final boolean[] coils;
    private final Map<Integer, Boolean> stuck = new HashMap<>();
    private final List<Frame> frames = new ArrayList<>();
    private final List<CoilChange> changes = new ArrayList<>();
    private volatile boolean answering = true;
    private volatile boolean running = true;
    private final Thread thread;
    private final @Nullable SerialConnection connection;
    private final @Nullable ModbusSerialListener listener;
    private final @Nullable SerialPort port;
    /** Listener thread only: the request just heard is to go unanswered. */
    private boolean dropping;

    private FakeRelayBoard(Path device, Protocol protocol, int unitId, int coilCount) {
        this.unitId = unitId;
        this.coils = new boolean[coilCount];
        if (protocol == Protocol.MODBUS) {
            var serial = new SerialConnection(parameters(device));
            // j2mod's listener reads with a 3 s timeout and only sees close() between reads.
            serial.setTimeout(LISTENER_READ_TIMEOUT_MS);
            var listening = listener(serial);
            this.connection = serial;
            this.listener = listening;
            this.port = null;
            this.thread = new Thread(listening, "fake Modbus relay board");
        } else {
            var opened = SerialPort.getCommPort(device.toString());
            opened.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            opened.setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING, 50, 0);
            if (!opened.openPort()) {
                throw new IllegalStateException("cannot open " + device + ": error " + opened.getLastErrorCode());
            }
            this.connection = null;
            this.listener = null;
            this.port = opened;
            this.thread = new Thread(this::readA0, "fake A0 relay board");
        }
        thread.setDaemon(true);
        thread.start();
        if (listener != null && connection != null) {
            awaitListening(listener, connection);
        }
    }

    /** A Modbus RTU slave with this unit id and {@code coilCount} coils, at 9600 8N1. */
    static FakeRelayBoard modbus(Path device, int unitId, int coilCount) {
        return new FakeRelayBoard(device, Protocol.MODBUS, unitId, coilCount);
    }

    /** A board taking A0 commands for relays 1..{@code relayCount}, at 9600 8N1. */
    static FakeRelayBoard relayA0(Path device, int relayCount) {
        return new FakeRelayBoard(device, Protocol.RELAY_A0, 0, relayCount);
    }

    synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    synchronized List<CoilChange> changes() {
        return List.copyOf(changes);
    }

    /** The coils (relay - 1) now on. */
    synchronized Set<Integer> coilsOn() {
        var on = new TreeSet<Integer>();
        for (int coil = 0; coil < coils.length; coil++) {
            if (coils[coil]) {
                on.add(coil);
            }
        }
        return on;
    }

    synchronized boolean coil(int coil) {
        return coils[coil];
    }

    /** False: the board still hears every frame but answers none and switches nothing, like a board whose firmware hangs. */
    void answering(boolean answering) {
        this.answering = answering;
    }

    /** Holds a coil in this state whatever is written to it, like a welded relay contact. */
    synchronized void stick(int coil, boolean state) {
        stuck.put(coil, state);
        change(coil, state);
    }

    /** Forgets what was heard, so that a test can look at one exchange. */
    synchronized void clearFrames() {
        frames.clear();
    }

    /** Waits until {@code count} frames have arrived (A0 commands are never answered, so the test cannot know otherwise). */
    List<Frame> awaitFrames(int count, Duration timeout) throws InterruptedException {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var heard = frames();
            if (heard.size() >= count) {
                return heard;
            }
            Thread.sleep(5);
        }
        return frames();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        var modbus = listener;
        if (modbus != null) {
            modbus.stop();
        }
        var serial = port;
        if (serial != null) {
            serial.closePort();
        }
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }

    private static SerialParameters parameters(Path device) {
        var parameters = new SerialParameters();
        parameters.setPortName(device.toString());
        parameters.setBaudRate(9600);
        parameters.setDatabits(8);
        parameters.setParity(AbstractSerialConnection.NO_PARITY);
        parameters.setStopbits(AbstractSerialConnection.ONE_STOP_BIT);
        parameters.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        return parameters;
    }

    private ModbusSerialListener listener(SerialConnection serial) {
        var image = new SimpleProcessImage(unitId);
        for (int coil = 0; coil < coils.length; coil++) {
            image.addDigitalOut(new Coil(coil));
        }
        // ModbusSlaveFactory's slave would do, but its process images cannot be made to hear a request
        // and then stay silent; a listener of our own can, through getProcessImage.
        var modbus = new ModbusSerialListener(serial) {
            @Override
            public @Nullable ProcessImage getProcessImage(int unit) {
                return FakeRelayBoard.this.processImage(unit, image);
            }
        };
        modbus.setThreadName("fake Modbus relay board on " + serial.getPortName());
        return modbus;
    }

    /** Waits for the listener to open the port, then records what its transport (made on opening) hears. */
    private void awaitListening(ModbusSerialListener modbus, SerialConnection serial) {
        var deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!modbus.isListening() && modbus.getError() == null && System.nanoTime() < deadline) {
            sleep(5);
        }
        if (!modbus.isListening()) {
            throw new IllegalStateException("fake board did not start: " + modbus.getError());
        }
        var transport = (ModbusSerialTransport) serial.getModbusTransport();
        transport.addListener(new AbstractSerialTransportListener() {
            @Override
            public void afterRequestRead(AbstractSerialConnection port, @Nullable ModbusRequest request) {
                if (request != null) {
                    heard(request);
                }
            }
        });
    }

    /**
     * j2mod asks for the unit's process image first to decide whether a frame is addressed to this
     * board (it then parses it), and again to build the answer; a dead board hears the frame and then
     * has no image to answer from, which j2mod takes as a frame for another unit and stays silent.
     */
    private @Nullable ProcessImage processImage(int unit, ProcessImage image) {
        if (unit != unitId) {
            return null;
        }
        if (dropping) {
            dropping = false;
            return null;
        }
        return image;
    }

    private void heard(ModbusRequest request) {
        var at = Instant.now();
        var bytes = new ByteArrayOutputStream();
        try {
            request.writeTo(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var body = bytes.toByteArray();
        var crc = ModbusUtil.calculateCRC(body, 0, body.length);
        var frame = Arrays.copyOf(body, body.length + 2);
        frame[body.length] = (byte) crc[0];
        frame[body.length + 1] = (byte) crc[1];
        synchronized (this) {
            frames.add(new Frame(at, frame));
        }
        dropping = !answering;
    }

    private void readA0() {
        var serial = port;
        if (serial == null) {
            return;
        }
        var command = new byte[4];
        int filled = 0;
        long firstByteAt = 0;
        var one = new byte[1];
        while (running) {
            int read = serial.readBytes(one, 1);
            if (read < 0 && !running) {
                return;
            }
            if (read != 1) {
                // A command cut short (a board reads 4 bytes in a row): record what came and start over.
                if (filled > 0 && System.nanoTime() - firstByteAt > TimeUnit.MILLISECONDS.toNanos(200)) {
                    record(Arrays.copyOf(command, filled));
                    filled = 0;
                }
                if (read < 0) {
                    sleep(10);
                }
                continue;
            }
            if (filled == 0) {
                firstByteAt = System.nanoTime();
                if (one[0] != A0) {
                    record(one.clone());
                    continue;
                }
            }
            command[filled++] = one[0];
            if (filled == 4) {
                record(command.clone());
                filled = 0;
            }
        }
    }

    private void record(byte[] bytes) {
        var at = Instant.now();
        synchronized (this) {
            frames.add(new Frame(at, bytes));
            if (answering && bytes.length == 4 && bytes[0] == A0
                    && (byte) ((0xA0 + (bytes[1] & 0xFF) + (bytes[2] & 0xFF)) & 0xFF) == bytes[3]
                    && (bytes[2] == 0 || bytes[2] == 1)) {
                int coil = (bytes[1] & 0xFF) - 1;
                if (coil >= 0 && coil < coils.length) {
                    set(coil, bytes[2] == 1);
                }
            }
        }
    }

    private synchronized void set(int coil, boolean on) {
        var held = stuck.get(coil);
        change(coil, held == null ? on : held);
    }

    private synchronized void change(int coil, boolean on) {
        if (coils[coil] != on) {
            coils[coil] = on;
            changes.add(new CoilChange(Instant.now(), coil, on));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One coil of the Modbus process image, kept in the board's own array. */
    private final class Coil implements DigitalOut {

        private final int index;

        Coil(int index) {
            this.index = index;
        }

        @Override
        public boolean isSet() {
            return coil(index);
        }

        @Override
        public void set(boolean on) {
            FakeRelayBoard.this.set(index, on);
        }
    }
}
