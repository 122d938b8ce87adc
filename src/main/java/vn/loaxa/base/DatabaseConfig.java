package vn.loaxa.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.loaxa.station.StationProperties;

/**
 * The station's single SQLite file. The URL settings are what kept it correct under concurrent
 * writers and power loss: WAL so readers never block the player's log writes, synchronous=FULL so
 * a committed log row survives a power cut, IMMEDIATE transactions so two writers queue on the
 * busy timeout instead of failing with SQLITE_BUSY, and foreign keys on (SQLite's default is off).
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    static final String URL_OPTIONS = "?journal_mode=WAL&synchronous=FULL&foreign_keys=true"
            + "&busy_timeout=10000&transaction_mode=IMMEDIATE";

    /** The JDBC URL of a station database file, with the settings above; also for tools and benchmarks. */
    public static String jdbcUrl(java.nio.file.Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath() + URL_OPTIONS;
    }

    @Bean
    DataSource dataSource(StationProperties station) {
        try {
            Files.createDirectories(station.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + station.dataDir().toAbsolutePath(), e);
        }
        var config = new HikariConfig();
        config.setPoolName("loaxa-sqlite");
        config.setJdbcUrl(jdbcUrl(station.databaseFile()));
        // Writers are serialised by SQLite anyway; a few connections let readers run beside them.
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }
}
