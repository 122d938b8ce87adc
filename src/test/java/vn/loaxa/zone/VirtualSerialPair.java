package vn.loaxa.zone;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * Two pseudo-terminals joined by socat, standing in for a USB serial cable: the station's driver
 * opens {@link #station()}, a {@link FakeRelayBoard} opens {@link #board()}. Both are stable links in
 * a directory, like the {@code /dev/serial/by-id} names a technician configures, so that
 * {@link #unplug()} and {@link #plugBackIn()} can swap the devices behind them as a USB replug does.
 *
 * <p>Without socat the test is skipped on a developer machine and fails under {@code CI=true}, where
 * a skip would hide that the relay board drivers were never exercised.
 */
final class VirtualSerialPair implements AutoCloseable {

    private static final long START_TIMEOUT_MS = 5_000;

    private final Path dir;
    private final Path station;
    private final Path board;
    private @Nullable Process socat;

    private VirtualSerialPair(Path dir) {
        this.dir = dir;
        this.station = dir.resolve("station");
        this.board = dir.resolve("board");
    }

    /** Starts socat with its links in {@code dir}; skips or fails the test when socat is missing. */
    static VirtualSerialPair start(Path dir) throws IOException, InterruptedException {
        var why = socatMissing();
        if (why != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true but " + why + " (.ci/run installs it)");
            }
            Assumptions.abort("Skipped: " + why + "; install socat to run the relay board tests");
        }
        var pair = new VirtualSerialPair(dir);
        pair.plugBackIn();
        return pair;
    }

    /** The station's end, for the driver's settings. */
    Path station() {
        return station;
    }

    /** The board's end, for the fake board. */
    Path board() {
        return board;
    }

    /** The station's end as a port name. */
    String stationPort() {
        return station.toString();
    }

    /** Ends socat: both devices vanish, the links with them, and open handles see a hang-up. */
    void unplug() throws InterruptedException {
        var process = socat;
        socat = null;
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        // socat removes its links on a clean exit; a killed one leaves them dangling.
        try {
            Files.deleteIfExists(station);
            Files.deleteIfExists(board);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts socat (again): new devices behind the same links. */
    void plugBackIn() throws IOException, InterruptedException {
        if (socat != null) {
            throw new IllegalStateException("already plugged in");
        }
        Files.createDirectories(dir);
        var log = dir.resolve("socat.log");
        var process = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + station, "pty,raw,echo=0,link=" + board)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        socat = process;
        var deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (!(Files.exists(station) && Files.exists(board))) {
            if (!process.isAlive()) {
                socat = null;
                throw new IllegalStateException("socat exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                unplug();
                throw new IllegalStateException("socat made no links within " + START_TIMEOUT_MS + " ms: "
                        + Files.readString(log));
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws InterruptedException {
        unplug();
    }

    private static @Nullable String socatMissing() {
        var path = System.getenv("PATH");
        if (path != null) {
            for (var entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "socat"))) {
                    return null;
                }
            }
        }
        return "socat is not installed (not found on PATH)";
    }
}
