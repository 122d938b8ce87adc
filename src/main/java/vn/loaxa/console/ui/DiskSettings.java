package vn.loaxa.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.IntegerField;

import vn.loaxa.base.ui.Notices;
import vn.loaxa.watch.DiskThresholds;
import vn.loaxa.watch.DiskWatch;

/**
 * When the data and audio folders' disks become an alert (decision 0024): below this many MB or
 * this share of the disk free. Saved, they apply from the next check (within minutes); the check
 * runs at once here so the dashboard shows the result straight away.
 */
class DiskSettings extends Div {

    private final DiskThresholds settings;
    private final DiskWatch disk;
    private final IntegerField megabytes = new IntegerField();
    private final IntegerField percent = new IntegerField();

    DiskSettings(DiskThresholds settings, DiskWatch disk) {
        this.settings = settings;
        this.disk = disk;
        megabytes.setLabel(getTranslation("ui.settings.diskMinFreeMb"));
        megabytes.setMin(0);
        megabytes.setMax(DiskThresholds.MAX_DISK_MIN_FREE_MB);
        megabytes.setValue((int) Math.min(DiskThresholds.MAX_DISK_MIN_FREE_MB, disk.minFreeBytes() / (1024 * 1024)));
        megabytes.setId("disk-min-free-mb");
        percent.setLabel(getTranslation("ui.settings.diskMinFreePercent"));
        percent.setMin(0);
        percent.setMax(DiskThresholds.MAX_DISK_MIN_FREE_PERCENT);
        percent.setValue(Math.min(DiskThresholds.MAX_DISK_MIN_FREE_PERCENT, disk.minFreePercent()));
        percent.setId("disk-min-free-percent");
        percent.setHelperText(getTranslation("ui.settings.diskHelp"));
        var save = new Button(getTranslation("ui.settings.saveDisk"), e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-disk");
        var buttons = new Div(save);
        buttons.addClassName("loaxa-toolbar");
        add(megabytes, percent, buttons);
    }

    private void save() {
        var mb = megabytes.getValue();
        var pc = percent.getValue();
        if (mb == null || pc == null) { // empty, or not a number: the field gives no value
            Notices.error(this, getTranslation("error.settings.disk",
                    String.valueOf(DiskThresholds.MAX_DISK_MIN_FREE_MB),
                    String.valueOf(DiskThresholds.MAX_DISK_MIN_FREE_PERCENT)));
            return;
        }
        if (Notices.attempt(this, () -> settings.setDiskThresholds(mb, pc))) {
            disk.check();
            Notices.success(this, "ui.saved");
        }
    }
}
