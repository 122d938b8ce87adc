package vn.loaxa.console.ui;

import java.util.ArrayList;
import java.util.Objects;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;

import vn.loaxa.audio.input.InputDevices;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.playout.PlayoutSettings;

/**
 * The microphone or line input "Nói trực tiếp" speaks into, chosen by an admin like the output:
 * from what Java Sound lists now, or typed (a USB microphone plugged in later).
 */
final class InputSettings extends Div {

    private static final String SYSTEM_DEFAULT = "";

    private final transient PlayoutSettings settings;
    private final ComboBox<String> device = new ComboBox<>();
    private final Paragraph status = new Paragraph();

    InputSettings(PlayoutSettings settings) {
        this.settings = settings;
        var saved = settings.inputDevice();
        var items = new ArrayList<String>();
        items.add(SYSTEM_DEFAULT);
        items.addAll(InputDevices.list());
        if (!items.contains(saved)) {
            items.add(saved);
        }
        device.setLabel(getTranslation("ui.settings.input"));
        device.setItems(items);
        device.setItemLabelGenerator(d -> d.isBlank() ? getTranslation("ui.settings.systemDefault") : d);
        device.setAllowCustomValue(true);
        device.addCustomValueSetListener(e -> {
            var typed = e.getDetail().strip();
            if (!items.contains(typed)) {
                items.add(typed);
                device.setItems(items);
            }
            device.setValue(typed);
        });
        device.setValue(saved);
        device.setHelperText(getTranslation("ui.settings.inputHelp"));
        device.setWidth("24em");
        device.setMaxWidth("100%");
        device.setId("input-device");
        var save = new Button(getTranslation("ui.settings.saveInput"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-input");
        status.setId("input-status");
        add(status, device, save);
        showStatus();
    }

    private void save() {
        var chosen = Objects.requireNonNullElse(device.getValue(), SYSTEM_DEFAULT);
        if (Notices.attempt(this, () -> settings.setInputDevice(chosen))) {
            Notices.success(this, "ui.saved");
            showStatus();
        }
    }

    /** Whether the saved input is there now, checked without opening it. */
    private void showStatus() {
        var saved = settings.inputDevice();
        boolean ok;
        try {
            InputDevices.require(saved);
            ok = true;
        } catch (java.io.IOException e) {
            ok = false;
        }
        var name = saved.isBlank() ? getTranslation("ui.settings.systemDefault") : saved;
        status.setText(getTranslation(ok ? "ui.settings.inputOk" : "ui.settings.inputMissing", name));
        status.setClassName(ok ? "loaxa-ok" : "loaxa-alert");
    }
}
