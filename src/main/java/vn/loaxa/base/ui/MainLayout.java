package vn.loaxa.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.PermitAll;

/** The frame around every view: the station name, the menu built from the views' @Menu entries, logout. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext auth) {
        var brand = new Span(getTranslation("app.name"));
        brand.addClassName("loaxa-brand");
        var user = new Span(auth.getPrincipalName().orElse(""));
        var logout = new Button(getTranslation("nav.logout"), VaadinIcon.SIGN_OUT.create(), e -> auth.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var header = new HorizontalLayout(new DrawerToggle(), brand, user, logout);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(brand);
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(header);

        var nav = new SideNav();
        MenuConfiguration.getMenuEntries().forEach(entry -> nav.addItem(
                new SideNavItem(getTranslation(entry.title()), entry.path())));
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }
}
