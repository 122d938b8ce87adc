package vn.loaxa.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.ScratchAirLog;
import vn.loaxa.schedule.OccurrencePlanner;
import vn.loaxa.schedule.RealisticStation;
import vn.loaxa.testing.ScratchDatabase;

/**
 * Schedule and air-log figures for bench/run: prints {@code BENCH year_plan_ms <v>} (planning the
 * realistic station's whole year, warm, median of 9) and {@code BENCH airlog_append_per_s <v>}
 * (rows appended per second, each committed with synchronous=FULL in WAL mode, to a real SQLite file).
 */
public final class ScheduleBench {

    private ScheduleBench() {
    }

    public static void main(String[] args) {
        run();
    }

    public static void run() {
        System.out.println("BENCH year_plan_ms " + String.format(java.util.Locale.ROOT, "%.2f", yearPlanMs()));
        System.out.println("BENCH airlog_append_per_s " + Math.round(airLogAppendsPerSecond()));
    }

    static double yearPlanMs() {
        var station = new RealisticStation();
        var snapshot = station.atYearEnd();
        int sink = 0;
        for (int i = 0; i < 20; i++) {
            sink += OccurrencePlanner.plan(snapshot, RealisticStation.YEAR_START, RealisticStation.YEAR_END,
                    RealisticStation.ZONE).size();
        }
        var runs = new double[9];
        for (int i = 0; i < runs.length; i++) {
            long t0 = System.nanoTime();
            sink += OccurrencePlanner.plan(snapshot, RealisticStation.YEAR_START, RealisticStation.YEAR_END,
                    RealisticStation.ZONE).size();
            runs[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (sink == 0) {
            throw new IllegalStateException("The realistic year planned nothing");
        }
        Arrays.sort(runs);
        return runs[runs.length / 2];
    }

    /** Broadcasts of four rows (start, two items, end), as many as fit in about three seconds. */
    static double airLogAppendsPerSecond() {
        Path dir;
        try {
            dir = Files.createTempDirectory("loaxa-bench-airlog-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (var db = new ScratchDatabase(dir)) {
            AirLogService log = ScratchAirLog.open(db, Clock.systemUTC());
            var planned = Instant.parse("2026-01-01T22:30:00Z");
            for (int i = 0; i < 10; i++) {
                ScratchAirLog.writeMorning(log, "WARM" + i, planned);
            }
            int broadcasts = 0;
            long t0 = System.nanoTime();
            long elapsed;
            do {
                ScratchAirLog.writeMorning(log, "B" + broadcasts, planned.plusSeconds(60L * broadcasts));
                broadcasts++;
                elapsed = System.nanoTime() - t0;
            } while (elapsed < 3_000_000_000L && broadcasts < 20_000);
            if (!log.verify().intact()) {
                throw new IllegalStateException("The benchmark's own log does not verify");
            }
            return broadcasts * 4 / (elapsed / 1e9);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind is harmless.
        }
    }
}
