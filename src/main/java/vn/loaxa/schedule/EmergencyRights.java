package vn.loaxa.schedule;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.SettingStore;
import vn.loaxa.bulletin.ApprovalRule;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.security.EmergencyRoles;
import vn.loaxa.security.Role;

/**
 * The roles that may order an emergency broadcast, as an admin sets them on the Settings page; read
 * by one-offs, by the header's emergency button and (through {@link EmergencyRoles}) by the API's
 * role check. With it the bulletin approval rule, since the Settings page saves both as "who may do
 * what" at once.
 */
@Service
public class EmergencyRights implements EmergencyRoles {

    /** The roles that may order an emergency broadcast, comma-separated; ADMIN always may. */
    public static final String EMERGENCY_ROLES = "emergency.roles";
    /** Who could order an emergency before the setting existed: a storm warning cannot wait for an operator. */
    public static final Set<Role> DEFAULT_EMERGENCY_ROLES = Collections.unmodifiableSet(
            EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.APPROVER));

    private final SettingStore store;
    private final ApprovalRule approval;

    EmergencyRights(SettingStore store, ApprovalRule approval) {
        this.store = store;
        this.approval = approval;
    }

    /** The roles that may order an emergency, read now; always ADMIN among them. */
    @Override
    @Transactional(readOnly = true)
    public Set<Role> emergencyRoles() {
        var roles = store.read(EMERGENCY_ROLES).map(EmergencyRights::parseRoles)
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
        store.write(EMERGENCY_ROLES, chosen.stream().map(Role::name).collect(Collectors.joining(",")),
                CurrentUser.name());
    }

    /** Whether a bulletin's author is refused its approval (the bulletin module's rule), read now. */
    public boolean approvalNotByAuthor() {
        return approval.approvalNotByAuthor();
    }

    /** Both rules of who may do what at once, as the Settings page saves them. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PERMISSIONS_CHANGED", target = "SETTING", id = "'permissions'",
            snapshot = "{'approvalNotByAuthor': approvalNotByAuthor(), 'emergencyRoles': emergencyRoles()}")
    public void setPermissions(boolean approvalNotByAuthor, Set<Role> emergencyRoles) {
        approval.setApprovalNotByAuthor(approvalNotByAuthor);
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
}
