package vn.loaxa.zone.ui;

import java.util.List;
import java.util.Objects;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

import vn.loaxa.base.ui.Dialogs;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.zone.DriverKind;
import vn.loaxa.zone.VillageZones;
import vn.loaxa.zone.ZoneAddress;
import org.springframework.modulith.NamedInterface;

/**
 * One village's addresses on every driver (code, relay, DTMF codes, MQTT topic), saved together in
 * one transaction; a refused address (one another village uses is refused naming that village) keeps
 * the dialog open with the reason, and nothing is stored.
 */
@NamedInterface("ui")
public class VillageAddressDialog extends Dialog {

    private final VillageZones zones;
    private final ZoneAddress address;
    private final Runnable onSaved;
    private final TextField code = new TextField();
    private final IntegerField relay = new IntegerField();
    private final TextField dtmfOn = new TextField();
    private final TextField dtmfOff = new TextField();
    private final TextField topic = new TextField();

    public VillageAddressDialog(VillageZones zones, ZoneAddress address, DriverKind driver, Runnable onSaved) {
        this.zones = zones;
        this.address = address;
        this.onSaved = onSaved;
        setHeaderTitle(getTranslation("ui.zone.addressOf", address.villageName()));
        setId("village-address-dialog");

        field(code, "code", "zone-code");
        code.setValue(address.code());
        Dialogs.focusOnOpen(this, code);
        field(relay, "relay", "zone-relay");
        relay.setMin(1);
        relay.setMax(256);
        relay.setValue(address.relay());
        field(dtmfOn, "dtmfOn", "zone-dtmf-on");
        dtmfOn.setValue(Objects.requireNonNullElse(address.dtmfOn(), ""));
        field(dtmfOff, "dtmfOff", "zone-dtmf-off");
        dtmfOff.setValue(Objects.requireNonNullElse(address.dtmfOff(), ""));
        field(topic, "topic", "zone-topic");
        topic.setValue(Objects.requireNonNullElse(address.mqttTopic(), ""));

        var note = new Paragraph(getTranslation("ui.zone.addressNote",
                getTranslation("ui.zone.driver." + driver.name())));
        note.addClassName("loaxa-muted");
        note.getStyle().set("margin-top", "0");
        // The field the driver in use reads comes first: that is the one the technician came for.
        List<Component> fields = switch (driver) {
            case MODBUS, RELAY_A0 -> List.of(relay, code, dtmfOn, dtmfOff, topic);
            case DTMF -> List.of(dtmfOn, dtmfOff, code, relay, topic);
            case MQTT -> List.of(topic, code, relay, dtmfOn, dtmfOff);
            case NONE, COMMAND -> List.of(code, relay, dtmfOn, dtmfOff, topic);
        };
        var form = new Div(fields.toArray(Component[]::new));
        form.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)");
        add(note, form);
        // A width, not a max-width: that would replace the overlay's own limit to the screen, wider than a phone.
        setWidth("30em");

        var save = new Button(getTranslation("ui.save"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-village-address");
        getFooter().add(new Button(getTranslation("ui.cancel"), e -> close()), save);
    }

    private <F extends Component & HasLabel & HasHelper & HasSize> void field(F f, String key, String id) {
        f.setLabel(getTranslation("ui.zone." + key));
        f.setHelperText(getTranslation("ui.zone." + key + "Help"));
        f.setWidthFull();
        f.setId(id);
    }

    private void save() {
        // A relay that is not a number would otherwise read as "no relay" and unwire the village silently.
        if (relay.getValue() == null && relay.isInvalid()) {
            Notices.error(this, getTranslation("error.zone.relay"));
            return;
        }
        if (Notices.attempt(this, () -> zones.updateVillage(address.villageId(), null, null, code.getValue(),
                relay.getValue(), dtmfOn.getValue(), dtmfOff.getValue(), topic.getValue()))) {
            Notices.success(this, "ui.zone.addressSaved", address.villageName());
            close();
            onSaved.run();
        }
    }
}
