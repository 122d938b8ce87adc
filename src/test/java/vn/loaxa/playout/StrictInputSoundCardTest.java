package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.RequiresSoundCard;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

/**
 * The request that once stopped the station (issue: 600,000 asset ids with a start in 2031, sent just
 * before a broadcast is due, took 26 s and the broadcast was neither played nor logged), and a
 * 100,000-character title, sent again and again around the instant a broadcast is due: each is
 * refused in well under a second, nothing of them is stored, and the broadcast plays on its instant,
 * whole, and is logged. Measured on the recording of the virtual sound card.
 */
@RequiresSoundCard
class StrictInputSoundCardTest extends SpringTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static FifoRecorder recorder;

    @LocalServerPort
    int port;
    @Autowired
    LibraryService library;
    @Autowired
    AirLogService airLog;
    @Autowired
    OneOffService oneOffs;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path tmp;

    @BeforeAll
    static void startRecorder() throws IOException {
        recorder = FifoRecorder.startFromEnvironment();
    }

    @AfterAll
    static void stopRecorder() throws IOException {
        if (recorder != null) {
            recorder.close();
        }
    }

    private record Answer(String what, int status, String code, long ms, String detail) {
    }

    @Test
    void oversized_requests_around_a_due_broadcast_are_refused_fast_and_it_plays_on_time_and_is_logged()
            throws Exception {
        var tone = asset("Bản tin đúng giờ 880 Hz", 880, 2.0);
        var api = new Api(port);
        var planned = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
        var scheduled = api.postJson("/api/broadcasts", "admin", ADMIN_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": [1]}""".formatted(planned, tone.id()), null);
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        var key = (String) json(scheduled.body()).get("key");

        // 2031, as in the report: within five years, so only the list's length can refuse it.
        var in2031 = "2031-03-02T08:00:00+07:00";
        var id = Long.toString(tone.id());
        var sixHundredThousand = "{\"startsAt\": \"" + in2031 + "\", \"assetIds\": ["
                + IntStream.range(0, 600_000).mapToObj(i -> id).collect(Collectors.joining(",")) + "], \"villageIds\": [1]}";
        // Just under the body limit (about 240 KB): read, then refused by the list's bound.
        var manyIds = "{\"startsAt\": \"" + in2031 + "\", \"assetIds\": ["
                + IntStream.range(0, 120_000).mapToObj(i -> "7").collect(Collectors.joining(",")) + "], \"villageIds\": [1]}";
        var longTitle = "{\"title\": \"" + "Thông báo ".repeat(10_000) + "\", \"startsAt\": \"" + in2031
                + "\", \"assetIds\": [" + id + "], \"villageIds\": [1]}";

        // A station that has been running has read JSON lists before; the first one in a fresh JVM is
        // slow for reasons of its own (classes loading, code not yet compiled), so that is not timed.
        send(api, "warm-up", manyIds);
        send(api, "warm-up", longTitle);
        var answers = new ArrayList<Answer>();
        sleepUntil(planned.minusSeconds(3));
        // From 3 s before the instant (the engine is priming the line) to 2 s after it (playing).
        while (Instant.now().isBefore(planned.plusSeconds(2))) {
            answers.add(send(api, "600,000 ids", sixHundredThousand));
            answers.add(send(api, "120,000 ids", manyIds));
            answers.add(send(api, "100,000-character title", longTitle));
        }

        var end = awaitEnd(key, Duration.ofSeconds(15));
        recorder.awaitTime(planned.plusSeconds(3), Duration.ofSeconds(5));
        long first = recorder.firstNonSilentFrameAfter(planned.minusSeconds(1)).orElseThrow();
        double errorMs = Duration.between(planned, recorder.timeOfFrame(first)).toNanos() / 1e6;
        long slowest = answers.stream().mapToLong(Answer::ms).max().orElseThrow();
        System.out.printf("%d oversized requests around the instant, slowest answered in %d ms (%s); the "
                + "broadcast's first sample %.1f ms from its instant%n", answers.size(), slowest, answers.stream()
                .map(a -> a.what() + " " + a.ms() + " ms").collect(Collectors.joining(", ")), errorMs);

        assertThat(answers).hasSizeGreaterThanOrEqualTo(3);
        assertThat(answers).filteredOn(a -> a.what().equals("600,000 ids"))
                .allSatisfy(a -> assertThat(a.status() + " " + a.code()).isEqualTo("413 TOO_LARGE"));
        assertThat(answers).filteredOn(a -> a.what().equals("120,000 ids"))
                .allSatisfy(a -> assertThat(a.status() + " " + a.code()).isEqualTo("400 TOO_MANY"));
        assertThat(answers).filteredOn(a -> a.what().equals("100,000-character title"))
                .allSatisfy(a -> assertThat(a.status() + " " + a.code()).isEqualTo("400 TOO_LONG"));
        assertThat(answers).allSatisfy(a -> assertThat(a.ms()).as(a.what() + " answered in ms").isLessThan(1_000));

        assertThat(end.get("outcome")).isEqualTo("COMPLETED");
        var start = jdbc.sql("SELECT * FROM air_log WHERE kind = 'START' AND occurrence_key = ?").param(key)
                .query().listOfRows();
        assertThat(start).hasSize(1);
        assertThat(((Number) start.getFirst().get("planned_start_ms")).longValue()).isEqualTo(planned.toEpochMilli());
        assertThat(Math.abs(errorMs)).as("ms between the planned instant and the first sample").isLessThan(150);
        var played = jdbc.sql("SELECT actual_ms FROM air_log WHERE kind = 'ITEM' AND occurrence_key = ?").param(key)
                .query(Long.class).single();
        assertThat(played).isBetween(1_950L, 2_050L);
        assertThat(airLog.verify().intact()).isTrue();

        // Nothing of the refused requests was stored, and everyone can still use the station.
        var year2031 = OffsetDateTime.parse(in2031).toInstant();
        assertThat(oneOffs.findBetween(year2031.minusSeconds(1), year2031.plusSeconds(1))).isEmpty();
        assertThat(api.get("/api/status", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    private static Answer send(Api api, String what, String body) throws Exception {
        long started = System.nanoTime();
        var response = api.postJson("/api/broadcasts", "admin", ADMIN_PASSWORD, body, null);
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.body()).doesNotContain("java.", "vn.loaxa", "Exception", "org.springframework");
        var answer = json(response.body());
        return new Answer(what, response.statusCode(), String.valueOf(answer.get("code")), ms,
                String.valueOf(answer.get("detail")));
    }

    private AudioAsset asset(String title, double hz, double seconds) throws Exception {
        var file = Tones.wav(tmp, "t" + System.nanoTime(), hz, seconds);
        try (InputStream in = Files.newInputStream(file)) {
            return RunAs.call("test", "ADMIN", () -> library.importFile(in, title + ".wav", title, "test")).asset();
        }
    }

    private Map<String, Object> awaitEnd(String key, Duration timeout) throws InterruptedException {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> end = jdbc.sql("SELECT * FROM air_log WHERE kind = 'END' AND occurrence_key = ?")
                    .param(key).query().listOfRows();
            if (!end.isEmpty()) {
                return end.getFirst();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no END row for " + key + " within " + timeout);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return JSON.readValue(body, Map.class);
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
