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
        // In a JVM with the station's own options (the quick compiler only, decision 0038), not this
        // one's: the hash is what the check ahead of air costs, and the lead when a file was not
        // checked ahead (a broadcast ordered for right now).
        var javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var child = new ProcessBuilder(javaCommand, "@" + Path.of("packaging", "loaxa.jvmopts").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), HashBench.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        var output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (child.waitFor() != 0 || !output.contains("BENCH before_air_hash_200mb_ms")) {
            throw new IllegalStateException("the hash in a station JVM failed: " + output);
        }
        System.out.print(output);

        long rate = 20L * 1024 * 1024;
        long started = System.nanoTime();
        AudioIntegrityWatch.sha256(file, rate);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("BENCH weekly_check_read_mb_per_s %.1f%n", 200 / seconds);
        Files.delete(file);
    }

    /** The hash of the file in args[0], in a JVM started with the station's options. */
    public static void main(String[] args) throws IOException, InterruptedException {
        var file = Path.of(args[0]);
        // Warm the page cache and the JIT once, as a station that has played the file before has.
        AudioIntegrityWatch.sha256(file, 0);
        long started = System.nanoTime();
        AudioIntegrityWatch.sha256(file, 0);
        System.out.println("BENCH before_air_hash_200mb_ms " + (System.nanoTime() - started) / 1_000_000);
    }
}
