package vn.loaxa.station;

import java.time.Clock;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.security.CurrentUser;

/**
 * Settings an admin edits in the web UI, kept in the {@code station_setting} table (V0004) so they
 * survive a reinstall of the program with the data folder. Gio Sơn's names are the seeded values.
 */
@Service
public class StationSettings {

    public static final String COMMUNE_NAME = "commune.name";
    public static final String STATION_NAME = "station.name";
    private static final Map<String, String> DEFAULTS = Map.of(COMMUNE_NAME, "Xã Gio Sơn",
            STATION_NAME, "Đài truyền thanh xã Gio Sơn");

    private final JdbcClient jdbc;
    private final Clock clock;

    StationSettings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public String get(String key) {
        return jdbc.sql("SELECT value FROM station_setting WHERE key = ?").param(key).query(String.class)
                .optional().orElse(DEFAULTS.getOrDefault(key, ""));
    }

    public String communeName() {
        return get(COMMUNE_NAME);
    }

    public String stationName() {
        return get(STATION_NAME);
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void set(String key, String value) {
        if (!DEFAULTS.containsKey(key) || value.isBlank()) {
            throw new InvalidInputException("BAD_SETTING", "error.settings.blank", "Blank or unknown setting " + key);
        }
        jdbc.sql("""
                        INSERT INTO station_setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by""")
                .params(key, value.strip(), clock.instant().toString(), CurrentUser.name()).update();
    }
}
