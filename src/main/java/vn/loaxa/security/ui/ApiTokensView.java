package vn.loaxa.security.ui;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.Dialogs;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.base.ui.Pickers;
import vn.loaxa.security.ApiScope;
import vn.loaxa.security.ApiToken;
import vn.loaxa.security.ApiTokenService;
import vn.loaxa.security.UserAccount;
import vn.loaxa.security.UserService;

/**
 * "Khoá API": each user's own tokens, and for an admin any account's (service accounts' tokens
 * are created here). The secret is shown once, in a dialog with a copy button and a warning.
 */
@Route("tokens")
@Menu(order = 11, title = "ui.nav.tokens")
@PermitAll
class ApiTokensView extends Div implements HasDynamicTitle, BeforeEnterObserver {

    private final StationTime stationTime;

    /** The expiry choices: days, a picked last day, or never (service accounts only). */
    static final List<String> EXPIRY_CHOICES = List.of("30", "90", "180", "365", "730", "date", "never");

    private final ApiTokenService tokens;
    private final UserService users;
    private final Clock clock;
    private final boolean admin;
    private final String me;
    private final Grid<ApiToken> grid = new Grid<>();
    private final ComboBox<UserAccount> owner = new ComboBox<>();
    private final Button create;
    private final Span createHint = new Span();

