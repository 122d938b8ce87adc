package vn.loaxa.console.ui;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;
import org.jspecify.annotations.Nullable;
import vn.loaxa.base.Limits;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.library.LibraryService;
import vn.loaxa.playout.StationOutput;
import vn.loaxa.playout.VillageTest;
import vn.loaxa.station.StationSettings;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.transport.ui.ConnectionPanel;
import vn.loaxa.zone.VillageZones;
import vn.loaxa.zone.ZoneAddress;
import vn.loaxa.zone.ZoneSwitchboard;
import vn.loaxa.zone.ZoneSettings;
import vn.loaxa.zone.ui.SwitchingSettings;
import vn.loaxa.zone.ui.VillageAddressDialog;
import vn.loaxa.library.AudioLimits;
import vn.loaxa.playout.LoudnessSettings;
import vn.loaxa.playout.PlayoutSettings;
import vn.loaxa.schedule.EmergencyRights;
import vn.loaxa.watch.DiskThresholds;

/**
 * Commune and station names, villages with their loudspeaker addresses, the sound output (device,
 * grace window, test tone), the longest audio file, who may approve and order emergencies, how the
 * villages' loudspeakers are switched, and how browsers reach the station (HTTPS and its
 * certificate's fingerprint).
 */
@Route("settings")
@Menu(order = 9, title = "ui.nav.settings")
@RolesAllowed("ADMIN")
class SettingsView extends Div implements HasDynamicTitle {

    private final StationTime stationTime;

    private final VillageService villages;
    private final VillageZones zones;
    private final ZoneSwitchboard switchboard;
    private final Grid<Village> grid = new Grid<>();
    private Map<Long, ZoneAddress> addresses = Map.of();

