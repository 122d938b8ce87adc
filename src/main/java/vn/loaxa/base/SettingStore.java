package vn.loaxa.base;

import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code station_setting} table (V0004): one key, one value, who changed it and when. Each module
 * keeps its own settings and their rules (station: identity; library: the longest audio; schedule:
 * the grace window; playout: the output device; watch: the disk thresholds) and reads and writes its
 * keys here, inside its own transaction.
 */
@Component
public class SettingStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    SettingStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The value an admin set, or empty when the key was never set (or was reset). */
    public Optional<String> read(String key) {
        return jdbc.sql("SELECT value FROM station_setting WHERE key = ?").param(key).query(String.class).optional();
    }

    public void write(String key, String value, String by) {
        jdbc.sql("""
                        INSERT INTO station_setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by""")
                .params(key, value, clock.instant().toString(), by).update();
    }

    /** Forgets an edited value so the configured default applies again. */
    public void delete(String key) {
        jdbc.sql("DELETE FROM station_setting WHERE key = ?").param(key).update();
    }
}
