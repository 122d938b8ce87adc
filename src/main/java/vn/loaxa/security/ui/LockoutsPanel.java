package vn.loaxa.security.ui;

import java.time.Instant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;

import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.security.LoginThrottle;
import vn.loaxa.security.LoginThrottle.Kind;
import vn.loaxa.security.LoginThrottle.Lockout;
import vn.loaxa.security.LoginThrottleProperties;
import org.springframework.modulith.NamedInterface;

/**
 * For admins on the dashboard: the accounts (names typed at login, existing or not) and computers
 * held back after failed logins, with a button to let one log in again (a colleague who mistyped).
 */
@NamedInterface("ui")
public class LockoutsPanel extends Div {

    private final StationTime stationTime;

    private final LoginThrottle throttle;
    private final Grid<Lockout> grid = new Grid<>();
    private final Div none = new Div();

    public LockoutsPanel(LoginThrottle throttle, LoginThrottleProperties limits, StationTime stationTime) {
        this.stationTime = stationTime;
        this.throttle = throttle;
        setId("lockouts");
        var help = new Paragraph(getTranslation("ui.lockouts.help", Integer.toString(limits.freeFailures()),
                Integer.toString(limits.lockAfter()), Long.toString(limits.window().toMinutes()),
                Long.toString(limits.lockFor().toMinutes()), Integer.toString(limits.addressLockAfter())));
        help.addClassName("loaxa-help");
        none.setText(getTranslation("ui.lockouts.none"));
        none.addClassName("loaxa-ok");
        grid.addColumn(l -> getTranslation(l.kind() == Kind.ACCOUNT ? "ui.lockouts.account" : "ui.lockouts.address",
                l.key())).setHeader(getTranslation("ui.lockouts.what")).setFlexGrow(2);
        grid.addColumn(l -> Integer.toString(l.failures())).setHeader(getTranslation("ui.lockouts.failures"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::state).setHeader(getTranslation("ui.lockouts.state")).setFlexGrow(2);
        grid.addComponentColumn(l -> {
            var unlock = new Button(getTranslation("ui.lockouts.unlock"), VaadinIcon.UNLOCK.create(), e -> unlock(l));
            unlock.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            unlock.addClassName("lockout-unlock");
            return unlock;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setId("lockouts-grid");
        add(help, none, grid);
        refresh();
    }

    /** Read again (the dashboard calls this with its lists, every few seconds). */
    public void refresh() {
        var current = throttle.current();
        grid.setItems(current);
        grid.setVisible(!current.isEmpty());
        none.setVisible(current.isEmpty());
    }

    private String state(Lockout l) {
        String now;
        if (l.lockedUntil() != null) {
            now = getTranslation("ui.lockouts.locked", time(l.lockedUntil()));
        } else if (l.retryAt() != null) {
            now = getTranslation("ui.lockouts.waiting", time(l.retryAt()));
        } else {
            now = getTranslation("ui.lockouts.slowed");
        }
        var last = getTranslation(l.kind() == Kind.ACCOUNT ? "ui.lockouts.lastAccount" : "ui.lockouts.lastAddress",
                time(l.lastFailure()), l.lastSeen() == null ? "?" : l.lastSeen());
        return now + " · " + last;
    }

    private String time(Instant instant) {
        return stationTime.formatDateTimeSeconds(instant);
    }

    private void unlock(Lockout l) {
        if (Notices.attempt(this, () -> {
            if (l.kind() == Kind.ACCOUNT) {
                throttle.unlockAccount(l.key());
            } else {
                throttle.unlockAddress(l.key());
            }
        })) {
            Notices.success(this, "ui.lockouts.unlocked", l.key());
        }
        refresh();
    }
}
