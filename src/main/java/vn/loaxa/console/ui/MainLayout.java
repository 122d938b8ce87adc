package vn.loaxa.console.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import vn.loaxa.base.Texts;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.schedule.ui.EmergencyButton;
import vn.loaxa.security.UserService;
import vn.loaxa.schedule.EmergencyRights;
import vn.loaxa.station.StationSettings;

/**
 * The frame around every view: the station name, the emergency button, the language switch, the
 * menu built from the views' @Menu entries, logout, and what is on air ({@link NowPlayingBar}).
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final WaitingApprovals.@Nullable Badge waiting;
    private @Nullable Registration waitingPoll;

    private final EmergencyButton emergency;

    public MainLayout(AuthenticationContext auth, UserService users, StationSettings settings, EmergencyRights rights,
                      EmergencyButton emergency, BulletinService bulletins) {
        this.emergency = emergency;
        var brand = new Span(settings.stationName());
        brand.addClassName("loaxa-brand");
        var language = new Select<String>();
        language.setItems("vi", "en");
        language.setItemLabelGenerator(l -> getTranslation("ui.language." + l));
        language.setValue(Texts.ENGLISH.getLanguage().equals(getLocale().getLanguage()) ? "en" : "vi");
        language.setAriaLabel(getTranslation("ui.language"));
        language.addClassName("loaxa-language");
        language.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                users.setOwnLocale(e.getValue());
                var locale = "en".equals(e.getValue()) ? Texts.ENGLISH : Texts.VIETNAMESE;
                VaadinSession.getCurrent().setLocale(locale);
                // Every text is read when a view is built, so the simplest complete switch is a reload.
                UI.getCurrent().getPage().reload();
            }
        });
        var user = new Span(auth.getPrincipalName().orElse(""));
        user.addClassName("loaxa-user");
        // On a phone the word hides and the icon stays, named for screen readers by its aria-label.
        var logoutText = new Span(getTranslation("nav.logout"));
        logoutText.addClassName("loaxa-wide-only");
        var logout = new Button(VaadinIcon.SIGN_OUT.create(), e -> auth.logout());
        logout.setId("logout");
        logout.getElement().appendChild(logoutText.getElement());
        logout.setAriaLabel(getTranslation("nav.logout"));
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var toggle = new DrawerToggle();
        toggle.setAriaLabel(getTranslation("nav.menu"));
        var header = new HorizontalLayout(toggle, brand);
        // The roles that may order an emergency are a station setting; the service checks it again.
        if (rights.mayOrderEmergency()) {
            header.add(emergency);
        }
        header.add(language, user, logout);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(brand);
        header.addClassName("loaxa-header");
        addToNavbar(header);

        var nav = new SideNav();
        WaitingApprovals.Badge badge = null;
        for (var entry : MenuConfiguration.getMenuEntries()) {
            var item = new SideNavItem(getTranslation(entry.title()), entry.path());
            if (WaitingApprovals.isInbox(entry.path())) {
                badge = new WaitingApprovals.Badge(bulletins);
                item.setSuffixComponent(badge);
            }
            nav.addItem(item);
        }
        waiting = badge;
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }

    /** The count of waiting bulletins is read again on every page the user opens. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        if (waiting != null) {
            waiting.refresh();
        }
    }

    /** Seconds between two counts of waiting bulletins while a page stays open (one cheap query). */
    static final int WAITING_EVERY_POLLS = 15;

    /**
     * A leader who keeps the dashboard open on a phone sees a new submission within a quarter of a
     * minute: the count rides on the now-playing bar's one-second poll, every 15th tick.
     */
    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (waiting != null) {
            var ticks = new int[1];
            waitingPoll = event.getUI().addPollListener(e -> {
                if (++ticks[0] % WAITING_EVERY_POLLS == 0) {
                    try {
                        waiting.refresh();
                    } catch (org.springframework.dao.DataAccessException busy) {
                        // The database is busy: the count shown stays, the next tick reads it again.
                    }
                }
            });
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (waitingPoll != null) {
            waitingPoll.remove();
            waitingPoll = null;
        }
        super.onDetach(event);
    }

    /** The view is the page's main landmark, whatever view it is (axe: "region", "landmark-one-main"). */
    @Override
    public void showRouterLayoutContent(HasElement content) {
        super.showRouterLayoutContent(content);
        if (content != null) {
            content.getElement().setAttribute("role", "main");
        }
    }

    /** What is on air, under the header on every page and atop the emergency dialog. */
    @Autowired
    void nowPlaying(NowPlayingBar bar) {
        addToNavbar(bar);
        emergency.onAirControls(() -> bar.copy("emergency"));
    }
}
