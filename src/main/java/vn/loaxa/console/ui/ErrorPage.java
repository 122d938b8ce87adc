package vn.loaxa.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.RouterLink;

/**
 * What the not-found and access-denied pages share: a title, the reason, the address asked for and
 * a way back to the dashboard, all inside the main layout so that the menu stays at hand.
 */
abstract class ErrorPage extends Div {

    private final H1 title = new H1();
    private final Paragraph reason = new Paragraph();
    private final Paragraph address = new Paragraph();

    ErrorPage(String id) {
        setId(id);
        addClassName("loaxa-page");
        addClassName("loaxa-error-page");
        address.addClassName("loaxa-muted");
        var home = new RouterLink(DashboardView.class);
        var back = new Button(getTranslation("ui.error.home"), VaadinIcon.HOME.create());
        back.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        back.setTabIndex(-1);
        home.add(back);
        home.setId("error-home");
        add(title, reason, address, home);
    }

    void show(String titleKey, String reasonKey, String path) {
        title.setText(getTranslation(titleKey));
        reason.setText(getTranslation(reasonKey));
        address.setText(getTranslation("ui.error.address", "/" + path));
    }

    String titleText() {
        return title.getText();
    }
}
