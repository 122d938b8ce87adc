package vn.loaxa.station.ui;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.playout.StationPlayer;
import vn.loaxa.station.StationSettings;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/** Commune and station names, villages, and the sound output (device, grace window, test tone). */
@Route("settings")
@Menu(order = 9, title = "ui.nav.settings")
@RolesAllowed("ADMIN")
class SettingsView extends Div implements HasDynamicTitle {

    private final VillageService villages;
    private final Grid<Village> grid = new Grid<>();

    SettingsView(StationSettings settings, VillageService villages, StationPlayer player) {
        this.villages = villages;
        addClassName("loaxa-page");
        // What reports print in their header and signature block: set once per commune.
        var fields = new java.util.LinkedHashMap<String, TextField>();
        for (var key : List.of(StationSettings.COMMUNE_NAME, StationSettings.STATION_NAME, StationSettings.DISTRICT,
                StationSettings.PROVINCE, StationSettings.OFFICER, StationSettings.SIGNER,
                StationSettings.SIGNER_TITLE)) {
            var field = new TextField(getTranslation("ui.settings.key." + key), settings.get(key), "");
            field.setWidth(key.equals(StationSettings.STATION_NAME) ? "26em" : "16em");
            fields.put(key, field);
        }
        var saveNames = new Button(getTranslation("ui.save"), e -> {
            if (Notices.attempt(this, () -> fields.forEach((key, field) -> settings.set(key, field.getValue())))) {
                Notices.success(this, "ui.saved");
            }
        });
        saveNames.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var names = new Div(fields.values().toArray(new TextField[0]));
        names.add(saveNames);
        names.addClassName("loaxa-toolbar");

        grid.addColumn(Village::position).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::nameEditor).setHeader(getTranslation("ui.settings.village")).setFlexGrow(1);
        grid.addComponentColumn(v -> {
            var on = new Checkbox(getTranslation("ui.settings.inUse"), v.enabled());
            on.addValueChangeListener(e -> Notices.attempt(this, () -> villages.update(v.id(), v.name(), e.getValue())));
            return on;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.setId("village-grid");
        var newName = new TextField();
        newName.setPlaceholder(getTranslation("ui.settings.newVillage"));
        var add = new Button(getTranslation("ui.settings.addVillage"), VaadinIcon.PLUS.create(), e -> {
            if (Notices.attempt(this, () -> villages.create(newName.getValue()))) {
                newName.clear();
                refresh();
            }
        });
        var addRow = new Div(newName, add);
        addRow.addClassName("loaxa-toolbar");

        var head = new Div(new H2(getTranslation("ui.settings.title")));
        head.addClassName("loaxa-view-head");
        var left = new Div(card("ui.settings.names", names), card("ui.settings.output",
                new OutputSettings(settings, player)));
        left.addClassName("loaxa-col");
        var right = new Div(card("ui.settings.villages", grid, addRow));
        right.addClassName("loaxa-col");
        var cols = new Div(left, right);
        cols.addClassName("loaxa-dashboard-grid");
        add(head, cols);
        refresh();
    }

    private TextField nameEditor(Village v) {
        var field = new TextField();
        field.setValue(v.name());
        field.setWidthFull();
        field.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                Notices.attempt(this, () -> villages.update(v.id(), e.getValue(), v.enabled()));
            }
        });
        return field;
    }

    private Div card(String key, com.vaadin.flow.component.Component... content) {
        var d = new Div(new H3(getTranslation(key)));
        d.add(content);
        d.addClassName("loaxa-card");
        return d;
    }

    private void refresh() {
        grid.setItems(villages.findAll());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.settings.title") + " | " + getTranslation("app.name");
    }
}
