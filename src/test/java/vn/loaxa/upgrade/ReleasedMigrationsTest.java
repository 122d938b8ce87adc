package vn.loaxa.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A station upgraded from an earlier release has its migrations applied; Flyway refuses to start
 * when one of them changed (checksum), vanished, or when a new one slips in below the last applied
 * version. {@code db/released-migrations.txt} lists every migration shipped in a release with the
 * SHA-256 of its text (line endings as LF, so a Windows checkout with CRLF gives the same hash, as
 * Flyway's own checksum ignores them too).
 */
class ReleasedMigrationsTest {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    @Test
    void every_released_migration_is_still_there_unchanged() throws IOException {
        Map<String, String> released = released();
        Map<String, String> shipped = shipped();
        assertThat(released).as("released-migrations.txt lists the migrations of the last release").isNotEmpty();
        for (var entry : released.entrySet()) {
            assertThat(shipped).as("released migration %s was removed or renamed; stations that applied it "
                    + "would refuse to start", entry.getKey()).containsKey(entry.getKey());
            assertThat(shipped.get(entry.getKey())).as("released migration %s was changed; add a new "
                    + "migration with a higher version instead", entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    @Test
    void new_migrations_only_come_after_the_last_released_one() throws IOException {
        long lastReleased = released().keySet().stream().mapToLong(ReleasedMigrationsTest::version).max().orElseThrow();
        var released = released().keySet();
        for (String file : shipped().keySet()) {
            if (!released.contains(file)) {
                assertThat(version(file)).as("%s is new but not above the last released version %d: an upgraded "
                        + "station would refuse it (or skip it)", file, lastReleased).isGreaterThan(lastReleased);
            }
        }
    }

    @Test
    void the_hash_is_the_same_for_crlf_and_lf_text_and_differs_for_another_text() {
        // The comparison above can fail: one changed character changes the hash, line endings do not.
        byte[] lf = "CREATE TABLE a (x);\nINSERT INTO a VALUES (1);\n".getBytes(StandardCharsets.UTF_8);
        byte[] crlf = "CREATE TABLE a (x);\r\nINSERT INTO a VALUES (1);\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] other = "CREATE TABLE a (x);\nINSERT INTO a VALUES (2);\n".getBytes(StandardCharsets.UTF_8);
        assertThat(sha256(crlf)).isEqualTo(sha256(lf)).isNotEqualTo(sha256(other));
    }

    /** The released list: file name to SHA-256. */
    static Map<String, String> released() throws IOException {
        var result = new LinkedHashMap<String, String>();
        try (InputStream in = ReleasedMigrationsTest.class.getResourceAsStream("/db/released-migrations.txt")) {
            assertThat(in).as("src/test/resources/db/released-migrations.txt").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] parts = text.split("\\s+");
                assertThat(parts).as("line '%s': <file> <sha256>", line).hasSize(2);
                assertThat(parts[1]).as("line '%s'", line).matches("[0-9a-f]{64}");
                result.put(parts[0], parts[1]);
            }
        }
        return result;
    }

    /** The migrations the application ships (on the class path, as Flyway finds them): file name to SHA-256. */
    static Map<String, String> shipped() throws IOException {
        var result = new TreeMap<String, String>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*.sql")) {
            try (InputStream in = r.getInputStream()) {
                result.put(r.getFilename(), sha256(in.readAllBytes()));
            }
        }
        return result;
    }

    static long version(String file) {
        Matcher m = VERSIONED.matcher(file);
        assertThat(m.matches()).as("%s is named V<version>__<description>.sql", file).isTrue();
        return Long.parseLong(m.group(1));
    }

    static String sha256(byte[] text) {
        String normalised = new String(text, StandardCharsets.UTF_8).replace("\uFEFF", "").replace("\r\n", "\n");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
