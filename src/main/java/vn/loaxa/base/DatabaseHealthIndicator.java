package vn.loaxa.base;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code database}: does the station's SQLite database answer a {@code SELECT 1}?
 * The query runs on a thread of its own and is waited for at most {@link #BOUND}: a pool with
 * every connection taken would otherwise hold the health request for the pool's own timeout
 * (tens of seconds), and a probe that hangs that long tells less than one that says DOWN at once.
 */
@Component
class DatabaseHealthIndicator implements HealthIndicator {

    static final Duration BOUND = Duration.ofSeconds(2);

    private final DataSource dataSource;

    DatabaseHealthIndicator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        var began = System.nanoTime();
        var probe = new CompletableFuture<Integer>();
        // A virtual thread: a probe stuck waiting for a connection costs no platform thread, and it
        // ends by itself when the pool gives up.
        Thread.ofVirtual().name("loaxa-db-health").start(() -> {
            try {
                probe.complete(selectOne());
            } catch (SQLException | RuntimeException e) {
                probe.completeExceptionally(e);
            }
        });
        try {
            int answer = probe.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            var ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            return (answer == 1 ? Health.up() : Health.down().withDetail("problem", "SELECT 1 returned " + answer))
                    .withDetail("query", "SELECT 1").withDetail("answeredInMs", ms).build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("query", "SELECT 1")
                    .withDetail("problem", "no answer within " + BOUND.toMillis() + " ms").build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause()).withDetail("query", "SELECT 1").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().withDetail("problem", "interrupted").build();
        }
    }

    private int selectOne() throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.setQueryTimeout((int) BOUND.toSeconds());
            try (var rows = statement.executeQuery("SELECT 1")) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }
}
