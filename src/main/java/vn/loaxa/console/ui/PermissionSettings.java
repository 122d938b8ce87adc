package vn.loaxa.console.ui;

import java.util.EnumSet;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Div;

import vn.loaxa.base.ui.Notices;
import vn.loaxa.security.Role;
import vn.loaxa.schedule.EmergencyRights;

/**
 * Who may do what beyond the roles themselves: whether a bulletin's author may approve it, and which
 * roles may order an emergency. ADMIN always may, so its box is ticked and fixed. Applied from the
 * next approval or emergency on; the services read the settings each time.
 */
class PermissionSettings extends Div {

    PermissionSettings(EmergencyRights settings) {
        var notByAuthor = new Checkbox(getTranslation("ui.settings.approvalNotByAuthor"),
                settings.approvalNotByAuthor());
        notByAuthor.setHelperText(getTranslation("ui.settings.approvalNotByAuthorHelp"));
        notByAuthor.setId("approval-not-by-author");
        var emergency = new CheckboxGroup<Role>(getTranslation("ui.settings.emergencyRoles"));
        emergency.setItems(Role.values());
        emergency.setItemLabelGenerator(r -> getTranslation("ui.role." + r.name()));
        emergency.setItemEnabledProvider(r -> r != Role.ADMIN);
        emergency.setValue(settings.emergencyRoles());
        emergency.setHelperText(getTranslation("ui.settings.emergencyRolesHelp"));
        emergency.setId("emergency-roles");
        var save = new Button(getTranslation("ui.save"), e -> {
            var roles = EnumSet.noneOf(Role.class);
            roles.addAll(emergency.getValue());
            roles.add(Role.ADMIN);
            if (Notices.attempt(this, () -> settings.setPermissions(notByAuthor.getValue(), roles))) {
                emergency.setValue(settings.emergencyRoles());
                Notices.success(this, "ui.saved");
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("permissions-save");
        add(notByAuthor, emergency, save);
        getStyle().set("display", "flex").set("flex-direction", "column").set("align-items", "flex-start")
                .set("gap", "var(--lumo-space-s)");
    }
}
