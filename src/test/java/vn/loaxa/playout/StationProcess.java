package vn.loaxa.playout;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import vn.loaxa.LoaXaApplication;
import vn.loaxa.testing.Api;

/**
 * The station as a real operating-system process (the test runtime classpath, the running java
 * binary), with its own data folder and port, so a test can kill -9 it and start it again as a
 * power cut and a reboot would. It inherits PULSE_SERVER, so it plays into the virtual card.
 */
final class StationProcess implements AutoCloseable {

    static final String PASSWORD = "restart-test-password";

    private final Path home;
    private final Path dataDir;
    private final List<String> properties;
    private final int port;
    private Process process;
    private int starts;

    StationProcess(Path home, String... properties) throws IOException {
        this(home, home.resolve("data"), properties);
    }

    /** A station whose data folder is not under {@code home}: e.g. a second one on another's folder. */
    StationProcess(Path home, Path dataDir, String... properties) throws IOException {
        this.home = home;
        this.dataDir = dataDir;
        this.properties = List.of(properties);
        Files.createDirectories(home);
        try (var socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    /** Starts the station and returns once its API answers; the time that took. */
    Duration start() throws Exception {
        var began = Instant.now();
        launch();
        var api = api();
        var deadline = began.plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the station exited with " + process.exitValue() + "; see " + log());
            }
            try {
                if (api.get("/api/status", "admin", PASSWORD).statusCode() == 200) {
                    return Duration.between(began, Instant.now());
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the station did not answer within 90 s; see " + log());
    }

    /** Starts the station expecting it to give up on its own; its exit code. */
    int startAndAwaitExit(Duration timeout) throws Exception {
        launch();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            kill();
            throw new IllegalStateException("the station was still running after " + timeout + "; see " + log());
        }
        return process.exitValue();
    }

    private void launch() throws IOException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, LoaXaApplication.class.getName(),
                "--server.port=" + port,
                "--loaxa.station.data-dir=" + dataDir,
                "--loaxa.library.audio-dir=" + home.resolve("audio"),
                // These tests bring their own audio; the Gio Sơn first-start load would hold the
                // database while the test already uploads.
                "--loaxa.schedules.load-on-first-start=false"));
        properties.forEach(p -> command.add("--" + p));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("station-" + (++starts) + ".log").toFile()));
        builder.environment().put("LOAXA_ADMIN_PASSWORD", PASSWORD);
        process = builder.start();
    }

    long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook, no END row, nothing flushed that was not already on disk. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    Api api() {
        return new Api(port);
    }

    Path log() {
        return home.resolve("station-" + starts + ".log");
    }

    String logText() throws IOException {
        return Files.readString(log());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
