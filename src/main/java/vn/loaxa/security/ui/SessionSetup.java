package vn.loaxa.security.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import vn.loaxa.base.Texts;
import vn.loaxa.security.UserService;

/**
 * Per browser tab: the user's own language (Vietnamese unless they chose English), and the forced
 * password change - until the generated admin password is replaced, every route leads to the
 * change-password page, so the password written to a file never stays in use.
 */
@Component
class SessionSetup implements VaadinServiceInitListener {

    private final UserService users;

    SessionSetup(UserService users) {
        this.users = users;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            var ui = init.getUI();
            var session = ui.getSession();
            var chosen = session.getAttribute(LocaleChosen.class);
            if (chosen == null) {
                var account = currentUsername() == null ? null : users.find(currentUsername()).orElse(null);
                session.setLocale(account != null && "en".equals(account.locale()) ? Texts.ENGLISH : Texts.VIETNAMESE);
                if (account != null) {
                    session.setAttribute(LocaleChosen.class, new LocaleChosen());
                }
            }
            ui.setLocale(session.getLocale());
            ui.addBeforeEnterListener(this::forcePasswordChange);
        });
    }

    private void forcePasswordChange(BeforeEnterEvent event) {
        if (event.getNavigationTarget() == ChangePasswordView.class || event.getNavigationTarget() == LoginView.class) {
            return;
        }
        var name = currentUsername();
        if (name != null && users.find(name).map(a -> a.mustChangePassword()).orElse(false)) {
            event.rerouteTo(ChangePasswordView.class);
        }
    }

    private static String currentUsername() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken ? null
                : auth.getName();
    }

    /** Marks a session whose language was taken from the signed-in account. */
    static final class LocaleChosen implements java.io.Serializable {
    }
}
