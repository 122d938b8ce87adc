package vn.loaxa.console.ui;

import java.util.Objects;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.IntegerField;

import vn.loaxa.audio.output.NoOutputDeviceException;
import vn.loaxa.audio.output.OutputDevices;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.playout.StationBusyException;
import vn.loaxa.playout.StationOutput;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.playout.PlayoutSettings;
import vn.loaxa.schedule.GraceSettings;

/**
 * The output device and the grace window, edited by an admin and used from the next broadcast on;
 * the test tone plays on the saved device, the one broadcasts will use.
 */
class OutputSettings extends Div {

    private static final String SYSTEM_DEFAULT = DeviceChoice.SYSTEM_DEFAULT;

    private final PlayoutSettings settings;
    private final StationOutput player;
    private final ComboBox<String> device;
    private final IntegerField grace = new IntegerField();
    private final Paragraph status = new Paragraph();

    OutputSettings(PlayoutSettings settings, StationOutput player) {
        this.settings = settings;
        this.player = player;
        device = DeviceChoice.of(this, "ui.settings.device", "ui.settings.deviceHelp", OutputDevices.list(),
                settings.outputDevice(), "output-device");

        grace.setLabel(getTranslation("ui.settings.graceMinutes"));
        grace.setMin(0);
        grace.setMax(GraceSettings.MAX_GRACE_MINUTES);
        grace.setStepButtonsVisible(true);
        grace.setValue((int) settings.grace().toMinutes());
        grace.setHelperText(getTranslation("ui.settings.graceHelp"));
        grace.setWidth("24em");
        grace.setMaxWidth("100%");
        grace.setId("grace-minutes");

        var save = new Button(getTranslation("ui.settings.saveOutput"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-output");
        var tone = new Button(getTranslation("ui.settings.testTone"), VaadinIcon.VOLUME_UP.create(), e -> testTone());
        tone.setId("test-tone");
        var buttons = new Div(save, tone);
        buttons.addClassName("loaxa-toolbar");
        var devices = OutputDevices.list();
        var list = new Paragraph(getTranslation("ui.settings.devices",
                devices.isEmpty() ? getTranslation("ui.settings.noDevices") : String.join(", ", devices)));
        var note = new Paragraph(getTranslation("ui.settings.outputNote"));
        note.addClassName("loaxa-muted");
        status.setId("device-status");
        add(status, device, grace, buttons, list, note);
        showStatus();
    }

    private void save() {
        var minutes = grace.getValue();
        if (minutes == null) { // empty, or not a number: the field gives no value
            Notices.error(this, getTranslation("error.settings.grace", GraceSettings.MAX_GRACE_MINUTES));
            return;
        }
        var chosen = Objects.requireNonNullElse(device.getValue(), SYSTEM_DEFAULT);
        if (Notices.attempt(this, () -> settings.setOutput(chosen, minutes))) {
            Notices.success(this, "ui.saved");
            showStatus();
        }
    }

    private void testTone() {
        if (!Objects.requireNonNullElse(device.getValue(), SYSTEM_DEFAULT).equals(settings.outputDevice())) {
            Notices.error(this, getTranslation("ui.settings.saveFirst"));
            return;
        }
        try {
            player.playTestTone(CurrentUser.name());
            Notices.success(this, "ui.settings.tonePlaying");
        } catch (StationBusyException ex) {
            Notices.error(this, getTranslation("status.busy"));
        } catch (NoOutputDeviceException ex) {
            Notices.error(this, getTranslation("status.device." + ex.reason().name(), ex.requestedName()));
        } catch (org.springframework.security.access.AccessDeniedException ex) {
            Notices.error(this, Notices.refusal(this, ex));
        }
    }

    /** What the station would play on now: the saved device, checked without opening a line. */
    private void showStatus() {
        var s = player.deviceStatus();
        status.setText(getTranslation(s.ok() ? "home.output.ok" : "home.output.missing", s.device()));
        status.setClassName(s.ok() ? "loaxa-ok" : "loaxa-alert");
    }
}
