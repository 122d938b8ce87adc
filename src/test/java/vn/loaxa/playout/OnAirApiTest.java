package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.loaxa.airlog.AirLogRecords.Query;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.audio.output.SimulatedLine;
import vn.loaxa.audio.output.SimulatedPort;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.base.StationProperties;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

/**
 * {@code POST /api/onair/stop} and {@code /skip} through HTTP on the running station (Quartz, the
 * engine, the air log in its SQLite file), its output a simulated line paced by the real clock
 * that keeps every sample: who may, what a caller is told when nothing is on air, the audit rows,
 * and people pressing stop together while others read and another program holds the database.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OnAirApiTest extends SpringTest {

    @DynamicPropertySource
    static void ownStation(DynamicPropertyRegistry registry) {
        registry.add(OWN_DATA_DIR, () -> ROOT.resolve("data-onair-api").toString());
        registry.add(OWN_AUDIO_DIR, () -> ROOT.resolve("audio-onair-api").toString());
    }

    @TestConfiguration
    static class SimulatedOutput {
        @Bean
        @Primary
        SimulatedPort simulatedPort() {
            return new SimulatedPort(SimulatedLine.REAL_TIME);
        }
    }

    private static final short FIRST = 3_000;
    private static final short SECOND = 6_000;
    private static final int RATE = 44_100;
    private static final String PASSWORD = "On-air-test-2026-x";

    @LocalServerPort
    int port;
    @Autowired
    SimulatedPort lines;
    @Autowired
    LibraryService library;
    @Autowired
    OneOffService oneOffs;
    @Autowired
    VillageService villages;
    @Autowired
    UserService users;
    @Autowired
    PlayoutEngine engine;
    @Autowired
    PlayoutTiming timing;
    @Autowired
    AirLogService airLog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StationProperties station;
    @TempDir
    Path tmp;
    Api api;

    @BeforeEach
    void people() {
        api = new Api(port);
        for (var role : Role.values()) {
            var name = "onair-" + role.name().toLowerCase();
            if (users.find(name).isEmpty()) {
                RunAs.run("admin", "ADMIN", () -> users.create(name, name, PASSWORD, EnumSet.of(role), false));
            }
        }
    }

    @Test
    void who_may_stop_and_skip_and_what_a_caller_is_told_when_nothing_is_on_air() throws Exception {
        awaitIdle();
        var nothing = post("/api/onair/stop", Role.OPERATOR);
        assertThat(nothing.statusCode()).isEqualTo(409);
        assertThat(nothing.body()).contains("NOTHING_ON_AIR").contains("Không có chương trình nào đang phát");
        assertThat(post("/api/onair/skip", Role.APPROVER).statusCode()).isEqualTo(409);
        assertThat(post("/api/onair/stop", Role.REPORTER).statusCode()).as("a reporter reads, never cuts")
                .isEqualTo(403);

        var key = onAirSoon("Hai bản tin qua API", asset(FIRST, 20), asset(SECOND, 3));
        var shown = awaitOnAir(key);
        assertThat(post("/api/onair/skip", Role.REPORTER).statusCode()).isEqualTo(403);
        var wrongKey = post("/api/onair/stop?key=O999999", Role.OPERATOR);
        assertThat(wrongKey.statusCode()).isEqualTo(409);
        assertThat(wrongKey.body()).contains("ON_AIR_CHANGED");
        var skipped = post("/api/onair/skip?key=" + key + "&item=" + shown.now().itemIndex(), Role.APPROVER);
        assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(200);
        assertThat(skipped.body()).contains("\"item\":0");
        awaitItem(key, 1);
        var stopped = post("/api/onair/stop?key=" + key, Role.OPERATOR);
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        var end = awaitEnd(key);

        assertThat(end.get("outcome")).isEqualTo("STOPPED");
        assertThat(end.get("triggered_by")).isEqualTo("onair-operator");
        var items = jdbc.sql("SELECT outcome, triggered_by FROM air_log WHERE kind = 'ITEM' AND occurrence_key = ?"
                + " ORDER BY seq").param(key).query().listOfRows();
        assertThat(items).extracting(r -> r.get("outcome") + " " + r.get("triggered_by"))
                .containsExactly("SKIPPED onair-approver", "STOPPED onair-operator");
        var audit = jdbc.sql("SELECT actor, action, via, target_id FROM audit_log WHERE action LIKE 'ON_AIR_%'"
                + " AND target_id = ? ORDER BY seq").param(key).query().listOfRows();
        assertThat(audit).extracting(r -> r.get("actor") + " " + r.get("action") + " " + r.get("via"))
                .containsExactly("onair-approver ON_AIR_ITEM_SKIPPED API", "onair-operator ON_AIR_STOPPED API");
        var english = api.postJson("/api/onair/stop", "onair-admin", PASSWORD, "{}", "en");
        assertThat(english.statusCode()).isEqualTo(409);
        assertThat(english.body()).contains("Nothing is on air");
    }

    @Test
    void people_pressing_stop_together_while_others_read_and_the_database_is_held_stop_it_once_at_once()
            throws Exception {
        awaitIdle();
        var key = onAirSoon("Bản tin nhiều người dừng", asset(FIRST, 20));
        awaitOnAir(key);
        var line = lines.lines().getLast();
        var answers = new ConcurrentLinkedQueue<String>();
        var reads = new AtomicInteger();
        var readFailures = new ConcurrentLinkedQueue<String>();
        var reading = new AtomicBoolean(true);
        var go = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(10);
        long stoppedAtNanos;
        long releasedAtNanos;
        // Another program (a backup tool, a stuck editor) holds the database's write lock throughout.
        try (var other = DriverManager.getConnection("jdbc:sqlite:" + station.databaseFile().toAbsolutePath())) {
            other.createStatement().execute("BEGIN IMMEDIATE");
            try {
                var futures = new ArrayList<Future<?>>();
                for (var role : List.of(Role.ADMIN, Role.OPERATOR, Role.APPROVER, Role.OPERATOR, Role.ADMIN)) {
                    futures.add(pool.submit(() -> {
                        go.await();
                        var r = post("/api/onair/stop", role);
                        answers.add(r.statusCode() + " " + (r.statusCode() == 200 ? "" : r.body()));
                        return null;
                    }));
                }
                for (int i = 0; i < 4; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> {
                        go.await();
                        while (reading.get()) {
                            try {
                                // What the dashboard and the now-playing bar read every second, and the air log view.
                                engine.onAir();
                                if (n == 0) {
                                    // A signed-in reader over HTTP, at a person's pace (each call checks a password).
                                    var status = api.get("/api/status", "onair-reporter", PASSWORD);
                                    if (status.statusCode() != 200) {
                                        readFailures.add("status " + status.statusCode());
                                    }
                                    Thread.sleep(200);
                                } else {
                                    airLog.query(new Query(Instant.EPOCH, Instant.now().plusSeconds(60), null, null,
                                            null, 0, 20));
                                    Thread.sleep(20);
                                }
                                reads.incrementAndGet();
                            } catch (RuntimeException e) {
                                readFailures.add(e.toString());
                            }
                        }
                        return null;
                    }));
                }
                long pressed = System.nanoTime();
                go.countDown();
                for (var f : futures.subList(0, 5)) {
                    f.get();
                }
                // Silent within the fade and the line's queue (loose: a busy machine's threads), not after the lock.
                long limit = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (System.nanoTime() < limit && line.nanosOfFrame(line.lastSoundingFrame()) > System.nanoTime()) {
                    Thread.sleep(20);
                }
                Thread.sleep(timing.fadeOut().plus(timing.lineBuffer()).toMillis() + 200);
                stoppedAtNanos = line.nanosOfFrame(line.lastSoundingFrame());
                // Loose: five password checks at once on a shared machine come first; the engine then needs the fade.
                assertThat((stoppedAtNanos - pressed) / 1_000_000).as("ms from the presses to silence")
                        .isLessThan(timing.fadeOut().plus(timing.lineBuffer()).toMillis() + 5_000);
                reading.set(false);
                for (var f : futures) {
                    f.get();
                }
            } finally {
                reading.set(false);
                releasedAtNanos = System.nanoTime();
                other.createStatement().execute("ROLLBACK");
                pool.shutdownNow();
            }
        }
        assertThat(stoppedAtNanos).as("the stop did not wait for the database").isLessThan(releasedAtNanos);
        assertThat(answers).hasSize(5);
        assertThat(answers.stream().filter(a -> a.startsWith("200"))).as(answers.toString()).hasSize(1);
        assertThat(answers.stream().filter(a -> !a.startsWith("200")))
                .allMatch(a -> a.startsWith("409") && (a.contains("ALREADY_STOPPING") || a.contains("NOTHING_ON_AIR"))
                        || a.startsWith("503"));
        assertThat(reads.get()).as("the reads went on").isGreaterThan(4);
        assertThat(readFailures).isEmpty();
        var end = awaitEnd(key);
        assertThat(end.get("outcome")).isEqualTo("STOPPED");
        assertThat(line.framesOf(FIRST)).as("stopped long before its 20 s").isLessThan(15L * RATE);
        assertThat(airLog.verify().intact()).isTrue();
    }

    private HttpResponse<String> post(String path, Role role) throws Exception {
        return api.postJson(path, "onair-" + role.name().toLowerCase(), PASSWORD, "{}", "vi");
    }

    private String onAirSoon(String title, AudioAsset... assets) {
        var village = villages.findAll().stream().filter(v -> v.enabled()).findFirst().orElseThrow().id();
        var at = Instant.now().plusSeconds(3);
        var oneOff = RunAs.run("admin", "ADMIN", () -> oneOffs.schedule(title, at,
                Arrays.stream(assets).map(AudioAsset::id).toList(), List.of(village), Priority.NORMAL, null));
        return "O" + oneOff.id();
    }

    private OnAir awaitOnAir(String key) throws InterruptedException {
        long limit = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < limit) {
            var onAir = engine.onAir().orElse(null);
            if (onAir != null && onAir.key().equals(key) && onAir.now() != null && onAir.programmeItem() >= 0) {
                Thread.sleep(500);
                return engine.onAir().orElseThrow();
            }
            Thread.sleep(20);
        }
        throw new AssertionError(key + " never went on air: "
                + jdbc.sql("SELECT kind, outcome, reason FROM air_log WHERE occurrence_key = ?").param(key).query()
                .listOfRows());
    }

    private void awaitItem(String key, int item) throws InterruptedException {
        long limit = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < limit) {
            var onAir = engine.onAir().orElse(null);
            if (onAir != null && onAir.key().equals(key) && onAir.programmeItem() == item) {
                Thread.sleep(300);
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("item " + item + " of " + key + " never played");
    }

    private void awaitIdle() throws InterruptedException {
        long limit = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (engine.onAir().isPresent() && System.nanoTime() < limit) {
            Thread.sleep(50);
        }
        assertThat(engine.onAir()).isEmpty();
    }

    private Map<String, Object> awaitEnd(String key) throws InterruptedException {
        long limit = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < limit) {
            airLog.flush(Duration.ofSeconds(5));
            var rows = jdbc.sql("SELECT * FROM air_log WHERE kind = 'END' AND occurrence_key = ?").param(key).query()
                    .listOfRows();
            if (!rows.isEmpty()) {
                return rows.getFirst();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no END row for " + key);
    }

    private AudioAsset asset(short value, int seconds) throws Exception {
        short[] samples = new short[RATE * seconds];
        Arrays.fill(samples, value);
        var file = Wavs.write16(tmp.resolve("dc" + value + "-" + seconds + "-" + System.nanoTime() + ".wav"), RATE, 1,
                samples);
        try (InputStream in = Files.newInputStream(file)) {
            return RunAs.call("admin", "ADMIN", () -> library.importFile(in, "dc" + value + ".wav",
                    "Tín hiệu " + value + " " + System.nanoTime(), "test")).asset();
        }
    }
}
