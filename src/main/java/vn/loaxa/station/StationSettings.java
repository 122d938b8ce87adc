package vn.loaxa.station;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.base.SettingStore;
import vn.loaxa.security.CurrentUser;

/**
 * Who the station is, as an admin edits it in the web UI or a schedule file sets it: one place,
 * the {@code station_setting} table (V0004), read by the UI, the reports and schedule exports. A
 * key never set reads the configured default ({@link StationIdentity}, Gio Sơn out of the box).
 * Each other module keeps its own settings in the same table through {@link SettingStore}: the
 * output device ({@code PlayoutSettings}), the grace window ({@code GraceSettings}), the longest
 * audio file ({@code AudioLimits}), the disk thresholds ({@code DiskThresholds}), the approval rule
 * ({@code ApprovalRule}) and the emergency roles ({@code EmergencyRights}).
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

    private final SettingStore store;
    private final Map<String, String> defaults;

    StationSettings(SettingStore store, StationIdentity configured) {
        this.store = store;
        this.defaults = Map.of(COMMUNE_NAME, configured.commune(), STATION_NAME, configured.name(),
                DISTRICT, configured.district(), PROVINCE, configured.province(), OFFICER, configured.officer(),
                SIGNER, configured.signer(), SIGNER_TITLE, configured.signerTitle());
    }

    @Transactional(readOnly = true)
    public String get(String key) {
        return stored(key).orElse(defaults.getOrDefault(key, ""));
    }

    private Optional<String> stored(String key) {
        return store.read(key);
    }

    /** Forgets an edited value so the configured default applies again. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "SETTING_RESET", target = "SETTING", id = "#key", name = "#key", snapshot = "get(#key)")
    public void resetToDefault(String key) {
        store.delete(key);
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
    @Audited(value = "SETTING_CHANGED", target = "SETTING", id = "#key", name = "#key", snapshot = "get(#key)")
    public void set(String key, String value) {
        store(key, value, CurrentUser.name());
    }

    /**
     * For a schedule file being applied: its import is already an admin's (or the first start's)
     * decision, made inside the import's transaction.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void setFromScheduleFile(String commune, String stationName, String by) {
        store(COMMUNE_NAME, commune, by);
        store(STATION_NAME, stationName, by);
    }

    private void store(String key, String value, String by) {
        // Every station setting is a name (commune, station, officer, signer and title).
        Limits.title(value);
        if (!defaults.containsKey(key) || (value.isBlank() && !OPTIONAL.contains(key))) {
            throw new InvalidInputException("BAD_SETTING", "error.settings.blank", "Blank or unknown setting " + key);
        }
        write(key, value.strip(), by);
    }

    private void write(String key, String value, String by) {
        store.write(key, value, by);
    }
}
