package vn.loaxa.schedule.ui;

import java.util.LinkedHashSet;
import java.util.function.Supplier;


import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import org.springframework.modulith.NamedInterface;

import vn.loaxa.base.Limits;
import vn.loaxa.base.ui.Combos;
import vn.loaxa.base.ui.Dialogs;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.library.ui.AudioUploads;
import vn.loaxa.schedule.EmergencyPresetService;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/**
 * The red button in the header: pick or upload the audio, pick villages (all by default), say why,
 * confirm, and the emergency is stored to play at once (cutting whatever is on air). Shown to the
 * roles the station's settings name; uploading new audio is for those who may add to the library.
 */
@Component
@Scope("prototype")
@NamedInterface("ui")
public class EmergencyButton extends Composite<Button> {

    private final transient OneOffService oneOffs;
    private final transient LibraryService library;
    private final transient VillageService villages;
    private final transient AuthenticationContext auth;
    private transient @Nullable Supplier<? extends com.vaadin.flow.component.Component> onAirControls;
    private final transient EmergencyPresetService presets;

    EmergencyButton(OneOffService oneOffs, LibraryService library, VillageService villages,
                    AuthenticationContext auth, EmergencyPresetService presets) {
        this.presets = presets;
        this.oneOffs = oneOffs;
        this.library = library;
        this.villages = villages;
        this.auth = auth;
        var button = getContent();
        button.setText(getTranslation("ui.emergency.button"));
        button.setIcon(VaadinIcon.MEGAPHONE.create());
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        button.addClassName("loaxa-emergency");
        button.setId("emergency-button");
        button.addClickListener(e -> open());
    }

    /**
     * What is on air with its "Dừng phát" and "Bỏ qua mục này", shown at the top of the dialog: the
     * dialog covers the page, and an operator ordering an emergency must still be able to stop a
     * wrong one. Given by the layout, which knows the engine.
     */
    public void onAirControls(Supplier<? extends com.vaadin.flow.component.Component> controls) {
        this.onAirControls = controls;
    }

    private void open() {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("ui.emergency.title"));
        var title = new TextField(getTranslation("ui.emergency.name"));
        title.setMaxLength(Limits.TITLE);
        title.setWidthFull();
        title.setId("emergency-title");
        Dialogs.focusOnOpen(dialog, title);
        var audio = new ComboBox<AudioAsset>(getTranslation("ui.emergency.audio"));
        audio.setItems(library.findAll().stream().filter(a -> !a.retired()).toList());
        audio.setItemLabelGenerator(AudioAsset::title);
        audio.setWidthFull();
        audio.setId("emergency-audio");
        Combos.selectFirstMatchOnEnter(audio);
        var upload = AudioUploads.create(library, outcome -> {
            if (outcome.imported() == null) {
                Notices.error(this, outcome.reason(UI.getCurrent()));
                return;
            }
            audio.setItems(library.findAll().stream().filter(a -> !a.retired()).toList());
            audio.setValue(outcome.imported().asset());
        });
        upload.setVisible(auth.hasAnyRole("ADMIN", "OPERATOR"));
        upload.setId("emergency-upload");
        upload.setMaxFiles(1);
        var targets = new MultiSelectComboBox<Village>(getTranslation("ui.emergency.villages"));
        var enabled = villages.findAll().stream().filter(Village::enabled).toList();
        targets.setItems(enabled);
        targets.setItemLabelGenerator(Village::name);
        targets.setValue(new LinkedHashSet<>(enabled));
        targets.setWidthFull();
        targets.setId("emergency-villages");
        var reason = new TextArea(getTranslation("ui.emergency.reason"));
        reason.setRequired(true);
        reason.setMaxLength(OneOffService.MAX_REASON);
        reason.setHelperText(getTranslation("ui.emergency.reasonHelp"));
        reason.setWidthFull();
        reason.setId("emergency-reason");
        var body = new VerticalLayout(new Paragraph(getTranslation("ui.emergency.explain")),
                new EmergencyPresetList(presets, villages, dialog::close),
                new H3(getTranslation("ui.emergency.presets.other")), title, audio, upload, targets, reason);
        body.setPadding(false);
        if (onAirControls != null) {
            body.addComponentAtIndex(0, onAirControls.get());
        }
        dialog.add(body);
        dialog.setWidth("36em");
        var go = new Button(getTranslation("ui.emergency.play"), VaadinIcon.MEGAPHONE.create(), e -> {
            if (audio.isEmpty() || targets.isEmpty()) {
                Notices.error(this, getTranslation(audio.isEmpty() ? "error.schedule.noAssets"
                        : "error.schedule.noVillages"));
                return;
            }
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage(getTranslation("error.oneOff.reasonRequired"));
                Notices.error(this, getTranslation("error.oneOff.reasonRequired"));
                return;
            }
            reason.setInvalid(false);
            var confirm = new ConfirmDialog(getTranslation("ui.emergency.confirm.title"),
                    getTranslation("ui.emergency.confirm.text", audio.getValue().title(), targets.getValue().size()),
                    getTranslation("ui.emergency.confirm.yes"), ok -> {
                        if (Notices.attempt(this, () -> oneOffs.emergency(title.getValue(),
                                java.util.List.of(audio.getValue().id()),
                                targets.getValue().stream().map(Village::id).toList(), reason.getValue()))) {
                            Notices.success(this, "ui.emergency.sent");
                            dialog.close();
                        }
                    });
            confirm.setConfirmButtonTheme("error primary");
            confirm.setId("emergency-confirm");
            confirm.setCancelable(true);
            confirm.setCancelText(getTranslation("ui.cancel"));
            confirm.open();
        });
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        go.setId("emergency-play");
        dialog.getFooter().add(new Button(getTranslation("ui.cancel"), e -> dialog.close()), go);
        dialog.open();
    }
}
