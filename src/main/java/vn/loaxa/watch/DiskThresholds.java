package vn.loaxa.watch;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.SettingStore;
import vn.loaxa.security.CurrentUser;

/**
 * Free space below which the data or audio folder's disk is an alert (decision 0024), as an admin sets
 * it on the Settings page; never set, {@code loaxa.watch.disk-min-free} (1 GB) and {@code -percent} (5 %).
 */
@Service
public class DiskThresholds {

    public static final String DISK_MIN_FREE_MB = "watch.disk.min-free-mb";
    public static final String DISK_MIN_FREE_PERCENT = "watch.disk.min-free-percent";
    public static final int MAX_DISK_MIN_FREE_MB = 1_000_000;
    public static final int MAX_DISK_MIN_FREE_PERCENT = 50;

    private final SettingStore store;

    DiskThresholds(SettingStore store) {
        this.store = store;
    }

    /** The value an admin set, blank when never set. */
    @Transactional(readOnly = true)
    public String get(String key) {
        return store.read(key).orElse("");
    }

    /**
     * Both disk thresholds at once: below either, a disk is an alert. 0 turns that threshold off;
     * both 0 turns the disk alert off.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "SETTING_CHANGED", target = "SETTING", id = "'watch.disk'", name = "'watch.disk'",
            snapshot = "{'minFreeMb': get('watch.disk.min-free-mb'), 'minFreePercent': get('watch.disk.min-free-percent')}")
    public void setDiskThresholds(int minFreeMb, int minFreePercent) {
        if (minFreeMb < 0 || minFreeMb > MAX_DISK_MIN_FREE_MB || minFreePercent < 0
                || minFreePercent > MAX_DISK_MIN_FREE_PERCENT) {
            throw new InvalidInputException("BAD_DISK_THRESHOLD", "error.settings.disk",
                    "Disk thresholds must be 0.." + MAX_DISK_MIN_FREE_MB + " MB and 0.." + MAX_DISK_MIN_FREE_PERCENT
                            + " %, got " + minFreeMb + " MB and " + minFreePercent + " %",
                    MAX_DISK_MIN_FREE_MB, MAX_DISK_MIN_FREE_PERCENT);
        }
        var by = CurrentUser.name();
        store.write(DISK_MIN_FREE_MB, Integer.toString(minFreeMb), by);
        store.write(DISK_MIN_FREE_PERCENT, Integer.toString(minFreePercent), by);
    }
}
