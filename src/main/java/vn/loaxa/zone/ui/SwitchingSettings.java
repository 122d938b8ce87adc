package vn.loaxa.zone.ui;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.Autocomplete;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;

import vn.loaxa.base.ui.Notices;
import vn.loaxa.zone.CommandSettings;
import vn.loaxa.zone.DriverKind;
import vn.loaxa.zone.DtmfSettings;
import vn.loaxa.zone.MqttSettings;
import vn.loaxa.zone.SerialSettings;
import vn.loaxa.zone.SwitchingConfig;
import vn.loaxa.zone.ZoneSettings;
import vn.loaxa.zone.ZoneSwitchboard;
import org.springframework.modulith.NamedInterface;

/**
 * How the station switches its villages' loudspeakers, edited by an admin: the driver, the pre-roll
 * and only the fields the chosen driver reads. The hidden drivers' fields keep their stored values
 * and are saved back unchanged, so switching back to a driver restores its wiring. The server checks
 * everything; a refused value shows its reason and nothing is stored.
 */
@NamedInterface("ui")
public class SwitchingSettings extends Div {

    private final ZoneSettings settings;
    private final ZoneSwitchboard switchboard;
    private final Runnable onSaved;

    private final Select<DriverKind> driver = new Select<>();
    private final NumberField preRoll = new NumberField();
    private final TextField port = new TextField();
    private final IntegerField baud = new IntegerField();
    private final IntegerField unit = new IntegerField();
    private final IntegerField serialTimeout = new IntegerField();
    private final TextField broker = new TextField();
    private final TextField username = new TextField();
    private final PasswordField password = new PasswordField();
    private final Checkbox clearPassword = new Checkbox();
    private final TextField clientId = new TextField();
    private final IntegerField mqttTimeout = new IntegerField();
    private final TextField program = new TextField();
    private final IntegerField commandTimeout = new IntegerField();
    private final NumberField dtmfLevel = new NumberField();
    private final IntegerField dtmfTone = new IntegerField();
    private final IntegerField dtmfPause = new IntegerField();
    private final Paragraph current = new Paragraph();
    private final Map<DriverKind, List<Component>> fieldsOf;

