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
import vn.loaxa.audio.LoudnessGain;
import vn.loaxa.audio.testsupport.RecordedCard;
import vn.loaxa.audio.testsupport.RequiresSoundCard;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

/**
 * Loudness normalisation heard through the virtual sound card (decision 0034): a quiet bulletin and
 * a loud one, 18 dB apart as imported, come out of the card within 1 LU of each other, and each
 * item's air log row carries the gain the player applied.
 */
@RequiresSoundCard
class LoudnessSoundCardTest extends SpringTest {

    private static final int RATE = 44_100;
    private static final double SECONDS = 3.0;
    @RegisterExtension
    static final RecordedCard card = new RecordedCard();

    @LocalServerPort
    int port;
    @Autowired
    LibraryService library;
    @Autowired
    LoudnessSettings loudness;
    @Autowired
    AirLogService airLog;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path tmp;

    @Test
    void a_quiet_and_a_loud_item_come_out_within_one_lu_of_each_other() throws Exception {
        // The same frequency for both, so the K-weighting is the same and the RMS difference is the loudness one.
        var quiet = asset("Bản tin xã nhỏ tiếng", 0.1);
        var loud = asset("Bản tin huyện to tiếng", 0.8);
        assertThat(loud.loudnessLufs() - quiet.loudnessLufs()).as("measured at import").isBetween(17.0, 19.0);
        var planned = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);

        var response = new Api(port).postJson("/api/broadcasts", "admin", ADMIN_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d, %d], "villageIds": [1]}""".formatted(planned, quiet.id(),
                loud.id()), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var key = (String) tools.jackson.databind.json.JsonMapper.builder().build().readValue(response.body(), Map.class)
                .get("key");
        awaitEnd(key, Duration.ofSeconds(20));

        card.recorder().awaitTime(planned.plusSeconds(7), Duration.ofSeconds(5));
        long first = card.recorder().firstNonSilentFrameAfter(planned.minusSeconds(1)).orElseThrow();
        int rate = card.recorder().format().sampleRate();
        // The middle two seconds of each item: clear of the join and of the ends.
        double quietOut = rmsDb(first + rate / 2, 2 * rate);
        double loudOut = rmsDb(first + (long) (SECONDS * rate) + rate / 2, 2 * rate);
        System.out.printf("loudness: quiet item out at %.2f dBFS RMS, loud item at %.2f dBFS RMS (%.2f dB apart; "
                + "%.1f dB apart as imported)%n", quietOut, loudOut, loudOut - quietOut,
                loud.loudnessLufs() - quiet.loudnessLufs());
        assertThat(Math.abs(loudOut - quietOut)).as("LU between the two items as heard").isLessThanOrEqualTo(1.0);

        List<Long> gains = jdbc.sql("SELECT gain_cdb FROM air_log WHERE kind = 'ITEM' AND occurrence_key = ? ORDER BY seq")
                .param(key).query(Long.class).list();
        assertThat(gains).containsExactly(expectedCdb(quiet), expectedCdb(loud));
        assertThat(gains.get(0)).as("the quiet one lifted").isPositive();
        assertThat(gains.get(1)).as("the loud one lowered").isNegative();
        assertThat(airLog.verify().intact()).isTrue();
    }

    private long expectedCdb(AudioAsset a) {
        return Math.round(LoudnessGain.gainDb(a.loudnessLufs(), a.peakDbfs(), loudness.target(), loudness.ceiling())
                * 100);
    }

    private double rmsDb(long from, int frames) {
        var samples = card.recorder().samples(from, frames);
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return 10 * Math.log10(sum / samples.length / (32768.0 * 32768.0));
    }

    private AudioAsset asset(String title, double peak) throws Exception {
        var file = Wavs.write16(tmp.resolve("t" + System.nanoTime() + ".wav"), RATE, 1,
                Wavs.sine(RATE, 1, SECONDS, 500, peak));
        try (InputStream in = Files.newInputStream(file)) {
            return RunAs.call("test", "ADMIN", () -> library.importFile(in, title + ".wav", title, "test")).asset();
        }
    }

    private void awaitEnd(String key, Duration timeout) throws InterruptedException {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var outcome = jdbc.sql("SELECT outcome FROM air_log WHERE kind = 'END' AND occurrence_key = ?").param(key)
                    .query(String.class).optional();
            if (outcome.isPresent()) {
                assertThat(outcome.get()).isEqualTo("COMPLETED");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no END row for " + key + " within " + timeout);
    }
}
