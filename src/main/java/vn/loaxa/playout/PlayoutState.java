package vn.loaxa.playout;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The engine's heartbeat: when it was last known to be running, so a restart knows what it slept through. */
@Repository
class PlayoutState {

    private final JdbcClient jdbc;

    PlayoutState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<Instant> runningAt() {
        return jdbc.sql("SELECT value_ms FROM playout_state WHERE name = 'running_at_ms'").query(Long.class).optional()
                .map(Instant::ofEpochMilli);
    }

    @Transactional
    public void running(Instant at) {
        jdbc.sql("""
                INSERT INTO playout_state (name, value_ms) VALUES ('running_at_ms', ?)
                ON CONFLICT (name) DO UPDATE SET value_ms = excluded.value_ms""").param(at.toEpochMilli()).update();
    }
}
