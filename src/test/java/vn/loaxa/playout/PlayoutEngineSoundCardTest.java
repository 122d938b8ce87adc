package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.audio.testsupport.RecordedCard;
import vn.loaxa.audio.testsupport.RequiresSoundCard;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

/**
 * The engine in the running application, playing through the real player into the virtual sound
 * card: what is recorded is what the loudspeakers would have said. One-offs are scheduled through
 * the API, as an operator would.
 */
@RequiresSoundCard
class PlayoutEngineSoundCardTest extends SpringTest {

    @RegisterExtension
    static final RecordedCard card = new RecordedCard();

    @LocalServerPort
    int port;
    @Autowired
    LibraryService library;
    @Autowired
    AirLogService airLog;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path tmp;

    @Test
    void a_one_off_plays_on_its_instant_after_its_start_row_is_on_disk_and_completes() throws Exception {
        var tone = asset("Thông báo 660 Hz", 660, 1.5);
        var planned = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);

        var key = schedule(planned, tone);
        var end = awaitEnd(key, Duration.ofSeconds(15));

        card.recorder().awaitTime(planned.plusSeconds(2), Duration.ofSeconds(5));
        long first = card.recorder().firstNonSilentFrameAfter(planned.minusSeconds(1)).orElseThrow();
        var firstOut = card.recorder().timeOfFrame(first);
        double errorMs = Duration.between(planned, firstOut).toNanos() / 1e6;
        long startRecordedAt = ((Number) row(key, "START").get("recorded_at_ms")).longValue();
        System.out.printf("engine one-off: first sample %.1f ms after the planned instant; START row committed %d ms "
                + "before the first sample%n", errorMs, firstOut.toEpochMilli() - startRecordedAt);
        assertThat(Math.abs(errorMs)).isLessThan(150);
        assertThat(startRecordedAt).isLessThan(firstOut.toEpochMilli());
        assertThat(end.get("outcome")).isEqualTo("COMPLETED");
        var item = row(key, "ITEM");
        assertThat(item.get("outcome")).isEqualTo("COMPLETED");
        assertThat(item.get("asset_sha256")).isEqualTo(tone.sha256());
        assertThat(item.get("title")).isEqualTo("Thông báo 660 Hz");
        assertThat(((Number) item.get("actual_ms")).longValue()).isBetween(1_450L, 1_550L);
        assertThat(((Number) row(key, "START").get("planned_start_ms")).longValue()).isEqualTo(planned.toEpochMilli());
        assertThat(airLog.verify().intact()).isTrue();
    }

    /**
     * Five report downloads and a view can hold every connection web users share; the broadcast due
     * meanwhile must not need one. It once did: the player looked its file up on its own thread, waited
     * the web users' 5 s for a connection, and aired 5.8 s late.
     */
    @Test
    void a_one_off_starts_on_its_instant_while_web_users_hold_every_connection_they_share() throws Exception {
        var tone = asset("Thông báo giữa giờ cao điểm 620 Hz", 620, 1);
        var planned = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        var key = schedule(planned, tone);

        int pool = 6;
        var holding = new java.util.concurrent.CountDownLatch(pool);
        var release = new java.util.concurrent.CountDownLatch(1);
        var readOnly = new org.springframework.transaction.support.TransactionTemplate(
                transactions.getTransactionManager());
        readOnly.setReadOnly(true);
        var holders = new java.util.ArrayList<Thread>();
        for (int i = 0; i < pool; i++) {
            holders.add(Thread.ofPlatform().start(() -> readOnly.executeWithoutResult(status -> {
                jdbc.sql("SELECT COUNT(*) FROM air_log").query(Long.class).single();
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })));
        }
        try {
            assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS))
                    .as("every shared read connection taken").isTrue();
            sleepUntil(planned.plusSeconds(2));
        } finally {
            release.countDown();
            for (var holder : holders) {
                holder.join();
            }
        }

        var end = awaitEnd(key, Duration.ofSeconds(15));
        card.recorder().awaitTime(planned.plusSeconds(2), Duration.ofSeconds(5));
        var firstOut = card.recorder().timeOfFrame(card.recorder().firstNonSilentFrameAfter(planned.minusSeconds(1)).orElseThrow());
        double errorMs = Duration.between(planned, firstOut).toNanos() / 1e6;
        System.out.printf("one-off while web users held every shared connection: first sample %.1f ms after "
                + "its instant%n", errorMs);
        assertThat(end.get("outcome")).isEqualTo("COMPLETED");
        assertThat(Math.abs(errorMs)).as("ms from the instant to the first sample heard").isLessThan(150);
        long logged = ((Number) end.get("actual_start_ms")).longValue() - planned.toEpochMilli();
        assertThat(Math.abs(logged)).as("the logged start error, ms").isLessThan(150);
    }

    @Test
    void an_emergency_preempts_the_broadcast_on_air_and_plays_at_once() throws Exception {
        var programme = asset("Bản tin dài 440 Hz", 440, 8);
        var warning = asset("Cảnh báo bão 1000 Hz", 1_000, 1.5);
        var planned = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        var key = schedule(planned, programme);
        sleepUntil(planned.plusSeconds(2));

        var ordered = Instant.now();
        var response = api().postJson("/api/emergency", "admin", ADMIN_PASSWORD, """
                {"title": "Cảnh báo bão", "assetIds": [%d], "villageIds": [1, 2, 3], "reason": "Bão số 3 đổ bộ"}"""
                .formatted(warning.id()), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var emergencyKey = (String) json(response.body()).get("key");

        var preempted = awaitEnd(key, Duration.ofSeconds(10));
        var emergencyEnd = awaitEnd(emergencyKey, Duration.ofSeconds(15));
        assertThat(preempted.get("outcome")).isEqualTo("PREEMPTED");
        assertThat((String) preempted.get("reason")).contains(emergencyKey);
        assertThat(row(key, "ITEM").get("outcome")).isEqualTo("PREEMPTED");
        assertThat(emergencyEnd.get("outcome")).isEqualTo("COMPLETED");
        assertThat(row(emergencyKey, "START").get("trigger_kind")).isEqualTo("EMERGENCY");

        card.recorder().awaitTime(ordered.plusSeconds(4), Duration.ofSeconds(5));
        var timeline = Tones.timeline(card.recorder(), card.recorder().frameAt(planned.minusMillis(500)),
                card.recorder().frameAt(ordered.plusSeconds(4)), 440, 1_000);
        int switchAt = indexOf(timeline, 1);
        var heardAt = planned.minusMillis(500).plusMillis(switchAt * 50L);
        System.out.printf("emergency heard %d ms after it was ordered%n", Duration.between(ordered, heardAt).toMillis());
        assertThat(Tones.seconds(timeline, 0)).as("the programme played until the emergency").isBetween(1.5, 3.5);
        assertThat(Tones.seconds(timeline, 1)).as("the warning played whole").isBetween(1.3, 1.7);
        assertThat(Duration.between(ordered, heardAt)).isLessThan(Duration.ofSeconds(3));
        // A returning programme would sound for seconds; a single 50 ms window where the warning's
        // abrupt end leaks more into the 440 Hz bin than into its own is not the programme.
        int run = 0;
        int longestRun = 0;
        for (int i = switchAt; i < timeline.length; i++) {
            run = timeline[i] == 0 ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        assertThat(longestRun * 50).as("ms of the programme heard in one stretch after the warning").isLessThan(150);
    }

    @Test
    void an_unreadable_file_fails_its_item_the_rest_plays_and_the_next_broadcast_still_airs() throws Exception {
        var broken = asset("Tệp hỏng", 300, 1);
        var good = asset("Tệp tốt 770 Hz", 770, 1);
        var next = asset("Lượt sau 550 Hz", 550, 1);
        // Damaged on disk after import: the player finds out only when it opens it.
        Files.write(library.fileOf(broken), new byte[] {'R', 'I', 'F', 'F', 0, 1, 2, 3});
        var planned = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);

        var failing = schedule(planned, broken, good);
        var following = schedule(planned.plusSeconds(3), next);

        var failed = awaitEnd(failing, Duration.ofSeconds(15));
        var completed = awaitEnd(following, Duration.ofSeconds(15));
        assertThat(failed.get("outcome")).isEqualTo("FAILED");
        assertThat((String) failed.get("reason")).contains("Tệp hỏng");
        var items = jdbc.sql("SELECT title, outcome FROM air_log WHERE kind = 'ITEM' AND occurrence_key = ? ORDER BY seq")
                .param(failing).query((rs, n) -> rs.getString(1) + "=" + rs.getString(2)).list();
        assertThat(items).containsExactly("Tệp hỏng=FAILED", "Tệp tốt 770 Hz=COMPLETED");
        assertThat(completed.get("outcome")).isEqualTo("COMPLETED");

        card.recorder().awaitTime(planned.plusSeconds(5), Duration.ofSeconds(5));
        var timeline = Tones.timeline(card.recorder(), card.recorder().frameAt(planned.minusMillis(500)),
                card.recorder().frameAt(planned.plusSeconds(5)), 770, 550);
        assertThat(Tones.seconds(timeline, 0)).isBetween(0.85, 1.15);
        assertThat(Tones.seconds(timeline, 1)).isBetween(0.85, 1.15);

        var status = json(api().get("/api/status", "admin", ADMIN_PASSWORD).body());
        assertThat((List<Map<String, Object>>) status.get("alerts")).extracting(a -> a.get("code"))
                .contains("PLAYOUT_FAILED");
    }

    private AudioAsset asset(String title, double hz, double seconds) throws Exception {
        var file = Tones.wav(tmp, "t" + System.nanoTime(), hz, seconds);
        try (InputStream in = Files.newInputStream(file)) {
            return RunAs.call("test", "ADMIN", () -> library.importFile(in, title + ".wav", title, "test")).asset();
        }
    }

    private String schedule(Instant startsAt, AudioAsset... assets) throws Exception {
        var ids = String.join(", ", java.util.Arrays.stream(assets).map(a -> String.valueOf(a.id())).toList());
        var response = api().postJson("/api/broadcasts", "admin", ADMIN_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%s], "villageIds": [1]}""".formatted(startsAt, ids), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) json(response.body()).get("key");
    }

    private Map<String, Object> awaitEnd(String key, Duration timeout) throws InterruptedException {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var end = jdbc.sql("SELECT * FROM air_log WHERE kind = 'END' AND occurrence_key = ?").param(key)
                    .query().listOfRows();
            if (!end.isEmpty()) {
                return end.getFirst();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no END row for " + key + " within " + timeout + "; log: "
                + jdbc.sql("SELECT kind, outcome, reason FROM air_log WHERE occurrence_key = ?").param(key).query().listOfRows());
    }

    private Map<String, Object> row(String key, String kind) {
        return jdbc.sql("SELECT * FROM air_log WHERE kind = ? AND occurrence_key = ? ORDER BY seq").param(kind).param(key)
                .query().listOfRows().getFirst();
    }

    private Api api() {
        return new Api(port);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(body, Map.class);
    }

    private static int indexOf(int[] timeline, int tone) {
        for (int i = 0; i < timeline.length; i++) {
            if (timeline[i] == tone) {
                return i;
            }
        }
        throw new AssertionError("tone " + tone + " never heard");
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
