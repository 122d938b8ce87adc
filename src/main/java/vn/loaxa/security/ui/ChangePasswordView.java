package vn.loaxa.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.security.UserService;

/** Where a user replaces their password; the generated admin lands here until they do. */
@Route(value = "change-password", autoLayout = false)
@PermitAll
class ChangePasswordView extends VerticalLayout implements HasDynamicTitle {

    ChangePasswordView(UserService users) {
        setAlignItems(Alignment.CENTER);
        var current = new PasswordField(getTranslation("ui.password.current"));
        var fresh = new PasswordField(getTranslation("ui.password.new"));
        fresh.setHelperText(getTranslation("ui.password.rule"));
        var again = new PasswordField(getTranslation("ui.password.again"));
        for (var f : new PasswordField[] {current, fresh, again}) {
            f.setWidth("22em");
        }
        var save = new Button(getTranslation("ui.password.save"), e -> {
            if (!fresh.getValue().equals(again.getValue())) {
                again.setInvalid(true);
                again.setErrorMessage(getTranslation("ui.password.mismatch"));
                return;
            }
            if (Notices.attempt(this, () -> users.changeOwnPassword(current.getValue(), fresh.getValue()))) {
                Notices.success(this, "ui.password.changed");
                UI.getCurrent().navigate("");
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-password");
        add(new H1(getTranslation("ui.password.title")), new Paragraph(getTranslation("ui.password.why")),
                current, fresh, again, save);
        // A page of its own, outside the main layout: it is its own main landmark.
        getElement().setAttribute("role", "main");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.password.title") + " | " + getTranslation("app.name");
    }
}
