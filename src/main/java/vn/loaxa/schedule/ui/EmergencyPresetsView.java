package vn.loaxa.schedule.ui;

import java.util.LinkedHashSet;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import org.jspecify.annotations.Nullable;

import vn.loaxa.base.Limits;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.EmergencyPreset;
import vn.loaxa.schedule.EmergencyPreset.Siren;
import vn.loaxa.schedule.EmergencyPresetService;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/**
 * The admin's list of emergency presets: what each plays (siren, recorded or spoken message), to
 * which villages and how many times. Saving a text speaks it then, so ordering never waits.
 */
@Route("emergency-presets")
@Menu(order = 6.5, title = "ui.nav.presets")
@RolesAllowed("ADMIN")
class EmergencyPresetsView extends Div implements HasDynamicTitle {

    private final transient EmergencyPresetService presets;
    private final transient LibraryService library;
    private final transient VillageService villages;
    private final Grid<EmergencyPreset> grid = new Grid<>();

    EmergencyPresetsView(EmergencyPresetService presets, LibraryService library, VillageService villages) {
        this.presets = presets;
        this.library = library;
        this.villages = villages;
        addClassName("loaxa-page");
        grid.addColumn(EmergencyPreset::name).setHeader(getTranslation("ui.presets.name")).setFlexGrow(1);
        grid.addColumn(p -> getTranslation("ui.presets.siren." + p.siren().name()))
                .setHeader(getTranslation("ui.presets.siren")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::message).setHeader(getTranslation("ui.presets.message")).setFlexGrow(2);
        grid.addColumn(this::villageNames).setHeader(getTranslation("ui.presets.villages")).setFlexGrow(1);
        grid.addColumn(EmergencyPreset::repeatCount).setHeader(getTranslation("ui.presets.repeat"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(p -> {
            var edit = new Button(getTranslation("ui.presets.editButton"), VaadinIcon.EDIT.create(), e -> edit(p));
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
            edit.setId("preset-edit-" + p.id());
            var delete = new Button(getTranslation("ui.presets.deleteButton"), VaadinIcon.TRASH.create(), e -> delete(p));
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            delete.setId("preset-delete-" + p.id());
            var cell = new Div(edit, delete);
            cell.addClassName("loaxa-toolbar");
            return cell;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("ui.empty"));
        grid.setId("presets-grid");
        var add = new Button(getTranslation("ui.presets.add"), VaadinIcon.PLUS.create(), e -> edit(null));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("preset-add");
        var head = new Div(new H2(getTranslation("ui.presets.title")), add);
        head.addClassName("loaxa-view-head");
        var explain = new Paragraph(getTranslation("ui.presets.explain"));
        explain.addClassName("loaxa-muted");
        add(head, explain);
        if (!presets.speechAvailable()) {
            var noSpeech = new Paragraph(getTranslation("ui.presets.noSpeech"));
            noSpeech.addClassName("loaxa-alert");
            noSpeech.setId("presets-no-speech");
            add(noSpeech);
        }
        add(grid);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("ui.presets.title") + " | " + getTranslation("app.name");
    }

    private void refresh() {
        grid.setItems(presets.findAll());
    }

    private String message(EmergencyPreset p) {
        var kind = p.messageAssetId() == null ? (p.messageText() == null ? "" : getTranslation("ui.presets.textOnly"))
                : getTranslation(p.spokenText() != null ? "ui.presets.spoken" : "ui.presets.recorded");
        return p.messageText() == null ? kind : kind + ": " + p.messageText();
    }

    private String villageNames(EmergencyPreset p) {
        if (p.allVillages()) {
            return getTranslation("ui.emergency.preset.allVillages");
        }
        return String.join(", ", villages.findAll().stream().filter(v -> p.villageIds().contains(v.id()))
                .map(Village::name).toList());
    }

    private void edit(@Nullable EmergencyPreset preset) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation(preset == null ? "ui.presets.add" : "ui.presets.edit"));
        var name = new TextField(getTranslation("ui.presets.name"));
        name.setMaxLength(Limits.TITLE);
        name.setRequired(true);
        name.setWidthFull();
        name.setId("preset-name");
        var assets = library.findAll().stream().filter(a -> !a.retired()).toList();
        var siren = new Select<Siren>();
        siren.setLabel(getTranslation("ui.presets.siren"));
        siren.setItems(Siren.values());
        siren.setItemLabelGenerator(s -> getTranslation("ui.presets.siren." + s.name()));
        siren.setValue(Siren.TONE);
        siren.setId("preset-siren");
        var sirenAsset = new ComboBox<AudioAsset>(getTranslation("ui.presets.sirenAsset"));
        sirenAsset.setItems(assets);
        sirenAsset.setItemLabelGenerator(AudioAsset::title);
        sirenAsset.setWidthFull();
        sirenAsset.setId("preset-siren-asset");
        sirenAsset.setVisible(false);
        siren.addValueChangeListener(e -> sirenAsset.setVisible(e.getValue() == Siren.ASSET));
        var message = new ComboBox<AudioAsset>(getTranslation("ui.presets.recording"));
        message.setItems(assets);
        message.setItemLabelGenerator(AudioAsset::title);
        message.setClearButtonVisible(true);
        message.setWidthFull();
        message.setId("preset-message");
        var text = new TextArea(getTranslation("ui.presets.text"));
        text.setMaxLength(Limits.TEXT);
        text.setHelperText(getTranslation("ui.presets.textHelp"));
        text.setWidthFull();
        text.setId("preset-text");
        var targets = new MultiSelectComboBox<Village>(getTranslation("ui.presets.villagesPick"));
        targets.setItems(villages.findAll().stream().filter(Village::enabled).toList());
        targets.setItemLabelGenerator(Village::name);
        targets.setWidthFull();
        targets.setId("preset-villages");
        var repeat = new IntegerField(getTranslation("ui.presets.repeat"));
        repeat.setMin(1);
        repeat.setMax(EmergencyPreset.MAX_REPEAT);
        repeat.setStepButtonsVisible(true);
        repeat.setValue(1);
        repeat.setId("preset-repeat");
        if (preset != null) {
            name.setValue(preset.name());
            siren.setValue(preset.siren());
            if (preset.siren() == Siren.ASSET) {
                assets.stream().filter(a -> a.id() == preset.sirenAssetId()).findFirst().ifPresent(sirenAsset::setValue);
            }
            if (preset.spokenText() == null && preset.messageAssetId() != null) {
                assets.stream().filter(a -> a.id() == preset.messageAssetId()).findFirst().ifPresent(message::setValue);
            }
            text.setValue(preset.messageText() == null ? "" : preset.messageText());
            targets.setValue(new LinkedHashSet<>(villages.findAll().stream()
                    .filter(v -> preset.villageIds().contains(v.id())).toList()));
            repeat.setValue(preset.repeatCount());
        }
        var body = new VerticalLayout(name, siren, sirenAsset, message, text, targets, repeat);
        body.setPadding(false);
        dialog.add(body);
        dialog.setWidth("36em");
        dialog.setMaxWidth("100%");
        var save = new Button(getTranslation("ui.save"), e -> {
            if (repeat.getValue() == null) {
                Notices.error(this, getTranslation("error.preset.repeat", EmergencyPreset.MAX_REPEAT));
                return;
            }
            var draft = new EmergencyPreset.Draft(name.getValue(), siren.getValue(),
                    sirenAsset.isEmpty() ? null : sirenAsset.getValue().id(),
                    message.isEmpty() ? null : message.getValue().id(), text.getValue(),
                    targets.getValue().stream().map(Village::id).toList(), repeat.getValue());
            var ui = UI.getCurrent();
            if (Notices.attempt(this, () -> presets.save(preset == null ? null : preset.id(), draft))) {
                Notices.success(this, "ui.saved");
                dialog.close();
                ui.access(this::refresh);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("preset-save");
        dialog.getFooter().add(new Button(getTranslation("ui.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private void delete(EmergencyPreset preset) {
        var confirm = new ConfirmDialog(getTranslation("ui.presets.delete.title"),
                getTranslation("ui.presets.delete.text", preset.name()), getTranslation("ui.presets.deleteButton"), ok -> {
                    if (Notices.attempt(this, () -> presets.delete(preset.id()))) {
                        Notices.success(this, "ui.presets.deleted", preset.name());
                        refresh();
                    }
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("ui.cancel"));
        confirm.setId("preset-delete-confirm");
        confirm.open();
    }
}
