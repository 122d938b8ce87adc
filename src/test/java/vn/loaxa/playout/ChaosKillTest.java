package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.RequiresSoundCard;

/**
 * Power cuts at random instants: the station runs as its own process and is killed with kill -9
 * again and again while broadcasts of three items play, at random moments in an item, on item
 * boundaries (where ITEM and END rows are written) and as a broadcast's trigger fires (where START
 * is written), then started again on the same folder. The recording of the virtual card is the
 * independent witness: every stretch of sound must be an item the log knows (or the one item the
 * kill cut), no item may be logged as played whole twice, every planned broadcast must be accounted
 * for, and the chain must verify.
 *
 * <p>{@code -Dloaxa.chaos.broadcasts=N} sets how many broadcasts (the benchmark runs 100); the test
 * prints {@code BENCH chaos_*} lines.
 */
@RequiresSoundCard
class ChaosKillTest {

    private static final double[] TONES = {500, 700, 900};
    private static final double ITEM_SECONDS = 0.8;
    private static final Duration SPACING = Duration.ofSeconds(8);
    /** The kill cuts the sound at once, but the sink may still hold what the station had written. */
    private static final Duration AFTER_KILL = Duration.ofMillis(700);

    @TempDir
    Path home;

    @Test
    void kills_at_random_instants_lose_no_row_and_air_no_item_twice() throws Exception {
        int broadcasts = Integer.getInteger("loaxa.chaos.broadcasts", 14);
        var random = new Random(Long.getLong("loaxa.chaos.seed", System.nanoTime()));
        try (var station = new StationProcess(home, "loaxa.playout.grace=5m");
             var recorder = FifoRecorder.startFromEnvironment()) {
            station.start();
            var assets = new ArrayList<Long>();
            for (int i = 0; i < TONES.length; i++) {
                assets.add(station.uploadTone("Mục " + (i + 1), TONES[i], ITEM_SECONDS));
            }
            var first = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
            var keys = new ArrayList<String>();
            for (int i = 0; i < broadcasts; i++) {
                keys.add(station.scheduleOneOff(first.plus(SPACING.multipliedBy(i)), assets));
            }
            var begin = recorder.frameAt(first.minusSeconds(1));

            // Every third broadcast (at random) is hit by a kill at one of the moments that matter.
            var kills = new ArrayList<Instant>();
            for (int i = 1; i < broadcasts - 1; i += 2 + random.nextInt(2)) {
                var planned = first.plus(SPACING.multipliedBy(i));
                var at = switch (random.nextInt(3)) {
                    case 0 -> planned.minusSeconds(2).plusMillis(random.nextInt(40)); // START being written
                    case 1 -> planned.plusMillis((long) (1000 * ITEM_SECONDS * (1 + random.nextInt(3)))
                            + random.nextInt(30) - 10); // an item ending: ITEM (or END) being written
                    default -> planned.plusMillis(random.nextInt((int) (3000 * ITEM_SECONDS))); // mid-item
                };
                if (Instant.now().isAfter(at)) {
                    continue; // the last restart took longer than this slot's margin
                }
                Thread.sleep(Duration.between(Instant.now(), at).toMillis());
                station.kill();
                kills.add(Instant.now());
                station.start();
            }
            var lastPlanned = first.plus(SPACING.multipliedBy(broadcasts - 1));
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), lastPlanned).toMillis()));

            // Every planned broadcast ends up with an outcome (played, played late, skipped or missed).
            var rows = new HashMap<String, Map<String, Object>>();
            for (var key : keys) {
                rows.put(key, station.awaitBroadcast(key, Duration.ofSeconds(90)));
            }
            var log = allRows(station);
            var end = log.stream().map(r -> (String) r.get("actualEnd")).filter(e -> e != null).map(Instant::parse)
                    .max(Instant::compareTo).orElse(lastPlanned).plusMillis(500);
            recorder.awaitTime(end, Duration.ofSeconds(10));

            // Log side: no position of a broadcast logged as played whole twice (original + resumptions).
            var completed = new HashMap<String, Integer>();
            var windows = new ArrayList<long[]>();
            for (var row : log) {
                var root = ((String) row.get("occurrenceKey")).replaceAll("/R\\d+$", "");
                for (var item : items(row)) {
                    if ("COMPLETED".equals(item.get("outcome"))) {
                        completed.merge(root + "#" + item.get("position"), 1, Integer::sum);
                    }
                    var started = (String) item.get("actualStart");
                    long ms = ((Number) item.get("actualMs")).longValue();
                    if (started != null && ms > 0) {
                        var from = Instant.parse(started);
                        windows.add(new long[] {recorder.frameAt(from.minusMillis(60)),
                                recorder.frameAt(from.plusMillis(ms + 60))});
                    }
                }
            }
            int doubleAirings = (int) completed.values().stream().filter(n -> n > 1).count();

            // Recording side: every stretch of sound is covered by a logged item, or was cut by a kill.
            int lostRows = 0;
            var unexplained = new ArrayList<String>();
            for (var stretch : Sound.stretches(recorder, begin, recorder.frameAt(end))) {
                long covered = 0;
                for (var w : windows) {
                    covered += Math.max(0, Math.min(stretch[1], w[1]) - Math.max(stretch[0], w[0]));
                }
                long uncovered = stretch[1] - stretch[0] - covered;
                if (uncovered < recorder.format().sampleRate() * 3 / 10) {
                    continue;
                }
                var stops = recorder.timeOfFrame(stretch[1]);
                boolean cutByKill = kills.stream().anyMatch(k -> !stops.isBefore(k.minusMillis(200))
                        && !stops.isAfter(k.plus(AFTER_KILL)));
                if (!cutByKill) {
                    lostRows++;
                    unexplained.add(recorder.timeOfFrame(stretch[0]) + ".." + stops + " (" + uncovered * 1000
                            / recorder.format().sampleRate() + " ms not in the log)");
                }
            }
            var verify = station.json().readValue(station.api().get("/api/airlog/verify", "admin",
                    StationProcess.PASSWORD).body(), Map.class);
            var outcomes = new HashMap<Object, Integer>();
            rows.values().forEach(r -> outcomes.merge(r.get("outcome"), 1, Integer::sum));
            System.out.printf("kills at %s%noutcomes %s; unexplained sound %s%n", kills, outcomes, unexplained);
            System.out.printf("BENCH chaos_broadcasts %d%n", broadcasts);
            System.out.printf("BENCH chaos_kills %d%n", kills.size());
            System.out.printf("BENCH chaos_lost_rows %d%n", lostRows);
            System.out.printf("BENCH chaos_double_airings %d%n", doubleAirings);

            assertThat(kills).as("the station was killed").isNotEmpty();
            assertThat(rows).as("every planned broadcast is accounted for").hasSize(broadcasts);
            assertThat(doubleAirings).as("items logged as played whole twice: " + completed).isZero();
            assertThat(lostRows).as("sound the log does not account for: " + unexplained).isZero();
            assertThat(verify.get("intact")).as(verify.toString()).isEqualTo(true);
            assertThat(log).allSatisfy(r -> assertThat(r.get("outcome")).as("closed: " + r).isNotNull());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> allRows(StationProcess station) throws Exception {
        var today = java.time.LocalDate.now(StationProcess.STATION_ZONE);
        var page = station.json().readValue(station.api().get("/api/airlog?size=1000&from=" + today.minusDays(1)
                + "&to=" + today.plusDays(1), "admin", StationProcess.PASSWORD).body(), Map.class);
        return (List<Map<String, Object>>) page.get("rows");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> broadcast) {
        return (List<Map<String, Object>>) broadcast.get("items");
    }

    /** Stretches of sound in a recording: runs of 20 ms windows above silence, joined over short gaps. */
    static final class Sound {
        private static final int WINDOW_MS = 20;
        private static final double SILENCE_RMS = 200;

        static List<long[]> stretches(FifoRecorder recorder, long from, long to) {
            int window = recorder.format().sampleRate() * WINDOW_MS / 1000;
            int channels = recorder.format().channels();
            var result = new ArrayList<long[]>();
            long start = -1;
            long lastLoud = -1;
            for (long at = from; at + window <= to; at += window) {
                var samples = recorder.samples(at, window);
                double sum = 0;
                for (int i = 0; i < window; i++) {
                    double s = samples[i * channels];
                    sum += s * s;
                }
                boolean loud = Math.sqrt(sum / window) > SILENCE_RMS;
                if (loud) {
                    if (start < 0 || at - lastLoud > window * 5L) {
                        if (start >= 0) {
                            result.add(new long[] {start, lastLoud + window});
                        }
                        start = at;
                    }
                    lastLoud = at;
                }
            }
            if (start >= 0) {
                result.add(new long[] {start, lastLoud + window});
            }
            return result;
        }
    }
}
