package vn.loaxa.playout;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.LoaXaApplication;
import vn.loaxa.testing.Api;

/**
 * The station as a real operating-system process (the test runtime classpath, the running java
 * binary), with its own data folder and port, so a test can kill -9 it and start it again as a
 * power cut and a reboot would. It inherits PULSE_SERVER, so it plays into the virtual card.
 */
final class StationProcess implements AutoCloseable {

    static final String PASSWORD = "restart-test-password";
    static final ZoneId STATION_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path home;
    private final Path dataDir;
    private final List<String> properties;
    private final int port;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Process process;
    private int starts;
    private String heap = "384m";

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

    /**
     * Sets an environment variable of the station's next starts, on top of those it inherits (e.g.
     * LD_PRELOAD to run it on a faked clock).
     */
    StationProcess environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The station's largest heap ({@code -Xmx}) from its next start, e.g. smaller than an upload. */
    StationProcess heap(String max) {
        this.heap = max;
        return this;
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
                var status = api.get("/api/status", "admin", PASSWORD);
                if (status.statusCode() == 200) {
                    return Duration.between(began, Instant.now());
                }
                // A new station's admin must change the password first; these tests keep using it.
                vn.loaxa.testing.InitialPassword.keep(api, status, "admin", PASSWORD);
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
        var command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:TieredStopAtLevel=1",
                // As the service runs it (packaging/loaxa.jvmopts): the bean definitions the build
                // prepared ahead of time, in target/classes (decision 0036).
                "-Dspring.aot.enabled=true",
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
        builder.environment().putAll(environment);
        builder.environment().put("LOAXA_ADMIN_PASSWORD", PASSWORD);
        process = builder.start();
    }

    /** kill -9: no shutdown hook, no END row, nothing flushed that was not already on disk. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** A clean stop (SIGTERM, as systemd or a shutdown sends): shutdown hooks run. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
            throw new IllegalStateException("the station did not stop within 30 s; see " + log());
        }
    }

    Api api() {
        return new Api(port);
    }

    /** The operating-system process id, for kill -STOP and kill -CONT. */
    long pid() {
        return process.pid();
    }

    JsonMapper json() {
        return JSON;
    }

    /**
     * Adds an account straight into the station's database, as a technician would with the sqlite3
     * shell (the API creates no users): for tests that sign in to the web UI, where the first admin
     * must first change its password.
     */
    void addUser(String username, String password, String role) throws Exception {
        var hash = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(password);
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("loaxa.db")
                + "?busy_timeout=10000")) {
            db.createStatement().execute("BEGIN IMMEDIATE");
            try (var user = db.prepareStatement("INSERT INTO app_user (username, display_name, password_hash, "
                    + "must_change_password, created_at) VALUES (?, ?, ?, 0, ?)")) {
                user.setString(1, username);
                user.setString(2, username);
                user.setString(3, hash);
                user.setString(4, Instant.now().toString());
                user.executeUpdate();
            }
            try (var roles = db.prepareStatement(
                    "INSERT INTO app_user_role (user_id, role) SELECT id, ? FROM app_user WHERE username = ?")) {
                roles.setString(1, role);
                roles.setString(2, username);
                roles.executeUpdate();
            }
            db.createStatement().execute("COMMIT");
        }
    }

    int port() {
        return port;
    }

    /** Uploads a sine of {@code hz} as a WAV and returns its asset id. */
    long uploadTone(String title, double hz, double seconds) throws Exception {
        var file = Tones.wav(home, title.hashCode() + "-" + (int) hz + "-" + seconds, hz, seconds);
        var response = api().upload("/api/library", "admin", PASSWORD, title + ".wav", Files.readAllBytes(file), title,
                null);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new AssertionError("upload refused: " + response.statusCode() + " " + response.body());
        }
        return ((Number) JSON.readValue(response.body(), Map.class).get("id")).longValue();
    }

    /** Stores a one-off broadcast of {@code assets} at {@code at}; returns its key. */
    String scheduleOneOff(Instant at, List<Long> assets) throws Exception {
        var ids = String.join(", ", assets.stream().map(String::valueOf).toList());
        var response = api().postJson("/api/broadcasts", "admin", PASSWORD, """
                {"startsAt": "%s", "assetIds": [%s], "villageIds": [1, 2]}""".formatted(at, ids), null);
        if (response.statusCode() != 201) {
            throw new AssertionError("one-off refused: " + response.statusCode() + " " + response.body());
        }
        return (String) JSON.readValue(response.body(), Map.class).get("key");
    }

    /** The broadcast's row from /api/airlog once it has an outcome. */
    @SuppressWarnings("unchecked")
    Map<String, Object> awaitBroadcast(String key, Duration timeout) throws Exception {
        var today = LocalDate.now(STATION_ZONE);
        var deadline = Instant.now().plus(timeout);
        List<Map<String, Object>> rows = List.of();
        while (Instant.now().isBefore(deadline)) {
            var response = api().get("/api/airlog?size=1000&from=" + today.minusDays(1) + "&to=" + today.plusDays(1),
                    "admin", PASSWORD);
            if (response.statusCode() == 200) {
                rows = (List<Map<String, Object>>) JSON.readValue(response.body(), Map.class).get("rows");
                var row = rows.stream().filter(r -> key.equals(r.get("occurrenceKey")) && r.get("outcome") != null)
                        .findFirst();
                if (row.isPresent()) {
                    return row.get();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no outcome for " + key + " within " + timeout + "; log: " + rows + "\n" + logText());
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
