package vn.loaxa.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.NumberField;

import vn.loaxa.base.ui.Notices;
import vn.loaxa.playout.LoudnessSettings;

/**
 * The loudness target and peak ceiling the player evens items out to (decision 0034); used from the
 * next broadcast on.
 */
class LoudnessPanel extends Div {

    LoudnessPanel(LoudnessSettings settings) {
        var target = new NumberField(getTranslation("ui.settings.loudnessTarget"));
        target.setMin(LoudnessSettings.MIN_TARGET);
        target.setMax(LoudnessSettings.MAX_TARGET);
        target.setStep(0.5);
        target.setValue(settings.target());
        target.setHelperText(getTranslation("ui.settings.loudnessTargetHelp"));
        target.setWidth("24em");
        target.setMaxWidth("100%");
        target.setId("loudness-target");
        var ceiling = new NumberField(getTranslation("ui.settings.loudnessCeiling"));
        ceiling.setMin(LoudnessSettings.MIN_CEILING);
        ceiling.setMax(LoudnessSettings.MAX_CEILING);
        ceiling.setStep(0.5);
        ceiling.setValue(settings.ceiling());
        ceiling.setHelperText(getTranslation("ui.settings.loudnessCeilingHelp"));
        ceiling.setWidth("24em");
        ceiling.setMaxWidth("100%");
        ceiling.setId("loudness-ceiling");
        var save = new Button(getTranslation("ui.save"), e -> {
            if (target.getValue() == null) {
                Notices.error(this, getTranslation("error.settings.loudnessTarget", LoudnessSettings.MIN_TARGET,
                        LoudnessSettings.MAX_TARGET));
                return;
            }
            if (ceiling.getValue() == null) {
                Notices.error(this, getTranslation("error.settings.loudnessCeiling", LoudnessSettings.MIN_CEILING,
                        LoudnessSettings.MAX_CEILING));
                return;
            }
            if (Notices.attempt(this, () -> settings.set(target.getValue(), ceiling.getValue()))) {
                Notices.success(this, "ui.saved");
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-loudness");
        var note = new Paragraph(getTranslation("ui.settings.loudnessNote"));
        note.addClassName("loaxa-muted");
        var buttons = new Div(save);
        buttons.addClassName("loaxa-toolbar");
        add(target, ceiling, buttons, note);
    }
}