    SettingsView(StationSettings settings, PlayoutSettings output, AudioLimits audioLimits,
                 DiskThresholds diskThresholds, EmergencyRights rights, VillageService villages, StationOutput player, ZoneSettings zoneSettings,
                 VillageZones zones, ZoneSwitchboard switchboard, VillageTest villageTest, Clock clock,
                 ConnectionPanel connection, LibraryService library, vn.loaxa.watch.DiskWatch disk, StationTime stationTime,
                 LoudnessSettings loudness) {
        this.stationTime = stationTime;
        this.villages = villages;
        this.zones = zones;
        this.switchboard = switchboard;
        addClassName("loaxa-page");
        // What reports print in their header and signature block: set once per commune.
        var fields = new java.util.LinkedHashMap<String, TextField>();
        for (var key : List.of(StationSettings.COMMUNE_NAME, StationSettings.STATION_NAME, StationSettings.DISTRICT,
                StationSettings.PROVINCE, StationSettings.OFFICER, StationSettings.SIGNER,
                StationSettings.SIGNER_TITLE)) {
            var field = new TextField(getTranslation("ui.settings.key." + key), settings.get(key), "");
            field.setMaxLength(Limits.TITLE);
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
        // One cell per village whose parts wrap: on a phone four columns left the name a few letters wide.
        grid.addComponentColumn(this::villageEditor).setHeader(getTranslation("ui.settings.village"))
                .setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.setId("village-grid");
        var newName = new TextField();
        newName.setMaxLength(Limits.TITLE);
        newName.setPlaceholder(getTranslation("ui.settings.newVillage"));
        newName.setAriaLabel(getTranslation("ui.zone.newVillageName"));
        var add = new Button(getTranslation("ui.settings.addVillage"), VaadinIcon.PLUS.create(), e -> {
            if (Notices.attempt(this, () -> villages.create(newName.getValue()))) {
                newName.clear();
                refresh();
            }
        });
        var addRow = new Div(newName, add);
        addRow.addClassName("loaxa-toolbar");

        var head = new Div(new H1(getTranslation("ui.settings.title")));
        head.addClassName("loaxa-view-head");
        var left = new Div(card("ui.settings.names", names), card("ui.settings.output",
                new OutputSettings(output, player)), card("ui.settings.liveInput", new InputSettings(output)),
                card("ui.settings.loudness", new LoudnessPanel(loudness)),
                card("ui.settings.library", new LibrarySettings(audioLimits, library)),
                card("ui.settings.disk", new DiskSettings(diskThresholds, disk)),
                card("ui.settings.permissions", new PermissionSettings(rights)), card("ui.tls.title", connection));
        var testPanel = new VillageTestPanel(villageTest, player, switchboard, clock, () -> {
        }, stationTime);
        var switching = card("ui.zone.title", new SwitchingSettings(zoneSettings, switchboard, () -> {
            testPanel.refresh();
            refresh();
        }), testPanel);
        switching.setId("switching-card");
        var right = new Div(card("ui.settings.villages", grid, addRow), switching);
        var cols = Columns.of(left, right);
        add(head, cols);
        refresh();
    }

    private Div villageEditor(Village v) {
        var name = new TextField();
        name.setMaxLength(Limits.TITLE);
        name.setValue(v.name());
        name.setAriaLabel(getTranslation("ui.zone.villageName", String.valueOf(v.position())));
        name.getStyle().set("flex", "1 1 12em");
        name.setId("village-name-" + v.id());
        // A village's name is what the schedule, the air log and the reports show from now on: a slip
        // of the keyboard is asked about before it is stored, and undone when the answer is no.
        name.addValueChangeListener(e -> {
            if (e.isFromClient() && !e.getValue().equals(e.getOldValue())) {
                var before = e.getOldValue();
                confirm("village-rename-confirm", getTranslation("ui.settings.renameTitle"),
                        getTranslation("ui.settings.renameText", before, e.getValue().strip()),
                        getTranslation("ui.settings.renameYes"),
                        () -> {
                            if (!Notices.attempt(this, () -> villages.update(v.id(), e.getValue(), current(v).enabled()))) {
                                name.setValue(before);
                            }
                        },
                        () -> name.setValue(before));
            }
        });
        var on = new Checkbox(getTranslation("ui.settings.inUse"), v.enabled());
        on.setId("village-in-use-" + v.id());
        // Seven identical "in use" boxes say nothing to a screen reader without the village's name.
        on.setAriaLabel(getTranslation("ui.zone.villageInUse", v.name()));
        on.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            Runnable store = () -> {
                if (!Notices.attempt(this, () -> villages.update(v.id(), current(v).name(), e.getValue()))) {
                    on.setValue(e.getOldValue());
                }
            };
            if (e.getValue()) {
                store.run();
            } else {
                // Taking a village out of use silences its loudspeakers for every programme: asked first.
                confirm("village-disable-confirm", getTranslation("ui.settings.disableTitle", current(v).name()),
                        getTranslation("ui.settings.disableText", current(v).name()),
                        getTranslation("ui.settings.disableYes"), store, () -> on.setValue(true));
            }
        });
        var edit = new Button(getTranslation("ui.zone.address"), e -> editAddress(v));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        edit.setAriaLabel(getTranslation("ui.zone.editAddress", v.name()));
        edit.setId("village-address-" + v.id());
        var line = new Div(name, on, edit);
        line.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("align-items", "center")
                .set("gap", "0 var(--lumo-space-s)");
        var address = new Span(summary(addresses.get(v.id())));
        address.addClassName("loaxa-muted");
        // Grid cells do not wrap by default; a long wiring line would be cut off on a phone.
        address.getStyle().set("font-size", "var(--lumo-font-size-s)").set("display", "block")
                .set("white-space", "normal").set("overflow-wrap", "anywhere");
        return new Div(line, address);
    }

    private void confirm(String id, String title, String text, String yes, Runnable onYes, Runnable onNo) {
        var dialog = new ConfirmDialog(title, text, yes, ok -> onYes.run());
        dialog.setId(id);
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("ui.cancel"));
        dialog.addCancelListener(no -> onNo.run());
        dialog.addRejectListener(no -> onNo.run());
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    /** The village as stored now: the row's copy is stale once its name or box was changed. */
    private Village current(Village v) {
        return villages.findAll().stream().filter(x -> x.id() == v.id()).findFirst().orElse(v);
    }

    /** The village's code and whichever addresses are set, so a gap in the wiring table shows. */
    private String summary(@Nullable ZoneAddress a) {
        if (a == null) {
            return "";
        }
        var parts = new ArrayList<String>();
        parts.add(a.code());
        if (a.relay() != null) {
            parts.add(getTranslation("ui.zone.summary.relay", String.valueOf(a.relay())));
        }
        if (a.dtmfOn() != null || a.dtmfOff() != null) {
            parts.add(getTranslation("ui.zone.summary.dtmf", a.dtmfOn() == null ? "–" : a.dtmfOn(),
                    a.dtmfOff() == null ? "–" : a.dtmfOff()));
        }
        if (a.mqttTopic() != null) {
            parts.add(getTranslation("ui.zone.summary.topic", a.mqttTopic()));
        }
        return String.join(" · ", parts);
    }

    private void editAddress(Village v) {
        var a = zones.all().stream().filter(x -> x.villageId() == v.id()).findFirst().orElseThrow();
        new VillageAddressDialog(zones, a, switchboard.config().driver(), this::refresh).open();
    }

    private Div card(String key, com.vaadin.flow.component.Component... content) {
        var d = new Div(new H3(getTranslation(key)));
        d.add(content);
        d.addClassName("loaxa-card");
        return d;
    }

    private void refresh() {
        var byVillage = new HashMap<Long, ZoneAddress>();
        zones.all().forEach(a -> byVillage.put(a.villageId(), a));
        addresses = byVillage;
        grid.setItems(villages.findAll());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.settings.title") + " | " + getTranslation("app.name");
    }
}
