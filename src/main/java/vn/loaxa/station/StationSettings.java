package vn.loaxa.station;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.library.LibraryProperties;
import vn.loaxa.playout.AudioOutputProperties;
import vn.loaxa.schedule.PlayoutProperties;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.security.Role;

/**
 * Who the station is, as an admin edits it in the web UI or a schedule file sets it: one place,
 * the {@code station_setting} table (V0004), read by the UI, the reports and schedule exports. A
 * key never set reads the configured default ({@link StationIdentity}, Gio Sơn out of the box).
 * The output device, the grace window and the longest audio file live here too, so an admin can
 * change them without a restart; never set, they read {@code loaxa.audio.device},
 * {@code loaxa.playout.grace} and {@code loaxa.library.max-duration}.
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
    /** The longest audio one file may hold, in whole minutes (the import refuses longer ones as TOO_LONG). */
    public static final String MAX_AUDIO_MINUTES = "library.max-audio.minutes";
    /**
     * Free space below which the data or audio folder's disk is an alert (decision 0024); never set,
     * {@code loaxa.watch.disk-min-free} (1 GB) and {@code -percent} (5 %).
     */
    public static final String DISK_MIN_FREE_MB = "watch.disk.min-free-mb";
    public static final String DISK_MIN_FREE_PERCENT = "watch.disk.min-free-percent";
    public static final int MAX_DISK_MIN_FREE_MB = 1_000_000;
    public static final int MAX_DISK_MIN_FREE_PERCENT = 50;
    /** A minute to twelve hours: a station identification up to a day's recorded meeting. */
    public static final int MIN_AUDIO_LIMIT_MINUTES = 1;
    public static final int MAX_AUDIO_LIMIT_MINUTES = 12 * 60;
    /**
     * "true" (the default) or "false": whether a bulletin must be approved by someone other than who
     * wrote it. Off only for a station with a single person doing both.
     */
    public static final String APPROVAL_NOT_BY_AUTHOR = "approval.not-by-author";
    /** The roles that may order an emergency broadcast, comma-separated; ADMIN always may. */
    public static final String EMERGENCY_ROLES = "emergency.roles";
    /** Who could order an emergency before the setting existed: a storm warning cannot wait for an operator. */
    public static final Set<Role> DEFAULT_EMERGENCY_ROLES = Collections.unmodifiableSet(
            EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.APPROVER));
    /** Keys that may be left blank (an unnamed officer, a chairman signing without a deputy title). */
    private static final Set<String> OPTIONAL = Set.of(OFFICER, SIGNER_TITLE);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, String> defaults;
    private final AudioOutputProperties audio;
    private final PlayoutProperties playout;
    private final LibraryProperties library;

    StationSettings(JdbcClient jdbc, Clock clock, StationIdentity configured, AudioOutputProperties audio,
                    PlayoutProperties playout, LibraryProperties library) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audio = audio;
        this.playout = playout;
        this.library = library;
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

    /** The longest audio one file may hold, read now; never set, {@code loaxa.library.max-duration} (3 h). */
    @Transactional(readOnly = true)
    public Duration maxAudioDuration() {
        return stored(MAX_AUDIO_MINUTES).map(m -> Duration.ofMinutes(Long.parseLong(m))).orElse(library.maxDuration());
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "SETTING_CHANGED", target = "SETTING", id = "'library.max-audio.minutes'",
            name = "'library.max-audio.minutes'", snapshot = "{'maxAudioMinutes': maxAudioDuration().toMinutes()}")
    public void setMaxAudioMinutes(int minutes) {
        if (minutes < MIN_AUDIO_LIMIT_MINUTES || minutes > MAX_AUDIO_LIMIT_MINUTES) {
            throw new InvalidInputException("BAD_AUDIO_LIMIT", "error.settings.maxAudio",
                    "The audio limit must be " + MIN_AUDIO_LIMIT_MINUTES + ".." + MAX_AUDIO_LIMIT_MINUTES
                            + " minutes, got " + minutes, MIN_AUDIO_LIMIT_MINUTES, MAX_AUDIO_LIMIT_MINUTES);
        }
        write(MAX_AUDIO_MINUTES, Integer.toString(minutes), CurrentUser.name());
    }

    /**
     * Both disk thresholds at once: below either, a disk is an alert. 0 turns that threshold off;
     * both 0 turns the disk alert off.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "SETTING_CHANGED", target = "SETTING", id = "'watch.disk'", name = "'watch.disk'",
            snapshot = "{'minFreeMb': get('watch.disk.min-free-mb'), 'minFreePercent': get('watch.disk.min-free-percent')}")
    public void setDiskThresholds(int minFreeMb, int minFreePercent) {
        if (minFreeMb < 0 || minFreeMb > MAX_DISK_MIN_FREE_MB || minFreePercent < 0
                || minFreePercent > MAX_DISK_MIN_FREE_PERCENT) {
            throw new InvalidInputException("BAD_DISK_THRESHOLD", "error.settings.disk",
                    "Disk thresholds must be 0.." + MAX_DISK_MIN_FREE_MB + " MB and 0.." + MAX_DISK_MIN_FREE_PERCENT
                            + " %, got " + minFreeMb + " MB and " + minFreePercent + " %",
                    MAX_DISK_MIN_FREE_MB, MAX_DISK_MIN_FREE_PERCENT);
        }
        var by = CurrentUser.name();
        write(DISK_MIN_FREE_MB, Integer.toString(minFreeMb), by);
        write(DISK_MIN_FREE_PERCENT, Integer.toString(minFreePercent), by);
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
        Limits.title(device);
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

    /** Whether a bulletin's author is refused its approval; read now, so a change applies to the next approval. */
    @Transactional(readOnly = true)
    public boolean approvalNotByAuthor() {
        return stored(APPROVAL_NOT_BY_AUTHOR).map(v -> !v.equalsIgnoreCase("false")).orElse(true);
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PERMISSIONS_CHANGED", target = "SETTING", id = "'permissions'",
            snapshot = "{'approvalNotByAuthor': approvalNotByAuthor()}")
    public void setApprovalNotByAuthor(boolean required) {
        write(APPROVAL_NOT_BY_AUTHOR, Boolean.toString(required), CurrentUser.name());
    }

    /** The roles that may order an emergency, read now; always ADMIN among them. */
    @Transactional(readOnly = true)
    public Set<Role> emergencyRoles() {
        var roles = stored(EMERGENCY_ROLES).map(StationSettings::parseRoles)
                .orElseGet(() -> EnumSet.copyOf(DEFAULT_EMERGENCY_ROLES));
        roles.add(Role.ADMIN);
        return Collections.unmodifiableSet(roles);
    }

    /**
     * ADMIN is kept whatever is chosen: an admin could put it back at once, and a station whose admin
     * cannot broadcast a flood warning gains nothing from it.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PERMISSIONS_CHANGED", target = "SETTING", id = "'permissions'",
            snapshot = "{'emergencyRoles': emergencyRoles()}")
    public void setEmergencyRoles(Set<Role> roles) {
        var chosen = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        chosen.add(Role.ADMIN);
        write(EMERGENCY_ROLES, chosen.stream().map(Role::name).collect(Collectors.joining(",")), CurrentUser.name());
    }

    /** Both rules of who may do what at once, as the Settings page saves them. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PERMISSIONS_CHANGED", target = "SETTING", id = "'permissions'",
            snapshot = "{'approvalNotByAuthor': approvalNotByAuthor(), 'emergencyRoles': emergencyRoles()}")
    public void setPermissions(boolean approvalNotByAuthor, Set<Role> emergencyRoles) {
        setApprovalNotByAuthor(approvalNotByAuthor);
        setEmergencyRoles(emergencyRoles);
    }

    /** Whether the signed-in user (or the station itself, acting as admin) may order an emergency now. */
    @Transactional(readOnly = true)
    public boolean mayOrderEmergency() {
        var allowed = emergencyRoles();
        return CurrentUser.roles().stream().anyMatch(allowed::contains);
    }

    /** Unknown names (a hand-edited database) are left out rather than failing an emergency. */
    private static EnumSet<Role> parseRoles(String value) {
        var roles = EnumSet.noneOf(Role.class);
        for (var name : value.split(",")) {
            Arrays.stream(Role.values()).filter(r -> r.name().equals(name.strip())).forEach(roles::add);
        }
        return roles;
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
        jdbc.sql("""
                        INSERT INTO station_setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by""")
                .params(key, value, clock.instant().toString(), by).update();
    }
}