    ApiTokensView(ApiTokenService tokens, UserService users, AuthenticationContext auth, Clock clock, StationTime stationTime) {
        this.stationTime = stationTime;
        this.tokens = tokens;
        this.clock = clock;
        this.users = users;
        this.admin = auth.hasRole("ADMIN");
        this.me = auth.getPrincipalName().orElse("");
        addClassName("loaxa-page");
        create = new Button(getTranslation("ui.tokens.new"), VaadinIcon.PLUS.create(), e -> openCreate());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("token-new");
        var head = new Div(new H1(getTranslation("ui.tokens.title")), create);
        head.addClassName("loaxa-view-head");
        var intro = new Paragraph(getTranslation("ui.tokens.intro"));
        add(head, intro);

        if (admin) {
            owner.setLabel(getTranslation("ui.tokens.owner"));
            owner.setId("token-owner");
            owner.setItemLabelGenerator(a -> a.service() ? getTranslation("ui.tokens.serviceMark", a.username())
                    : a.username());
            owner.setItems(users.findAll());
            owner.setWidth("22em");
            owner.addValueChangeListener(e -> refresh());
            createHint.setId("token-create-hint");
            createHint.addClassName("loaxa-hint");
            add(new Div(owner, createHint));
        }

        grid.addColumn(ApiToken::name).setHeader(getTranslation("ui.tokens.name")).setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(t -> t.scopes().stream().sorted().map(s -> getTranslation("ui.scopeName." + s.code()))
                .collect(Collectors.joining(", "))).setHeader(getTranslation("ui.tokens.scopes")).setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(t -> getTranslation("ui.tokens.createdBy", stationTime.formatDateTime(t.createdAt()), t.createdBy()))
                .setHeader(getTranslation("ui.tokens.created")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(t -> t.expiresAt() == null ? getTranslation("ui.tokens.never") : stationTime.formatDateTime(t.expiresAt()))
                .setHeader(getTranslation("ui.tokens.expires")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(t -> t.lastUsedAt() == null ? getTranslation("ui.tokens.neverUsed")
                        : getTranslation("ui.tokens.lastUsedFrom", stationTime.formatDateTime(t.lastUsedAt()), t.lastUsedFrom()))
                .setHeader(getTranslation("ui.tokens.lastUsed")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(t -> {
            var state = t.state(clock.instant());
            var badge = new Span(getTranslation("ui.tokens.state." + state.name()));
            badge.getElement().getThemeList().add("badge " + switch (state) {
                case ACTIVE -> "success";
                case EXPIRED -> "contrast";
                case REVOKED -> "error";
            });
            if (state == ApiToken.State.REVOKED) {
                badge.setTitle(getTranslation("ui.tokens.revokedAt", stationTime.formatDateTime(t.revokedAt()), t.revokedBy()));
            }
            return badge;
        }).setHeader(getTranslation("ui.tokens.state")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(t -> {
            if (t.revokedAt() != null) {
                return new Span();
            }
            var revoke = new Button(getTranslation("ui.tokens.revoke"), VaadinIcon.BAN.create(), e -> confirmRevoke(t));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            revoke.setId("token-revoke-" + t.id());
            return revoke;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setId("token-grid");
        grid.setEmptyStateText(getTranslation("ui.tokens.empty"));
        add(grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // Users -> "Khoá API" of one account opens this view with ?user=<name>.
        var wanted = event.getLocation().getQueryParameters().getSingleParameter("user").orElse(me);
        if (admin) {
            var account = users.find(wanted).or(() -> users.find(me)).orElse(null);
            owner.setValue(account);
        }
        refresh();
    }

    /** The account whose tokens are shown: an admin's choice, else oneself. */
    private String shownOwner() {
        return admin && owner.getValue() != null ? owner.getValue().username() : me;
    }

    private boolean shownIsService() {
        return admin && owner.getValue() != null && owner.getValue().service();
    }

    private void refresh() {
        var name = shownOwner();
        boolean mine = name.equalsIgnoreCase(me);
        boolean canCreate = mine || shownIsService();
        create.setEnabled(canCreate);
        createHint.setText(canCreate ? "" : getTranslation("ui.tokens.onlyOwnOrService"));
        grid.setItems(tokens.list(mine ? null : name));
    }

    private void openCreate() {
        var ownerName = shownOwner();
        boolean service = shownIsService();
        var dialog = new Dialog(getTranslation("ui.tokens.new"));
        dialog.setId("token-dialog");
        var name = new TextField(getTranslation("ui.tokens.name"));
        name.setId("token-name");
        Dialogs.focusOnOpen(dialog, name);
        name.setHelperText(getTranslation("ui.tokens.nameHelp"));
        name.setMaxLength(100);
        name.setRequired(true);
        var scopes = new CheckboxGroup<ApiScope>(getTranslation("ui.tokens.scopes"));
        scopes.setId("token-scopes");
        scopes.setItems(ApiScope.values());
        scopes.setItemLabelGenerator(s -> getTranslation("ui.scope." + s.code()));
        scopes.setHelperText(getTranslation("ui.tokens.scopesHelp"));
        scopes.setValue(EnumSet.of(ApiScope.READ));
        var expiry = new Select<String>();
        expiry.setLabel(getTranslation("ui.tokens.expiry"));
        expiry.setId("token-expiry");
        expiry.setItems(service ? EXPIRY_CHOICES : EXPIRY_CHOICES.subList(0, EXPIRY_CHOICES.size() - 1));
        expiry.setItemLabelGenerator(c -> getTranslation("ui.tokens.expiry." + c));
        expiry.setValue(String.valueOf(ApiTokenService.DEFAULT_DAYS));
        var date = Pickers.date(getTranslation("ui.tokens.expiryDate"));
        date.setId("token-expiry-date");
        var today = stationTime.today();
        date.setMin(today);
        date.setMax(today.plusDays(ApiTokenService.MAX_DAYS));
        date.setVisible(false);
        expiry.addValueChangeListener(e -> date.setVisible("date".equals(e.getValue())));
        var form = new FormLayout(name, scopes, expiry, date);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        dialog.add(new Paragraph(getTranslation("ui.tokens.for", ownerName)), form);
        dialog.setWidth("36em");
        var save = new Button(getTranslation("ui.tokens.create"), e -> {
            var created = new ApiTokenService.Created[1];
            if (Notices.attempt(this, () -> created[0] = tokens.create(ownerName.equalsIgnoreCase(me) ? null : ownerName,
                    name.getValue(), scopes.getValue().isEmpty() ? EnumSet.noneOf(ApiScope.class)
                            : EnumSet.copyOf(scopes.getValue()), expiryOf(expiry.getValue(), date.getValue())))) {
                dialog.close();
                refresh();
                showSecret(created[0]);
            }
        });
        save.setId("token-create");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("ui.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private static ApiTokenService.Expiry expiryOf(String choice, LocalDate day) {
        return switch (choice) {
            case "never" -> new ApiTokenService.Expiry.Never();
            // No day picked: the service refuses it with its own message.
            case "date" -> day == null ? new ApiTokenService.Expiry.Days(0) : new ApiTokenService.Expiry.Through(day);
            default -> new ApiTokenService.Expiry.Days(Integer.parseInt(choice));
        };
    }

    /** The one time the secret is shown: copy it now, it is not stored. */
    private void showSecret(ApiTokenService.Created created) {
        var token = created.token();
        var dialog = new Dialog(getTranslation("ui.tokens.secretTitle", token.name()));
        dialog.setId("token-secret-dialog");
        dialog.setCloseOnOutsideClick(false);
        var until = token.expiresAt() == null ? getTranslation("ui.tokens.untilRevoked")
                : stationTime.formatDateTime(token.expiresAt());
        var warning = new Paragraph(getTranslation("ui.tokens.secretWarning", token.username(), until));
        warning.addClassName("loaxa-warning");
        warning.getStyle().set("color", "var(--lumo-error-text-color)");
        var secret = new TextField(getTranslation("ui.tokens.secret"));
        secret.setId("token-secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.addFocusListener(e -> secret.getElement().executeJs("this.inputElement.select()"));
        var copy = new Button(getTranslation("ui.tokens.copy"), VaadinIcon.COPY.create(), e -> {
            // The clipboard API needs a secure context (https or localhost); elsewhere the older copy command.
            UI.getCurrent().getPage().executeJs("""
                    const t = $0;
                    if (navigator.clipboard && window.isSecureContext) { return navigator.clipboard.writeText(t); }
                    const a = document.createElement('textarea'); a.value = t; document.body.appendChild(a);
                    a.select(); document.execCommand('copy'); a.remove();""", created.secret());
            Notices.success(this, "ui.tokens.copied");
        });
        copy.setId("token-copy");
        var usage = new Paragraph(getTranslation("ui.tokens.usage"));
        usage.getStyle().set("font-family", "monospace").set("font-size", "var(--lumo-font-size-s)");
        dialog.add(warning, secret, usage);
        dialog.setWidth("40em");
        var done = new Button(getTranslation("ui.tokens.done"), e -> dialog.close());
        done.setId("token-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(copy, done);
        dialog.open();
    }

    private void confirmRevoke(ApiToken token) {
        var dialog = new ConfirmDialog(getTranslation("ui.tokens.revokeTitle", token.name()),
                getTranslation("ui.tokens.revokeText"), getTranslation("ui.tokens.revoke"), e -> {
            if (Notices.attempt(this, () -> tokens.revoke(token.id()))) {
                Notices.success(this, "ui.tokens.revoked");
                refresh();
            }
        });
        dialog.setId("token-revoke-dialog");
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("ui.cancel"));
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.tokens.title") + " | " + getTranslation("app.name");
    }
}
