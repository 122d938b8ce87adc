package vn.loaxa.watch;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.loaxa.library.LibraryProperties;
import vn.loaxa.base.StationProperties;

/**
 * Free space on the disks that hold the data folder (database, air log journal) and the audio
 * folder: they may be two disks. A full data disk stops the air log from being written (the journal
 * keeps rows, decision 0011), a full audio disk stops imports; either is worth a warning days early.
 * Folders on one disk are one alert naming both.
 */
@Component
public class DiskWatch {

    private static final Logger log = LoggerFactory.getLogger(DiskWatch.class);
    static final String KEY = "DISK_LOW:";
    /** Admin settings (Cài đặt) that override {@code loaxa.watch.disk-min-free(-percent)}. */
    public static final String MIN_FREE_MB_SETTING = DiskThresholds.DISK_MIN_FREE_MB;
    public static final String MIN_FREE_PERCENT_SETTING = DiskThresholds.DISK_MIN_FREE_PERCENT;

    /** One disk's measurement; {@code low} when below either threshold. */
    public record DiskReport(List<Path> folders, long freeBytes, long totalBytes, boolean low) {
    }

    private final WatchAlerts alerts;
    private final WatchProperties properties;
    private final DiskThresholds settings;
    private final Path dataDir;
    private final Path audioDir;

    DiskWatch(WatchAlerts alerts, WatchProperties properties, DiskThresholds settings, StationProperties station,
              LibraryProperties library) {
        this.alerts = alerts;
        this.properties = properties;
        this.settings = settings;
        this.dataDir = station.dataDir();
        this.audioDir = library.audioDir();
    }

    /** The threshold in force now, in bytes (the admin's setting, else the configured one). */
    public long minFreeBytes() {
        var mb = settingOr(MIN_FREE_MB_SETTING, -1);
        return mb >= 0 ? mb * 1024 * 1024 : properties.diskMinFree().toBytes();
    }

    /** The share of the disk in force now, in percent. */
    public int minFreePercent() {
        return (int) Math.min(100, settingOr(MIN_FREE_PERCENT_SETTING, properties.diskMinFreePercent()));
    }

    private long settingOr(String key, long fallback) {
        var value = settings.get(key).strip();
        try {
            return value.isEmpty() ? fallback : Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Measures both folders' disks now and raises or clears their alerts. */
    public List<DiskReport> check() {
        long minBytes = minFreeBytes();
        int minPercent = minFreePercent();
        var byStore = new LinkedHashMap<String, List<Path>>();
        var stores = new LinkedHashMap<String, FileStore>();
        var problems = new HashSet<String>();
        for (var folder : List.of(dataDir, audioDir)) {
            var absolute = folder.toAbsolutePath().normalize();
            try {
                var store = Files.getFileStore(existing(absolute));
                // Two folders on one disk are one alert: the same free space measured twice is one problem.
                var id = store.name() + "|" + store.getTotalSpace() + "|" + String.valueOf(store.type());
                byStore.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(absolute);
                stores.put(id, store);
            } catch (IOException e) {
                log.warn("Cannot measure the disk of {}: {}", absolute, e.toString());
                problems.add(absolute.toString());
            }
        }
        var reports = new java.util.ArrayList<DiskReport>();
        var on = new HashSet<String>();
        for (var entry : byStore.entrySet()) {
            var store = stores.get(entry.getKey());
            long free;
            long total;
            try {
                free = store.getUsableSpace();
                total = store.getTotalSpace();
            } catch (IOException e) {
                log.warn("Cannot measure the disk of {}: {}", entry.getValue(), e.toString());
                continue;
            }
            boolean low = free < minBytes || total > 0 && free * 100 < total * (long) minPercent;
            reports.add(new DiskReport(List.copyOf(entry.getValue()), free, total, low));
            var key = KEY + entry.getValue().getFirst();
            if (low) {
                var folders = entry.getValue().stream().map(Path::toString).collect(Collectors.joining(", "));
                var freeMb = free / (1024 * 1024);
                var percent = total > 0 ? String.format(Locale.ROOT, "%.1f", free * 100.0 / total) : "?";
                alerts.raise(key, "DISK_LOW", "watch.alert.diskLow", List.of(folders, freeMb, percent,
                        Math.max(minBytes / (1024 * 1024), 0), minPercent), "free space on the disk of " + folders
                        + " is " + freeMb + " MB (" + percent + " %), below " + minBytes / (1024 * 1024) + " MB or "
                        + minPercent + " %");
                on.add(key);
            }
        }
        alerts.clearOthers(k -> k.startsWith(KEY), on);
        return reports;
    }

    /** The folder may not exist yet (an audio folder before the first import): measure its parent. */
    private static Path existing(Path folder) {
        var p = folder;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? folder : p;
    }
}
