package vn.loaxa.security.ui;

import java.time.Duration;
import java.util.List;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.jspecify.annotations.Nullable;

import vn.loaxa.security.LoginWait;

@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** The query parameter the login failure handler adds when the password could not be checked. */
    public static final String BUSY = "busy";
    /** The query parameter the login failure handler adds after too many failures: the seconds to wait. */
    public static final String THROTTLED = "throttled";
    /** The longest wait the page will repeat from its address (a day): anything above is nonsense typed by hand. */
    private static final long MAX_WAIT_SECONDS = 86_400;
    /** The query parameter when a login came without a valid CSRF token (a page left open too long, or forged). */
    public static final String EXPIRED = "expired";

    private final LoginForm login = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        login.setI18n(i18n());
        var brand = new H1(getTranslation("app.name"));
        brand.addClassName("loaxa-brand");
        var tagline = new Paragraph(getTranslation("login.tagline"));
        add(new Div(brand, tagline), login);
    }

    private LoginI18n i18n() {
        var i18n = LoginI18n.createDefault();
        var form = i18n.getForm();
        form.setTitle(getTranslation("login.title"));
        form.setUsername(getTranslation("login.username"));
        form.setPassword(getTranslation("login.password"));
        form.setSubmit(getTranslation("login.submit"));
        var error = i18n.getErrorMessage();
        error.setTitle(getTranslation("login.error.title"));
        error.setMessage(getTranslation("login.error.message"));
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        // "busy": the password could not be checked at all (the database was busy), which is no wrong password.
        boolean busy = parameters.containsKey(BUSY);
        var wait = waitOf(parameters.get(THROTTLED));
        boolean expired = parameters.containsKey(EXPIRED);
        var i18n = i18n();
        if (wait != null) {
            // Too many failures for this name or from this computer: how long, never whether the name exists.
            i18n.getErrorMessage().setTitle(getTranslation("login.throttled.title"));
            i18n.getErrorMessage().setMessage(getTranslation("login.throttled.message",
                    LoginWait.text(getLocale(), wait)));
        } else if (busy) {
            i18n.getErrorMessage().setTitle(getTranslation("login.busy.title"));
            i18n.getErrorMessage().setMessage(getTranslation("login.busy.message"));
        } else if (expired) {
            i18n.getErrorMessage().setTitle(getTranslation("login.expired.title"));
            i18n.getErrorMessage().setMessage(getTranslation("login.expired.message"));
        }
        login.setI18n(i18n);
        login.setError(wait != null || busy || expired || parameters.containsKey("error"));
    }

    private static @Nullable Duration waitOf(@Nullable List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(values.getFirst().strip());
            return Duration.ofSeconds(Math.clamp(seconds, 1, MAX_WAIT_SECONDS));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " | " + getTranslation("app.name");
    }
}
