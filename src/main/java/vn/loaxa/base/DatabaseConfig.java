package vn.loaxa.base;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The station's single SQLite file, reached through four small pools (decision 0011):
 * <ul>
 *   <li>readers open DEFERRED transactions on {@code query_only} connections, so a report or a
 *       screen never takes the write lock, however long it reads (WAL lets them read beside a writer);</li>
 *   <li>writers open IMMEDIATE transactions, one at a time through the {@link WriteGate}, so two
 *       writers queue in Java instead of failing with SQLITE_BUSY;</li>
 *   <li>the playout engine has a read and a write connection of its own ({@link DatabaseLane}).</li>
 * </ul>
 * Every pool throws a connection away after an SQLite error ({@link SqliteErrors.EvictAfterError}),
 * and every wait is bounded and ends in {@code CannotAcquireLockException} ("database busy").
 * WAL with synchronous=FULL: a committed row survives a power cut.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    /** How long a UI or report request may wait for a connection or for the write lock. */
    static final Duration UI_WAIT = Duration.ofSeconds(5);

    private static final String COMMON = "?journal_mode=WAL&synchronous=FULL&foreign_keys=true";

    /** The JDBC URL of a station database file for writing; also for tools and benchmarks. */
    public static String jdbcUrl(Path file) {
        return jdbcUrl(file, false, UI_WAIT);
    }

    static String jdbcUrl(Path file, boolean reader, Duration busyTimeout) {
        return "jdbc:sqlite:" + file.toAbsolutePath() + COMMON + "&busy_timeout=" + busyTimeout.toMillis()
                + "&transaction_mode=" + (reader ? "DEFERRED" : "IMMEDIATE");
    }

    enum Pool { UI_READ, UI_WRITE, ENGINE_READ, ENGINE_WRITE }

    /** The pools, closed with the context. */
    static final class Pools implements AutoCloseable {
        final Map<Pool, HikariDataSource> all;

        Pools(Path file) {
            all = Map.of(
                    Pool.UI_READ, pool("loaxa-read", file, true, 6, UI_WAIT),
                    Pool.UI_WRITE, pool("loaxa-write", file, false, 2, UI_WAIT),
                    // The engine's own: nobody else can exhaust them, so they wait on SQLite alone.
                    Pool.ENGINE_READ, pool("loaxa-engine-read", file, true, 3, Duration.ofSeconds(30)),
                    Pool.ENGINE_WRITE, pool("loaxa-engine-write", file, false, 1, Duration.ofSeconds(30)));
        }

        @Override
        public void close() {
            all.values().forEach(HikariDataSource::close);
        }
    }

    /**
     * Before the first connection: the data folder and the database files are made readable by the
     * station's account only (created so, and repaired on an older installation). The library does
     * the same for its audio folder.
     */
    @Bean
    Pools stationPools(StationProperties station) {
        OwnerOnly.createDirectories(station.dataDir());
        OwnerOnly.filesIn(station.dataDir());
        OwnerOnly.databaseFiles(station.databaseFile());
        return new Pools(station.databaseFile());
    }

    /** Flyway migrates over a plain write connection, before anything else runs. */
    @Bean
    @FlywayDataSource
    DataSource migrationDataSource(Pools pools) {
        return pools.all.get(Pool.UI_WRITE);
    }

    @Bean
    @Primary
    DataSource dataSource(Pools pools) {
        var routing = new Routing();
        routing.setTargetDataSources(Map.copyOf(pools.all));
        routing.setDefaultTargetDataSource(pools.all.get(Pool.UI_READ));
        routing.afterPropertiesSet();
        return routing;
    }

    @Bean
    WriteGate writeGate() {
        return new WriteGate();
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        var template = new JdbcTemplate(dataSource);
        template.setExceptionTranslator(SqliteErrors.translator(template.getExceptionTranslator()));
        return template;
    }

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, WriteGate gate) {
        var manager = new GatedTransactionManager(dataSource, gate);
        manager.setExceptionTranslator(SqliteErrors.translator(manager.getExceptionTranslator()));
        return manager;
    }

    private static HikariDataSource pool(String name, Path file, boolean reader, int size, Duration wait) {
        var config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl(file, reader, wait));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(wait.toMillis());
        config.setExceptionOverride(new SqliteErrors.EvictAfterError());
        if (reader) {
            // A write through a reader fails at once instead of queueing for the lock.
            config.setConnectionInitSql("PRAGMA query_only = true");
        }
        return new HikariDataSource(config);
    }

    /** Whether the transaction being begun on this thread writes; read by {@link Routing}. */
    private static final ThreadLocal<Boolean> BEGINNING_WRITE = ThreadLocal.withInitial(() -> false);

    /**
     * Picks the pool when a connection is taken: a write transaction being begun gets a writer,
     * anything else (read-only transactions, statements outside a transaction) a reader, each of
     * the caller's lane. A write outside a transaction therefore fails: every write takes the gate.
     */
    static final class Routing extends AbstractRoutingDataSource {

        /** The player's threads (audio, decoding, events) are named so by {@code audio.output.Player}. */
        static final String PLAYER_THREADS = "loaxa-playout-";

        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Routing.class);
        private volatile boolean playerWarned;

        @Override
        protected Object determineCurrentLookupKey() {
            boolean write = BEGINNING_WRITE.get();
            if (DatabaseLane.isEngine()) {
                return write ? Pool.ENGINE_WRITE : Pool.ENGINE_READ;
            }
            if (Thread.currentThread().getName().startsWith(PLAYER_THREADS)) {
                // A lookup on the player's thread once waited behind web users' report downloads for
                // a shared connection and the broadcast aired seconds late. The player must be given
                // everything it needs; should a lookup slip in again it takes the engine's connections,
                // and says so once, so that tests and the log catch it.
                if (!playerWarned) {
                    playerWarned = true;
                    LOG.error("The player's thread {} used the database; it must be given what it needs beforehand",
                            Thread.currentThread().getName(), new IllegalStateException("database use on the player's thread"));
                }
                return write ? Pool.ENGINE_WRITE : Pool.ENGINE_READ;
            }
            return write ? Pool.UI_WRITE : Pool.UI_READ;
        }
    }

    /** Takes the write gate for each write transaction, before its connection, and gives it back after. */
    static final class GatedTransactionManager extends JdbcTransactionManager {

        private final transient WriteGate gate;
        private final transient ThreadLocal<ArrayDeque<Boolean>> entered = ThreadLocal.withInitial(ArrayDeque::new);

        GatedTransactionManager(DataSource dataSource, WriteGate gate) {
            super(dataSource);
            this.gate = gate;
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            boolean write = !definition.isReadOnly();
            if (write) {
                enterGate();
            }
            entered.get().push(write);
            BEGINNING_WRITE.set(write);
            try {
                super.doBegin(transaction, definition);
            } catch (RuntimeException | Error e) {
                entered.get().pop();
                if (write) {
                    gate.leave();
                }
                throw e;
            } finally {
                BEGINNING_WRITE.set(false);
            }
        }

        /**
         * Skips the rollback when the pool has already thrown the connection away: after an SQLite
         * error at COMMIT (SQLITE_FULL on a full disk) {@link SqliteErrors.EvictAfterError} closes it,
         * which ends SQLite's transaction anyway, and a rollback on it fails with "connection is
         * closed" and replaces the real error; a full disk then reached the API as an unexplained 500
         * and the air log's alert as "Connection is closed" instead of 507 STORAGE_FULL.
         */
        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            if (status.getTransaction() instanceof JdbcTransactionObjectSupport tx && tx.hasConnectionHolder()) {
                try {
                    if (tx.getConnectionHolder().getConnection().isClosed()) {
                        return;
                    }
                } catch (SQLException e) {
                    // Unknown state: let the rollback try, and fail, as before.
                }
            }
            super.doRollback(status);
        }

        @Override
        protected void doCleanupAfterCompletion(Object transaction) {
            try {
                super.doCleanupAfterCompletion(transaction);
            } finally {
                var stack = entered.get();
                if (!stack.isEmpty() && stack.pop()) {
                    gate.leave();
                }
            }
        }

        private void enterGate() {
            try {
                if (!gate.enter(DatabaseLane.isEngine(), UI_WAIT)) {
                    throw new CannotAcquireLockException("Database busy: another write held it for "
                            + UI_WAIT.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CannotCreateTransactionException("Interrupted while waiting for the database", e);
            }
        }
    }
}