    /** @param onSaved what else on the page depends on the driver (the village test, the addresses) */
    public SwitchingSettings(ZoneSettings settings, ZoneSwitchboard switchboard, Runnable onSaved) {
        this.settings = settings;
        this.switchboard = switchboard;
        this.onSaved = onSaved;
        addClassName("loaxa-results");

        driver.setLabel(getTranslation("ui.zone.driver"));
        driver.setItems(DriverKind.values());
        driver.setItemLabelGenerator(this::label);
        driver.setId("zone-driver");
        // Wide enough for the longest driver name and its explanation, never wider than a phone.
        driver.setWidth("26em");
        driver.setMaxWidth("100%");
        driver.addValueChangeListener(e -> showFieldsOf(e.getValue()));

        field(preRoll, "preRoll", "zone-preroll");
        preRoll.setMin(0);
        preRoll.setMax(SwitchingConfig.MAX_PRE_ROLL.toSeconds());
        preRoll.setStep(0.5);
        preRoll.setStepButtonsVisible(true);
        field(port, "port", "zone-port");
        field(baud, "baud", "zone-baud");
        field(unit, "unit", "zone-unit");
        field(serialTimeout, "serialTimeout", "zone-serial-timeout");
        field(broker, "broker", "zone-broker");
        broker.setPlaceholder("tcp://192.168.1.10:1883");
        field(username, "username", "zone-mqtt-user");
        field(password, "password", "zone-mqtt-password");
        // A browser must not offer the admin's own login for the broker's password.
        password.setAutocomplete(Autocomplete.NEW_PASSWORD);
        clearPassword.setLabel(getTranslation("ui.zone.clearPassword"));
        clearPassword.setId("zone-mqtt-clear-password");
        field(clientId, "clientId", "zone-mqtt-client");
        field(mqttTimeout, "mqttTimeout", "zone-mqtt-timeout");
        field(program, "program", "zone-program");
        program.setPlaceholder("/opt/loaxa/bat-loa.sh");
        field(commandTimeout, "commandTimeout", "zone-command-timeout");
        field(dtmfLevel, "dtmfLevel", "zone-dtmf-level");
        dtmfLevel.setStep(0.5);
        field(dtmfTone, "dtmfTone", "zone-dtmf-tone");
        field(dtmfPause, "dtmfPause", "zone-dtmf-pause");

        fieldsOf = Map.of(
                DriverKind.NONE, List.of(),
                DriverKind.MODBUS, List.of(preRoll, port, baud, unit, serialTimeout),
                DriverKind.RELAY_A0, List.of(preRoll, port, baud, serialTimeout),
                DriverKind.DTMF, List.of(preRoll, dtmfLevel, dtmfTone, dtmfPause),
                DriverKind.MQTT, List.of(preRoll, broker, username, password, clearPassword, clientId, mqttTimeout),
                DriverKind.COMMAND, List.of(preRoll, program, commandTimeout));

        var form = new Div(driver, preRoll, port, baud, unit, serialTimeout, broker, username, password,
                clearPassword, clientId, mqttTimeout, program, commandTimeout, dtmfLevel, dtmfTone, dtmfPause);
        form.addClassName("loaxa-toolbar");
        form.getStyle().set("align-items", "flex-start");
        var save = new Button(getTranslation("ui.zone.save"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-switching");
        save.getStyle().set("align-self", "flex-start");
        current.setId("zone-current");
        current.getStyle().set("margin", "0");
        add(current, form, save);
        show(settings.config());
    }

    private <F extends Component & HasLabel & HasHelper & HasSize> void field(F f, String key, String id) {
        f.setLabel(getTranslation("ui.zone." + key));
        f.setHelperText(getTranslation("ui.zone." + key + "Help"));
        f.setWidth("19em");
        f.setMaxWidth("100%");
        f.setId(id);
    }

    private String label(DriverKind kind) {
        return getTranslation("ui.zone.driver." + kind.name());
    }

    /** Fills every field from a stored configuration; the password is never sent to the browser. */
    private void show(SwitchingConfig c) {
        driver.setValue(c.driver());
        preRoll.setValue(c.preRoll().toMillis() / 1000.0);
        port.setValue(c.serial().port());
        baud.setValue(c.serial().baudRate());
        unit.setValue(c.serial().unitId());
        serialTimeout.setValue((int) c.serial().timeout().toMillis());
        broker.setValue(c.mqtt().brokerUri());
        username.setValue(c.mqtt().username());
        password.clear();
        boolean passwordSet = !c.mqtt().password().isEmpty();
        password.setHelperText(getTranslation(passwordSet ? "ui.zone.passwordHelpSet" : "ui.zone.passwordHelpNone"));
        clearPassword.setValue(false);
        clearPassword.setEnabled(passwordSet);
        clientId.setValue(c.mqtt().clientId());
        mqttTimeout.setValue((int) c.mqtt().timeout().toMillis());
        program.setValue(c.command().program());
        commandTimeout.setValue((int) c.command().timeout().toMillis());
        dtmfLevel.setValue(c.dtmf().levelDbfs());
        dtmfTone.setValue(c.dtmf().toneMs());
        dtmfPause.setValue(c.dtmf().pauseMs());
        current.setText(getTranslation("ui.zone.current", label(c.driver())));
        current.setClassName(c.driver() == DriverKind.NONE ? "loaxa-muted" : "loaxa-ok");
        showFieldsOf(c.driver());
    }

    private void showFieldsOf(DriverKind kind) {
        var shown = fieldsOf.get(kind == null ? DriverKind.NONE : kind);
        fieldsOf.values().stream().flatMap(List::stream).distinct().forEach(f -> f.setVisible(shown.contains(f)));
        driver.setHelperText(getTranslation("ui.zone.driverHelp." + (kind == null ? DriverKind.NONE : kind).name()));
    }

    private void save() {
        var stored = settings.config();
        var kind = driver.getValue();
        if (kind == null) {
            Notices.error(this, getTranslation("error.zone.driver"));
            return;
        }
        // A field left empty, or holding what is not a number, reaches the server as a value it refuses,
        // so the technician reads the server's own reason for that field.
        var typedPassword = password.getValue();
        var keptPassword = clearPassword.getValue() ? "" : stored.mqtt().password();
        var c = new SwitchingConfig(kind,
                Duration.ofMillis(Math.round(or(preRoll.getValue(), -1.0) * 1000)),
                new SerialSettings(port.getValue(), or(baud.getValue(), -1), or(unit.getValue(), -1),
                        Duration.ofMillis(or(serialTimeout.getValue(), -1))),
                new MqttSettings(broker.getValue(), username.getValue(),
                        typedPassword.isEmpty() ? keptPassword : typedPassword, clientId.getValue(),
                        Duration.ofMillis(or(mqttTimeout.getValue(), -1))),
                new CommandSettings(program.getValue(), Duration.ofMillis(or(commandTimeout.getValue(), -1))),
                new DtmfSettings(or(dtmfLevel.getValue(), Double.MAX_VALUE), or(dtmfTone.getValue(), -1),
                        or(dtmfPause.getValue(), -1)));
        if (Notices.attempt(this, () -> settings.save(c))) {
            switchboard.reload();
            Notices.success(this, "ui.zone.saved", label(kind));
            show(settings.config());
            onSaved.run();
        }
    }

    private static <T> T or(T value, T refused) {
        return Objects.requireNonNullElse(value, refused);
    }
}
