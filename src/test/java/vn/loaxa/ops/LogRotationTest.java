package vn.loaxa.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station's own logback-spring.xml, with a tiny size cap, rolls its file and holds the total.
 * It runs in a logger context of its own (not the test JVM's), so the four {@code springProperty}
 * lines, which only Spring Boot reads, are given their values as plain properties: everything
 * else (appender, rolling policy, patterns) is the file as shipped.
 */
class LogRotationTest {

    private static final Pattern SPRING_PROPERTY = Pattern.compile(
            "<springProperty name=\"([A-Z_]+)\" source=\"([a-z.-]+)\" defaultValue=\"([^\"]*)\"/>");

    @Test
    void the_log_rolls_at_its_size_and_old_files_are_deleted_past_the_total_cap(@TempDir Path dir) throws Exception {
        long maxFile = 2 * 1024;
        long cap = 8 * 1024;
        var context = configure(Map.of("loaxa.logging.dir", dir.toString(), "loaxa.logging.max-file-size", "2KB",
                "loaxa.logging.max-history", "30", "loaxa.logging.total-size-cap", "8KB"));
        var log = context.getLogger("vn.loaxa.test");
        var random = new Random(42);
        int lines = 3_000;
        for (int i = 0; i < lines; i++) {
            byte[] noise = new byte[40];
            random.nextBytes(noise);
            // Random text, so the gzipped files stay near their size and the cap has work to do.
            log.info("line {} {}", i, HexFormat.of().formatHex(noise));
            if (i % 20 == 19) {
                // About one roll's worth: a pause lets that roll's background clean-up finish before
                // the next starts, as at the real 10 MB, where clean-ups never overlap. Overlapping
                // ones each delete "the oldest" and together can empty the folder.
                Thread.sleep(10);
            }
        }
        // Rolling every 2 KB starts many of logback's background clean-ups at once, and two of them
        // may go for the same old file: the loser's "non existent file" or "failed to delete" is that
        // race, harmless (at 10 MB per file the clean-ups never overlap). Anything else logback says
        // is a fault.
        assertThat(problems(context)).as("logback's complaints while logging")
                .filteredOn(p -> !p.contains("TimeBasedArchiveRemover - Cannot delete non existent file")
                        && !p.contains("TimeBasedArchiveRemover - Failed to delete file")).isEmpty();
        context.stop();

        // Logback holds the cap when it rolls, counting the files already archived: the one just
        // rolled (compressed afterwards) may stand above it until the next roll, one file at most.
        long held = cap + maxFile;
        List<Path> archives = waitForArchivesWithin(dir, held);
        Path current = dir.resolve("loaxa.log");
        assertThat(current).isRegularFile();
        assertThat(Files.size(current)).isLessThanOrEqualTo(maxFile + 512);
        assertThat(Files.readString(current)).contains("line " + (lines - 1) + " ");
        assertThat(archives).as("rolled files").isNotEmpty();
        assertThat(total(archives)).as("archives together").isLessThanOrEqualTo(held);
        // ~3000 lines of ~150 bytes were written: far more than the cap, so old files were deleted,
        // and what is kept is the newest part of the log.
        String newestArchive = gunzip(archives.stream().max((a, b) -> Long.compare(index(a), index(b))).orElseThrow());
        assertThat(newestArchive).contains("vn.loaxa.test");
        assertThat(String.join("", archives.stream().map(LogRotationTest::gunzipUnchecked).toList()))
                .doesNotContain("line 0 ");
    }

    @Test
    void the_folder_and_limits_come_from_the_station_properties_with_the_documented_defaults() throws IOException {
        Matcher m = SPRING_PROPERTY.matcher(shipped());
        var found = new java.util.TreeMap<String, String>();
        while (m.find()) {
            found.put(m.group(2), m.group(3));
        }
        assertThat(found).containsExactlyInAnyOrderEntriesOf(Map.of("loaxa.logging.dir", "logs",
                "loaxa.logging.max-file-size", "10MB", "loaxa.logging.max-history", "30",
                "loaxa.logging.total-size-cap", "300MB"));
    }

    private static LoggerContext configure(Map<String, String> properties) throws Exception {
        Matcher m = SPRING_PROPERTY.matcher(shipped());
        var xml = new StringBuilder();
        int replaced = 0;
        while (m.find()) {
            String value = properties.getOrDefault(m.group(2), m.group(3));
            m.appendReplacement(xml, Matcher.quoteReplacement("<property name=\"" + m.group(1) + "\" value=\""
                    + value + "\"/>"));
            replaced++;
        }
        m.appendTail(xml);
        assertThat(replaced).isEqualTo(4);
        var context = new LoggerContext();
        context.setName("rotation-test");
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(problems(context)).as("logback's complaints about logback-spring.xml").isEmpty();
        // The console is tested by every other test's output; here it would print 3000 lines.
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender("CONSOLE");
        return context;
    }

    private static List<String> problems(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getEffectiveLevel() >= Status.WARN).map(Status::toString).toList();
    }

    private static String shipped() throws IOException {
        try (InputStream in = LogRotationTest.class.getResourceAsStream("/logback-spring.xml")) {
            assertThat(in).as("logback-spring.xml on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Compression and deleting past the cap run on logback's own threads after each roll. */
    private static List<Path> waitForArchivesWithin(Path dir, long cap) throws Exception {
        long until = System.nanoTime() + 20_000_000_000L;
        List<Path> archives;
        do {
            List<String> names;
            try (var files = Files.list(dir)) {
                names = files.map(p -> p.getFileName().toString()).toList();
            }
            archives = names.stream().filter(n -> n.matches("loaxa-\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.log(\\.gz)?"))
                    .map(dir::resolve).toList();
            // A file being compressed is first renamed to a .tmp name.
            boolean settled = names.stream().noneMatch(n -> n.endsWith(".tmp"))
                    && archives.stream().allMatch(p -> p.toString().endsWith(".gz"));
            if (!archives.isEmpty() && settled && total(archives) <= cap) {
                return archives;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < until);
        return archives;
    }

    private static long total(List<Path> files) {
        return files.stream().mapToLong(p -> {
            try {
                return Files.size(p);
            } catch (IOException e) {
                return 0;
            }
        }).sum();
    }

    private static long index(Path archive) {
        String name = archive.getFileName().toString();
        return Long.parseLong(name.replaceAll("^loaxa-\\d{4}-\\d{2}-\\d{2}\\.(\\d+)\\.log.*$", "$1"));
    }

    private static String gunzip(Path file) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String gunzipUnchecked(Path file) {
        try {
            return gunzip(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
