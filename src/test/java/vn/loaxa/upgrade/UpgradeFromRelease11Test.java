package vn.loaxa.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.testing.Api;
import vn.loaxa.testing.ScratchDatabase;

/**
 * A station upgraded from the release whose last migration is V0011 keeps its data: the data
 * folder that release left is built first ({@link Release11Station}, its rows read back as they
 * are), then the new application starts on it as the station PC would after the jar was replaced.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class UpgradeFromRelease11Test {

    static final PreviousRelease RELEASE = new Release11Station();
    static final Path ROOT;
    static final TableRows BEFORE;

    static {
        try {
            ROOT = Files.createTempDirectory("loaxa-upgrade-");
            RELEASE.build(ROOT.resolve("data"), ROOT.resolve("audio"));
            // Read back through a plain connection, not the fixture's own bookkeeping: what is on disk.
            try (var db = new ScratchDatabase(ROOT.resolve("data"), "loaxa.db", RELEASE.lastMigration())) {
                BEFORE = TableRows.of(db.jdbc(), RELEASE.keptTables());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not build the previous release's station", e);
        }
    }

    @LocalServerPort int port;
    @Autowired DataSource dataSource;
    @Autowired Flyway flyway;
    final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void previousReleaseFolders(DynamicPropertyRegistry registry) {
        registry.add("loaxa.station.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("loaxa.library.audio-dir", () -> ROOT.resolve("audio").toString());
        registry.add("LOAXA_ADMIN_PASSWORD", () -> "");
    }

    @Test
    void the_fixture_is_the_previous_release_with_data_in_every_kept_table() {
        // Guards the test itself: an empty table here would make "kept row for row" trivially true.
        for (String table : RELEASE.keptTables()) {
            assertThat(BEFORE.count(table)).as("rows of %s in the previous release's station", table).isPositive();
        }
        assertThat(BEFORE.count("air_log")).isEqualTo(3 * 4 + 4 + 1);
        assertThat(BEFORE.count("audit_log")).isEqualTo(4);
    }

    @Test
    void flyway_took_the_database_to_the_latest_migration() throws IOException {
        long latest = ReleasedMigrationsTest.shipped().keySet().stream().mapToLong(ReleasedMigrationsTest::version)
                .max().orElseThrow();
        var info = flyway.info();
        assertThat(info.pending()).isEmpty();
        assertThat(Long.parseLong(info.current().getVersion().getVersion())).isEqualTo(latest)
                .isGreaterThanOrEqualTo(Long.parseLong(RELEASE.lastMigration()));
        // The released migrations stay applied as they were, none repeated or marked failed.
        assertThat(info.applied()).allSatisfy(m -> assertThat(m.getState().isFailed()).isFalse());
    }

    @Test
    void the_library_schedule_accounts_and_settings_are_kept_row_for_row() {
        TableRows after = BEFORE.again(JdbcClient.create(dataSource));
        for (String table : RELEASE.keptTables()) {
            if (List.of("air_log", "audit_log").contains(table)) {
                // Append-only: the station may have added rows since it started (a broadcast missed
                // while it was being upgraded); the old ones are unchanged and first.
                assertThat(after.rows().get(table)).as(table).startsWith(
                        BEFORE.rows().get(table).toArray(List[]::new));
            } else {
                assertThat(after.rows().get(table)).as(table).containsExactlyElementsOf(BEFORE.rows().get(table));
            }
        }
    }

    @Test
    void the_air_log_and_audit_trail_chains_verify_and_the_api_shows_the_old_data() throws Exception {
        var api = new Api(port);
        var airLog = api.get("/api/airlog/verify", RELEASE.admin(), RELEASE.adminPassword());
        assertThat(airLog.statusCode()).as(airLog.body()).isEqualTo(200);
        Map<String, Object> verified = json.readValue(airLog.body(), Map.class);
        assertThat(verified.get("intact")).as(airLog.body()).isEqualTo(true);
        assertThat(((Number) verified.get("checkedRows")).longValue()).isGreaterThanOrEqualTo(BEFORE.count("air_log"));

        var audit = api.get("/api/audit/verify", RELEASE.admin(), RELEASE.adminPassword());
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        assertThat(json.readValue(audit.body(), Map.class).get("intact")).as(audit.body()).isEqualTo(true);

        var library = api.get("/api/library", RELEASE.admin(), RELEASE.adminPassword());
        assertThat(library.statusCode()).as(library.body()).isEqualTo(200);
        assertThat(library.body()).contains("Hướng dẫn nộp hồ sơ trực tuyến", "Kết quả chỉ số PAR Index",
                "Nhạc hiệu đầu chương trình");
        var log = api.get("/api/airlog?from=2026-11-01&to=2026-11-03", RELEASE.admin(), RELEASE.adminPassword());
        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        assertThat(log.body()).contains("Bản tin sáng", "Người vận hành dừng phát", "Máy đài tắt lúc đến giờ phát");
    }

    @Test
    void the_upgraded_station_is_ready_and_loaded_no_first_start_schedule() throws Exception {
        var api = new Api(port);
        var readiness = api.get("/actuator/health/readiness", null, null);
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(json.readValue(readiness.body(), Map.class).get("status")).isEqualTo("UP");
        // Not a first start: the bundled Gio Sơn schedule file was not loaded on top of the station's own.
        assertThat(JdbcClient.create(dataSource).sql("SELECT count(*) FROM programme").query(Long.class).single())
                .isEqualTo(BEFORE.count("programme"));
        // Every library file is where the library says.
        for (var row : BEFORE.rows().get("audio_asset")) {
            String stored = (String) row.get(BEFORE.columns().get("audio_asset").indexOf("stored_name"));
            assertThat(ROOT.resolve("audio").resolve(stored)).isRegularFile();
        }
    }
}
