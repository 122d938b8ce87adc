package vn.loaxa.station;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.playout.AudioOutputProperties;
import vn.loaxa.schedule.PlayoutProperties;
import vn.loaxa.security.CurrentUser;

/**
 * Who the station is, as an admin edits it in the web UI or a schedule file sets it: one place,
 * the {@code station_setting} table (V0004), read by the UI, the reports and schedule exports. A
 * key never set reads the configured default ({@link StationIdentity}, Gio Sơn out of the box).
 * The output device and the grace window live here too, so an admin can change them without a
 * restart; never set, they read {@code loaxa.audio.device} and {@code loaxa.playout.grace}.
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
    /** Java Sound device for new broadcasts; blank = the system default. */
    public static final String OUTPUT_DEVICE = "output.device";
    /** How late a broadcast may still start, in whole minutes. */
    public static final String GRACE_MINUTES = "playout.grace.minutes";
    /** Beyond an hour a "late" morning bulletin would collide with the next programme's slot. */
    public static final int MAX_GRACE_MINUTES = 60;
    /** Keys that may be left blank (an unnamed officer, a chairman signing without a deputy title). */
    private static final Set<String> OPTIONAL = Set.of(OFFICER, SIGNER_TITLE);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, String> defaults;
    private final AudioOutputProperties audio;
    private final PlayoutProperties playout;

    StationSettings(JdbcClient jdbc, Clock clock, StationIdentity configured, AudioOutputProperties audio,
                    PlayoutProperties playout) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audio = audio;
        this.playout = playout;
        this.defaults = Map.of(COMMUNE_NAME, configured.commune(), STATION_NAME, configured.name(),
                DISTRICT, configured.district(), PROVINCE, configured.province(), OFFICER, configured.officer(),
                SIGNER, configured.signer(), SIGNER_TITLE, configured.signerTitle());
    }

    @Transactional(readOnly = true)
    public String get(String key) {
        return stored(key).orElse(defaults.getOrDefault(key, ""));
    }

    private Optional<String> stored(String key) {
        return jdbc.sql("SELECT value FROM station_setting WHERE key = ?").param(key).query(String.class).optional();
    }

    /** The device the next broadcast plays on, read now; blank = the system default. */
    @Transactional(readOnly = true)
    public String outputDevice() {
        return stored(OUTPUT_DEVICE).orElse(audio.device());
    }

    /** How late a broadcast may still start, read now (the configured default may be finer than minutes). */
    @Transactional(readOnly = true)
    public Duration grace() {
        return stored(GRACE_MINUTES).map(m -> Duration.ofMinutes(Long.parseLong(m))).orElse(playout.grace());
    }

    /** Both output settings at once, so a refused grace leaves the device unchanged too. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "OUTPUT_SETTINGS_CHANGED", target = "SETTING", id = "'output'",
            snapshot = "{'device': outputDevice(), 'graceMinutes': grace().toMinutes()}")
    public void setOutput(String device, int graceMinutes) {
        setGraceMinutes(graceMinutes);
        setOutputDevice(device);
    }

    /** Blank picks the system default; a device absent now is kept (it may be plugged in later). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "OUTPUT_SETTINGS_CHANGED", target = "SETTING", id = "'output'", snapshot = "{'device': outputDevice()}")
    public void setOutputDevice(String device) {
        write(OUTPUT_DEVICE, device.strip(), CurrentUser.name());
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "OUTPUT_SETTINGS_CHANGED", target = "SETTING", id = "'output'", snapshot = "{'graceMinutes': grace().toMinutes()}")
    public void setGraceMinutes(int minutes) {
        if (minutes < 0 || minutes > MAX_GRACE_MINUTES) {
            throw new InvalidInputException("BAD_GRACE", "error.settings.grace",
                    "Grace must be 0.." + MAX_GRACE_MINUTES + " minutes, got " + minutes, MAX_GRACE_MINUTES);
        }
        write(GRACE_MINUTES, Integer.toString(minutes), CurrentUser.name());
    }

    /** Forgets an edited value so the configured default applies again. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "SETTING_RESET", target = "SETTING", id = "#key", name = "#key", snapshot = "get(#key)")
    public void resetToDefault(String key) {
        jdbc.sql("DELETE FROM station_setting WHERE key = ?").param(key).update();
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
    public void setFromScheduleFile(String commune, String stationName, String by) {
        store(COMMUNE_NAME, commune, by);
        store(STATION_NAME, stationName, by);
    }

    private void store(String key, String value, String by) {
        if (!defaults.containsKey(key) || (value.isBlank() && !OPTIONAL.contains(key))) {
            throw new InvalidInputException("BAD_SETTING", "error.settings.blank", "Blank or unknown setting " + key);
        }
        write(key, value.strip(), by);
    }

    private void write(String key, String value, String by) {
        jdbc.sql("""
                        INSERT INTO station_setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by""")
                .params(key, value, clock.instant().toString(), by).update();
    }
}
