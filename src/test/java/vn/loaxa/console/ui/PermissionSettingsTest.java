package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.security.Role;
import vn.loaxa.schedule.EmergencyRights;
import vn.loaxa.bulletin.ApprovalRule;
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.UiTest;

/** The admin sets who may approve their own work and who may order emergencies, on the Settings page. */
@WithMockUser(username = "quantri", roles = "ADMIN")
class PermissionSettingsTest extends UiTest {

    @Autowired StationSettings settings;

    @Autowired EmergencyRights rights;

    @AfterEach
    void backToTheDefaults() {
        RunAs.run("admin", "ADMIN", () -> {
            settings.resetToDefault(ApprovalRule.APPROVAL_NOT_BY_AUTHOR);
            settings.resetToDefault(EmergencyRights.EMERGENCY_ROLES);
            return null;
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_defaults_are_shown_and_a_change_applies_from_the_next_approval_or_emergency() {
        navigate(SettingsView.class);
        var notByAuthor = find(Checkbox.class).id("approval-not-by-author");
        var roles = (CheckboxGroup<Role>) find(CheckboxGroup.class).id("emergency-roles");
        assertThat(notByAuthor.getValue()).isTrue();
        assertThat(notByAuthor.getLabel()).isEqualTo("Người soạn bản tin không được tự duyệt");
        assertThat(roles.getValue()).containsExactlyInAnyOrder(Role.ADMIN, Role.OPERATOR, Role.APPROVER);
        assertThat(roles.getItemEnabledProvider().test(Role.ADMIN)).as("admins always may").isFalse();
        assertThat(roles.getItemEnabledProvider().test(Role.REPORTER)).isTrue();

        notByAuthor.setValue(false);
        roles.setValue(Set.of(Role.APPROVER));
        test(find(Button.class).id("permissions-save")).click();

        assertThat(rights.approvalNotByAuthor()).isFalse();
        assertThat(rights.emergencyRoles()).containsExactlyInAnyOrder(Role.ADMIN, Role.APPROVER);
        assertThat(roles.getValue()).containsExactlyInAnyOrder(Role.ADMIN, Role.APPROVER);
    }

    @Test
    @WithMockUser(username = "can.bo.dai", roles = "OPERATOR")
    void an_operator_cannot_change_them_even_by_calling_the_service() {
        var refused = org.assertj.core.api.Assertions.catchThrowable(() -> rights.setPermissions(false, Set.of()));
        assertThat(refused).isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThat(rights.approvalNotByAuthor()).isTrue();
    }
}
