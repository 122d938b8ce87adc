package vn.loaxa.security.ui;

import java.util.EnumSet;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.ColumnsByWidth;
import vn.loaxa.base.ui.Dialogs;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserAccount;
import vn.loaxa.security.UserService;

/** Accounts: create, change roles, disable (never delete: names stay in the log), reset a password. */
@Route("users")
@Menu(order = 10, title = "ui.nav.users")
@RolesAllowed("ADMIN")
class UsersView extends Div implements HasDynamicTitle {

    private final StationTime stationTime;

    private final UserService users;
    private final Grid<UserAccount> grid = new Grid<>();

    UsersView(UserService users, StationTime stationTime) {
        this.stationTime = stationTime;
        this.users = users;
        addClassName("loaxa-page");
        var create = new Button(getTranslation("ui.users.new"), VaadinIcon.PLUS.create(), e -> edit(null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("user-new");
        var head = new Div(new H1(getTranslation("ui.users.title")), create);
        head.addClassName("loaxa-view-head");
        grid.addColumn(UserAccount::username).setHeader(getTranslation("login.username")).setFlexGrow(1);
        grid.addColumn(UserAccount::displayName).setHeader(getTranslation("ui.users.name")).setFlexGrow(1);
        grid.addColumn(u -> u.roles().stream().map(r -> getTranslation("ui.role." + r.name()))
                .collect(Collectors.joining(", "))).setHeader(getTranslation("ui.users.roles")).setFlexGrow(2);
        grid.addColumn(u -> getTranslation("ui.users.kind." + u.kind().name()))
                .setHeader(getTranslation("ui.users.kind")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(u -> getTranslation(u.enabled() ? "ui.users.active" : "ui.users.disabled"))
                .setHeader(getTranslation("ui.users.status")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(u -> stationTime.formatDate(u.createdAt()))
                .setHeader(getTranslation("ui.users.created")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(u -> {
            var edit = new Button(VaadinIcon.EDIT.create(), e -> edit(u));
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            edit.setAriaLabel(getTranslation("ui.users.edit"));
            var tokens = new Button(VaadinIcon.KEY.create(), e -> getUI().ifPresent(ui -> ui.navigate(
                    ApiTokensView.class, QueryParameters.of("user", u.username()))));
            tokens.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            tokens.setAriaLabel(getTranslation("ui.users.tokens"));
            tokens.setTooltipText(getTranslation("ui.users.tokens"));
            tokens.setId("user-tokens-" + u.username());
            return new Div(edit, tokens);
        }).setAutoWidth(true).setFlexGrow(0);
        ColumnsByWidth.of(grid).hideBelow(ColumnsByWidth.LAPTOP, 3, 5).hideBelow(ColumnsByWidth.PHONE, 1, 2);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setId("user-grid");
        add(head, grid);
        refresh();
    }

    private void edit(UserAccount account) {
        var dialog = new Dialog(getTranslation(account == null ? "ui.users.new" : "ui.users.edit"));
        var username = new TextField(getTranslation("login.username"));
        var name = new TextField(getTranslation("ui.users.name"));
        var roles = new CheckboxGroup<Role>(getTranslation("ui.users.roles"));
        roles.setItems(Role.values());
        roles.setItemLabelGenerator(r -> getTranslation("ui.role." + r.name()));
        var enabled = new Checkbox(getTranslation("ui.users.active"), true);
        var password = new PasswordField(getTranslation(account == null ? "login.password" : "ui.users.resetTo"));
        password.setHelperText(getTranslation("ui.users.passwordHelp") + " " + getTranslation("ui.password.rule"));
        // A service account has no password: it acts only through the API tokens an admin gives it.
        var service = new Checkbox(getTranslation("ui.users.service"), account != null && account.service());
        service.setId("user-service");
        service.setReadOnly(account != null);
        password.setVisible(!service.getValue());
        service.addValueChangeListener(e -> password.setVisible(!e.getValue()));
        Dialogs.focusOnOpen(dialog, account == null ? username : name);
        if (account != null) {
            username.setValue(account.username());
            username.setReadOnly(true);
            name.setValue(account.displayName());
            roles.setValue(account.roles());
            enabled.setValue(account.enabled());
        } else {
            roles.setValue(EnumSet.of(Role.OPERATOR));
        }
        var form = new FormLayout(username, name, roles, enabled, service, password);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
        form.setColspan(roles, 2);
        form.setColspan(service, 2);
        dialog.add(form);
        dialog.setWidth("40em");
        var save = new Button(getTranslation("ui.save"), e -> {
            if (Notices.attempt(this, () -> {
                if (roles.isEmpty()) {
                    throw new InvalidInputException("NO_ROLES", "error.user.noRoles", "no roles");
                }
                if (account == null && service.getValue()) {
                    users.createServiceAccount(username.getValue(), name.getValue(), roles.getValue());
                } else if (account == null) {
                    users.create(username.getValue(), name.getValue(), password.getValue(), roles.getValue(), true);
                } else {
                    users.update(account.id(), name.getValue(), roles.getValue(), enabled.getValue());
                    if (!password.isEmpty() && !account.service()) {
                        users.resetPassword(account.id(), password.getValue());
                    }
                }
            })) {
                Notices.success(this, "ui.saved");
                dialog.close();
                refresh();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("ui.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private void refresh() {
        grid.setItems(users.findAll());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.users.title") + " | " + getTranslation("app.name");
    }
}
