package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * "Dừng phát" and "Bỏ qua mục này" through the API on the running station, recorded from the
 * virtual sound card: what the loudspeakers would have said really stops (faded, within the fade
 * and the line's queue) and, after a skip, the next item really follows.
 */
@RequiresSoundCard
class OnAirSoundCardTest extends SpringTest {

    @RegisterExtension
    static final RecordedCard card = new RecordedCard();

    @LocalServerPort
    int port;
    @Autowired
    LibraryService library;
    @Autowired
    AirLogService airLog;
    @Autowired
    PlayoutTiming timing;
    @Autowired
    PlayoutEngine engine;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path tmp;

    @Test
    void a_stop_silences_the_sound_card_within_the_fade_and_the_log_names_who_stopped_it() throws Exception {
        var tone = asset("Bản tin 440 Hz", 440, 8);
        var planned = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        var key = schedule(planned, tone);
        sleepUntil(planned.plusSeconds(2));

        var pressed = Instant.now();
        var response = new Api(port).postJson("/api/onair/stop?key=" + key, "admin", ADMIN_PASSWORD, "{}", "vi");
        var answered = Instant.now();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var end = awaitEnd(key);
        assertThat(end.get("outcome")).isEqualTo("STOPPED");
        assertThat(end.get("triggered_by")).isEqualTo("admin");

        card.recorder().awaitTime(planned.plusSeconds(9), Duration.ofSeconds(15));
        long from = card.recorder().frameAt(planned.minusMillis(500));
        long last = card.recorder().lastNonSilentFrame(from, card.recorder().frameAt(planned.plusSeconds(9))).orElseThrow();
        var silentAt = card.recorder().timeOfFrame(last);
        long afterAnswer = Duration.between(answered, silentAt).toMillis();
        System.out.printf("stop: silent %d ms after the answer (%d ms after the press)%n", afterAnswer,
                Duration.between(pressed, silentAt).toMillis());
        // The fade and what the line had queued, then the sound server's own buffer; loose for a busy machine.
        assertThat(afterAnswer).as("ms from the answer to silence")
                .isLessThan(timing.fadeOut().plus(timing.lineBuffer()).toMillis() + 700);
        assertThat(Duration.between(planned, silentAt).toMillis()).as("it played until the stop")
                .isBetween(1_800L, 4_000L);
        var timeline = Tones.timeline(card.recorder(), from, card.recorder().frameAt(planned.plusSeconds(8)), 440);
        assertThat(Tones.seconds(timeline, 0)).as("s of the tone heard").isLessThan(4.5);
        // Faded, not chopped: the last 100 ms before silence get quieter.
        long fadeFrames = timing.fadeOut().toMillis() * card.recorder().format().sampleRate() / 1000;
        assertThat(peak(last - fadeFrames / 3, (int) (fadeFrames / 3))).as("the fade's tail")
                .isLessThan(peak(last - fadeFrames - 4_410, 4_410) / 2);
        assertThat(engine.onAir()).isEmpty();
        assertThat(airLog.verify().intact()).isTrue();
    }

    @Test
    void a_skip_cuts_the_item_on_the_sound_card_and_the_next_item_is_heard_whole() throws Exception {
        var first = asset("Bản tin dài 440 Hz", 440, 6);
        var second = asset("Bản tin sau 1000 Hz", 1_000, 1.5);
        var planned = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        var key = schedule(planned, first, second);
        sleepUntil(planned.plusMillis(1_500));

        var response = new Api(port).postJson("/api/onair/skip?key=" + key + "&item=0", "admin", ADMIN_PASSWORD,
                "{}", "vi");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var end = awaitEnd(key);
        assertThat(end.get("outcome")).isEqualTo("COMPLETED");
        var items = jdbc.sql("SELECT outcome, triggered_by FROM air_log WHERE kind = 'ITEM' AND occurrence_key = ?"
                + " ORDER BY seq").param(key).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list();
        assertThat(items).containsExactly("SKIPPED admin", "COMPLETED null");

        card.recorder().awaitTime(planned.plusSeconds(5), Duration.ofSeconds(10));
        var timeline = Tones.timeline(card.recorder(), card.recorder().frameAt(planned.minusMillis(500)),
                card.recorder().frameAt(planned.plusSeconds(5)), 440, 1_000);
        assertThat(Tones.seconds(timeline, 0)).as("s of the skipped item").isBetween(1.3, 3.0);
        assertThat(Tones.seconds(timeline, 1)).as("the next item whole").isBetween(1.3, 1.7);
        int switchAt = -1;
        for (int i = 0; i < timeline.length && switchAt < 0; i++) {
            switchAt = timeline[i] == 1 ? i : -1;
        }
        int after440 = 0;
        for (int i = switchAt; i < timeline.length; i++) {
            after440 += timeline[i] == 0 ? 1 : 0;
        }
        assertThat(after440).as("the skipped item never comes back").isZero();
    }

    private double peak(long from, int count) {
        double peak = 0;
        for (short s : card.recorder().samples(from, count)) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }

    private AudioAsset asset(String title, double hz, double seconds) throws Exception {
        var file = Tones.wav(tmp, "t" + System.nanoTime(), hz, seconds);
        try (InputStream in = Files.newInputStream(file)) {
            return RunAs.call("test", "ADMIN", () -> library.importFile(in, title + ".wav", title, "test")).asset();
        }
    }

    private String schedule(Instant startsAt, AudioAsset... assets) throws Exception {
        var ids = String.join(", ", java.util.Arrays.stream(assets).map(a -> String.valueOf(a.id())).toList());
        var response = new Api(port).postJson("/api/broadcasts", "admin", ADMIN_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%s], "villageIds": [1]}""".formatted(startsAt, ids), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        var json = (Map<String, Object>) tools.jackson.databind.json.JsonMapper.builder().build()
                .readValue(response.body(), Map.class);
        return (String) json.get("key");
    }

    private Map<String, Object> awaitEnd(String key) throws InterruptedException {
        var deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            airLog.flush(Duration.ofSeconds(5));
            var end = jdbc.sql("SELECT * FROM air_log WHERE kind = 'END' AND occurrence_key = ?").param(key).query()
                    .listOfRows();
            if (!end.isEmpty()) {
                return end.getFirst();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no END row for " + key);
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
