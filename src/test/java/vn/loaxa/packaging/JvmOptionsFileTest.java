package vn.loaxa.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM argument files the service and the bench start the station with (decision 0025): every
 * option in them is one the JVM accepts and applies, and the AOT cache file only ever makes the
 * start faster: a missing or unsuitable cache leaves a station that still starts.
 */
class JvmOptionsFileTest {

    private static final Path OPTIONS = Path.of("packaging/loaxa.jvmopts").toAbsolutePath();
    private static final Path AOT_OPTIONS = Path.of("packaging/loaxa-aot.jvmopts").toAbsolutePath();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private static final String HELLO = """
            public class Hello {
                public static void main(String[] args) {
                    System.out.println("station started " + java.time.LocalDate.now());
                }
            }
            """;

    @Test
    void the_station_options_are_accepted_and_applied() throws Exception {
        Result result = run(Path.of("."), List.of(JAVA.toString(), "@" + OPTIONS,
                "-XX:+PrintFlagsFinal", "-version"));

        assertThat(result.exit).as(result.output).isZero();
        assertThat(result.output).doesNotContain("Unrecognized VM option").doesNotContain("Unrecognized option");
        // the file was read, not skipped: its choices are the JVM's
        assertThat(result.output).containsPattern("bool UseSerialGC\\s+= true");
        assertThat(result.output).containsPattern("size_t MaxHeapSize\\s+= " + 512L * 1024 * 1024 + "\\b");
        assertThat(result.output).containsPattern("uintx ReservedCodeCacheSize\\s+= " + 64L * 1024 * 1024 + "\\b");
        // what lets the station hand back its start-up memory in one collection (decision 0037)
        assertThat(result.output).containsPattern("bool ShrinkHeapInSteps\\s+= false");
        assertThat(result.output).containsPattern("intx SoftRefLRUPolicyMSPerMB\\s+= 0\\b");
        // the quick compiler only, and a small young generation (decision 0038)
        assertThat(result.output).containsPattern("intx TieredStopAtLevel\\s+= 1\\b");
        assertThat(result.output).containsPattern("size_t MaxNewSize\\s+= " + 8L * 1024 * 1024 + "\\b");
    }

    @Test
    void the_aot_cache_is_used_when_it_fits_and_skipped_with_a_warning_when_it_does_not(@TempDir Path station)
            throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25; a JDK 21 station runs without");
        Files.writeString(station.resolve("Hello.java"), HELLO);
        Files.createDirectories(station.resolve("app"));

        // No cache yet (a build without the training run): the station starts without one.
        Result missing = run(station, List.of(JAVA.toString(), "@" + OPTIONS, "@" + AOT_OPTIONS, "Hello.java"));
        assertThat(missing.exit).as(missing.output).isZero();
        assertThat(missing.output).contains("station started");

        // Trained with the station's options, as the build does (the object layout loaxa-aot.jvmopts
        // asks for included), at the path loaxa-aot.jvmopts names.
        assertThat(Files.readAllLines(AOT_OPTIONS)).contains("-XX:+UseCompactObjectHeaders");
        Result training = run(station, List.of(JAVA.toString(), "@" + OPTIONS, "-XX:+UseCompactObjectHeaders",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining",
                "-XX:AOTCacheOutput=app/loaxa.aot", "Hello.java"));
        assertThat(training.exit).as(training.output).isZero();
        assertThat(station.resolve("app/loaxa.aot")).isNotEmptyFile();

        // AOTMode=on refuses to start without the cache: starting proves it was used.
        Result used = run(station, List.of(JAVA.toString(), "@" + OPTIONS, "@" + AOT_OPTIONS,
                "-XX:AOTMode=on", "Hello.java"));
        assertThat(used.exit).as(used.output).isZero();
        assertThat(used.output).contains("station started");

        // Options other than the training's (as another JDK build or a changed file would be):
        // the JVM says so and starts without the cache.
        Result unsuitable = run(station, List.of(JAVA.toString(), "@" + OPTIONS, "@" + AOT_OPTIONS,
                "-XX:-UseCompactObjectHeaders", "Hello.java"));
        assertThat(unsuitable.exit).as(unsuitable.output).isZero();
        assertThat(unsuitable.output).contains("Unable to use AOT cache").contains("station started");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("jvmopts", ".log");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("no answer in 3 minutes from " + command);
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
