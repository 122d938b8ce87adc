package vn.loaxa.station;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.base.SettingStore;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.security.EmergencyRoles;
import vn.loaxa.security.Role;

/**
 * Who the station is, as an admin edits it in the web UI or a schedule file sets it: one place,
 * the {@code station_setting} table (V0004), read by the UI, the reports and schedule exports. A
 * key never set reads the configured default ({@link StationIdentity}, Gio Sơn out of the box).
 * Who may do what (approval by another person, the emergency roles) lives here too. Each other
 * module keeps its own settings in the same table through {@link SettingStore}: the output device
 * ({@code PlayoutSettings}), the grace window ({@code GraceSettings}), the longest audio file
 * ({@code AudioLimits}), the disk thresholds ({@code DiskThresholds}).
 */
@Service
public class StationSettings implements EmergencyRoles {

    public static final String COMMUNE_NAME = "commune.name";
    public static final String STATION_NAME = "station.name";
    public static final String DISTRICT = "district";
    public static final String PROVINCE = "province";
    public static final String OFFICER = "officer";
    public static final String SIGNER = "signer";
    public static final String SIGNER_TITLE = "signer.title";
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
    @Override
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
        store.write(key, value, by);
    }
}
