package vn.loaxa.console.ui;

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

    private static final String SYSTEM_DEFAULT = DeviceChoice.SYSTEM_DEFAULT;

    private final transient PlayoutSettings settings;
    private final ComboBox<String> device;
    private final Paragraph status = new Paragraph();

    InputSettings(PlayoutSettings settings) {
        this.settings = settings;
        device = DeviceChoice.of(this, "ui.settings.input", "ui.settings.inputHelp", InputDevices.list(),
                settings.inputDevice(), "input-device");
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
