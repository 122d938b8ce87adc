package vn.loaxa.testing;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

import vn.loaxa.base.DatabaseConfig;

/**
 * A station database of its own in a given folder, migrated by the real Flyway scripts and opened
 * with the station's URL (WAL, synchronous=FULL): for tests that must damage a database without
 * touching the one the shared Spring context uses, and for benchmarks that run without Spring.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Path folder;

    public ScratchDatabase(Path folder) {
        this(folder, "scratch.db", null);
    }

    /**
     * The database file {@code file} in {@code folder}, migrated up to {@code targetVersion} only
     * (null: to the latest), e.g. a station's {@code loaxa.db} as an earlier release left it.
     */
    public ScratchDatabase(Path folder, String file, @Nullable String targetVersion) {
        this.folder = folder;
        var config = new HikariConfig();
        config.setJdbcUrl(DatabaseConfig.jdbcUrl(folder.resolve(file)));
        config.setMaximumPoolSize(2);
        config.setPoolName("scratch-sqlite");
        this.dataSource = new HikariDataSource(config);
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (targetVersion != null) {
            flyway.target(targetVersion);
        }
        flyway.load().migrate();
    }

    public Path folder() {
        return folder;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    public JdbcTransactionManager transactions() {
        return new JdbcTransactionManager(dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
