package vn.loaxa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import vn.loaxa.watch.AudioIntegrityWatch;

/**
 * What the station's audio hashing costs: the check right before air on the largest file an upload
 * may be (it must end well within the lead before the due instant), and the weekly check's paced
 * read rate (it must stay near its limit, so playout is never starved).
 */
final class HashBench {

    private HashBench() {
    }

    static void run(Path work) throws IOException, InterruptedException {
        var file = work.resolve("hash-bench.bin");
        var block = new byte[1 << 20];
        new Random(12).nextBytes(block);
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < 200; i++) {
                out.write(block);
            }
        }
        // Warm the page cache and the JIT once, as a station that has played the file before has.
        AudioIntegrityWatch.sha256(file, 0);
        long started = System.nanoTime();
        AudioIntegrityWatch.sha256(file, 0);
        System.out.println("BENCH before_air_hash_200mb_ms " + (System.nanoTime() - started) / 1_000_000);

        long rate = 20L * 1024 * 1024;
        started = System.nanoTime();
        AudioIntegrityWatch.sha256(file, rate);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("BENCH weekly_check_read_mb_per_s %.1f%n", 200 / seconds);
        Files.delete(file);
    }
}
