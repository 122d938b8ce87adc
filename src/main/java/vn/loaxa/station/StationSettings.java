package vn.loaxa.station;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.security.CurrentUser;

/**
 * Who the station is, as an admin edits it in the web UI or a schedule file sets it: one place,
 * the {@code station_setting} table (V0004), read by the UI, the reports and schedule exports. A
 * key never set reads the configured default ({@link StationIdentity}, Gio Sơn out of the box).
 */
@Service
public class StationSettings {

    public static final String COMMUNE_NAME = "commune.name";
    public static final String STATION_NAME = "station.name";
    public static final String DISTRICT = "district";
    public static final String PROVINCE = "province";
    public static final String OFFICER = "officer";
    public static final String SIGNER = "signer";
    public static final String SIGNER_TITLE = "signer.title";
    /** Keys that may be left blank (an unnamed officer, a chairman signing without a deputy title). */
    private static final Set<String> OPTIONAL = Set.of(OFFICER, SIGNER_TITLE);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, String> defaults;

    StationSettings(JdbcClient jdbc, Clock clock, StationIdentity configured) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.defaults = Map.of(COMMUNE_NAME, configured.commune(), STATION_NAME, configured.name(),
                DISTRICT, configured.district(), PROVINCE, configured.province(), OFFICER, configured.officer(),
                SIGNER, configured.signer(), SIGNER_TITLE, configured.signerTitle());
    }

    @Transactional(readOnly = true)
    public String get(String key) {
        return jdbc.sql("SELECT value FROM station_setting WHERE key = ?").param(key).query(String.class)
                .optional().orElse(defaults.getOrDefault(key, ""));
    }

    /** The commune's name without the word "xã", e.g. "Gio Sơn". */
    public String communeName() {
        return get(COMMUNE_NAME);
    }

    public String stationName() {
        return get(STATION_NAME);
    }

    /** Everything documents need, read now (an admin may have changed it since the last report). */
    @Transactional(readOnly = true)
    public StationIdentity identity() {
        return new StationIdentity(get(COMMUNE_NAME), get(STATION_NAME), get(DISTRICT), get(PROVINCE), get(OFFICER),
                get(SIGNER), get(SIGNER_TITLE));
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void set(String key, String value) {
        store(key, value, CurrentUser.name());
    }

    /**
     * For a schedule file being applied: its import is already an admin's (or the first start's)
     * decision, made inside the import's transaction.
     */
    @Transactional
    public void setFromScheduleFile(String commune, String stationName, String by) {
        store(COMMUNE_NAME, commune, by);
        store(STATION_NAME, stationName, by);
    }

    private void store(String key, String value, String by) {
        if (!defaults.containsKey(key) || (value.isBlank() && !OPTIONAL.contains(key))) {
            throw new InvalidInputException("BAD_SETTING", "error.settings.blank", "Blank or unknown setting " + key);
        }
        jdbc.sql("""
                        INSERT INTO station_setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by""")
                .params(key, value.strip(), clock.instant().toString(), by).update();
    }
}
