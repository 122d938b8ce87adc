package vn.loaxa.console.ui;

import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.ComboBox;

/**
 * The choice of a sound device (the output, the live microphone): the system default, what Java
 * Sound lists now, the saved one even if unplugged now, or a name typed for a device the station has
 * not seen yet (plugged in later). The empty string stands for the system default.
 */
final class DeviceChoice {

    static final String SYSTEM_DEFAULT = "";

    private DeviceChoice() {
    }

    static ComboBox<String> of(Component owner, String labelKey, String helpKey, List<String> listed, String saved,
                               String id) {
        var items = new ArrayList<String>();
        items.add(SYSTEM_DEFAULT);
        items.addAll(listed);
        if (!items.contains(saved)) {
            items.add(saved);
        }
        var device = new ComboBox<String>(owner.getTranslation(labelKey));
        device.setItems(items);
        device.setItemLabelGenerator(d -> d.isBlank() ? owner.getTranslation("ui.settings.systemDefault") : d);
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
        device.setHelperText(owner.getTranslation(helpKey));
        device.setWidth("24em");
        device.setMaxWidth("100%");
        device.setId(id);
        return device;
    }
}
