package vn.loaxa.station.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;
import vn.loaxa.library.LibraryService;

@Route("")
@Menu(order = 0, title = "nav.home")
@PermitAll
class HomeView extends VerticalLayout implements HasDynamicTitle {

    HomeView(LibraryService library) {
        add(new H2(getTranslation("home.title")));
        add(new Div(getTranslation("home.library.count", library.findAll().size())));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("home.title") + " | " + getTranslation("app.name");
    }
}
