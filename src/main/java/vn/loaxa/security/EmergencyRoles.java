package vn.loaxa.security;

import java.util.Set;

/**
 * The roles that may order an emergency broadcast, read now: a setting an admin changes, kept by the
 * module that owns the station's settings. Security asks through this interface so that it does not
 * depend on that module, which itself stands on security (its changes are a signed-in admin's).
 */
public interface EmergencyRoles {

    /** Always ADMIN among them. */
    Set<Role> emergencyRoles();
}
