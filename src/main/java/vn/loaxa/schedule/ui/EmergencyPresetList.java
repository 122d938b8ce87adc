package vn.loaxa.schedule.ui;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;

import vn.loaxa.base.ui.Notices;
import vn.loaxa.schedule.EmergencyPreset;
import vn.loaxa.schedule.EmergencyPresetService;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/**
 * The prepared messages at the top of the emergency dialog: one large button each, so a storm
 * warning goes out in two taps from a phone (the preset, then "play now"). A preset with no spoken
 * message yet shows its text, for the operator to read out after the siren.
 */
class EmergencyPresetList extends Div {

    private final transient EmergencyPresetService presets;
    private final transient Runnable onOrdered;

    EmergencyPresetList(EmergencyPresetService presets, VillageService villages, Runnable onOrdered) {
        this.presets = presets;
        this.onOrdered = onOrdered;
        setId("emergency-presets");
        addClassName("loaxa-presets");
        getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)")
                .set("width", "100%");
        var all = presets.findAll();
        if (all.isEmpty()) {
            var none = new Span(getTranslation("ui.emergency.presets.none"));
            none.addClassName("loaxa-muted");
            add(none);
            return;
        }
        var inUse = villages.findAll().stream().filter(Village::enabled).toList();
        for (var preset : all) {
            add(entry(preset, inUse));
        }
    }

    private Div entry(EmergencyPreset preset, List<Village> inUse) {
        var where = where(preset, inUse);
        var button = new Button(preset.name(), VaadinIcon.MEGAPHONE.create(), e -> confirm(preset,
                preset.villageIds().isEmpty() || where.equals(getTranslation("ui.emergency.preset.allVillages"))
                        ? getTranslation("ui.emergency.preset.allVillagesInSentence") : where));
        button.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_LARGE);
        button.setWidthFull();
        button.setId("preset-" + preset.id());
        button.addClassName("loaxa-preset");
        var summary = new Span(where + " · " + getTranslation("ui.emergency.preset.repeat", preset.repeatCount()));
        summary.addClassName("loaxa-muted");
        var entry = new Div(button, summary);
        if (preset.messageAssetId() == null && preset.messageText() != null) {
            // No speech was made (no espeak-ng): the siren plays, a person reads the text after it.
            // Folded, so that on a phone the next preset stays within a thumb's reach.
            var text = new Details(getTranslation("ui.emergency.preset.readOut"), new Div(preset.messageText()));
            text.addClassName("loaxa-muted");
            text.addClassName("loaxa-preset-text");
            entry.add(text);
        }
        entry.getStyle().set("display", "flex").set("flex-direction", "column");
        return entry;
    }

    private String where(EmergencyPreset preset, List<Village> inUse) {
        var named = inUse.stream().filter(v -> preset.villageIds().contains(v.id())).map(Village::name).toList();
        return named.isEmpty() ? getTranslation("ui.emergency.preset.allVillages") : String.join(", ", named);
    }

    private void confirm(EmergencyPreset preset, String where) {
        var confirm = new ConfirmDialog(getTranslation("ui.emergency.preset.confirm.title"),
                getTranslation("ui.emergency.preset.confirm.text", preset.name(), where),
                getTranslation("ui.emergency.confirm.yes"), ok -> {
                    if (Notices.attempt(this, () -> presets.order(preset.id()))) {
                        Notices.success(this, "ui.emergency.preset.sent", preset.name());
                        onOrdered.run();
                    }
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setId("preset-confirm");
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("ui.cancel"));
        confirm.open();
    }
}
