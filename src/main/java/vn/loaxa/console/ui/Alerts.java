package vn.loaxa.console.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import vn.loaxa.airlog.AirLogRecords.LoggedBroadcast;
import vn.loaxa.airlog.Outcome;
import vn.loaxa.backup.BackupService;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.Texts;
import vn.loaxa.playout.PlayoutAlerts;
import vn.loaxa.playout.StationOutput;
import vn.loaxa.zone.VillageHealth;
import vn.loaxa.zone.ZoneSwitchboard;

/**
 * The dashboard's alerts. The air log check walks the whole chain, so its result is the one
 * {@link PlayoutAlerts} keeps for every screen and /api/status, renewed when asked.
 */
@Component
class Alerts {

    private final StationTime stationTime;

    /** More villages in trouble than this are one alert, not a wall of them. */
    static final int MAX_VILLAGE_ALERTS = 2;

    private final StationOutput player;
    private final PlayoutAlerts playoutAlerts;
    private final ZoneSwitchboard switchboard;
    private final BackupService backups;

    Alerts(StationOutput player, PlayoutAlerts playoutAlerts, ZoneSwitchboard switchboard, BackupService backups, StationTime stationTime) {
        this.stationTime = stationTime;
        this.backups = backups;
        this.switchboard = switchboard;
        this.player = player;
        this.playoutAlerts = playoutAlerts;
    }

    List<String> current(Locale uiLocale, List<LoggedBroadcast> today, boolean verifyNow) {
        var locale = Texts.ENGLISH.getLanguage().equals(uiLocale.getLanguage()) ? Texts.ENGLISH : Texts.VIETNAMESE;
        var messages = new ArrayList<String>();
        var device = player.deviceStatus();
        if (!device.ok()) {
            messages.add(Texts.get(locale, "status.device." + device.problem(), device.device()));
        }
        for (var b : today) {
            if (b.outcome() == Outcome.MISSED || b.outcome() == Outcome.FAILED) {
                messages.add(Texts.get(locale, "ui.alert." + b.outcome().name(), stationTime.formatTime(b.plannedStart()),
                        b.title(), b.reason() == null ? "" : b.reason()));
            }
        }
        playoutAlerts.airLogBacklog().ifPresent(a -> messages.add(Texts.get(locale, a.messageKey(),
                a.args().toArray())));
        // The same village alerts as /api/status; the audio played on, a village did not hear it. A board
        // that is unplugged fails every village at once: then one line, the list below has the details.
        var villages = switchboard.alerts();
        if (villages.size() > MAX_VILLAGE_ALERTS) {
            messages.add(Texts.get(locale, "ui.zone.alertMany", String.valueOf(villages.size()),
                    String.join(", ", villages.stream().map(VillageHealth::name).toList())));
        } else {
            for (var village : villages) {
                messages.add(village.problem() != null && village.problemKind() != VillageHealth.ProblemKind.OFFLINE
                        ? Texts.get(locale, "zone.alert.failed." + village.problemKind(), village.name(),
                        village.problem(), at(village.problemAt()))
                        : village.lastSeen() == null ? Texts.get(locale, "zone.alert.offlineNever", village.name())
                        : Texts.get(locale, "zone.alert.offline", village.name(), at(village.lastSeen())));
            }
        }
        var backup = backups.status();
        if (backup.overdue()) {
            messages.add(BackupService.overdueMessage(locale, backup));
        }
        var v = playoutAlerts.airLogVerification(verifyNow);
        if (!v.intact()) {
            messages.add(Texts.get(locale, "ui.alert.logBroken", String.valueOf(v.firstBadRow()),
                    v.problem() == null ? "" : v.problem()));
        }
        // Low disk, changed or missing audio, the clock: the same alerts as /api/status and the health.
        for (var a : playoutAlerts.watchAlerts()) {
            messages.add(Texts.get(locale, a.messageKey(), a.args().toArray()));
        }
        return messages;
    }

    /** The last good backup (time, folder), for the dashboard's line under the alerts. */
    String lastBackup(Locale uiLocale) {
        var locale = Texts.ENGLISH.getLanguage().equals(uiLocale.getLanguage()) ? Texts.ENGLISH : Texts.VIETNAMESE;
        var s = backups.status();
        return s.lastGoodAt() == null ? Texts.get(locale, "ui.dashboard.backupNone", s.folder().toString())
                : Texts.get(locale, "ui.dashboard.backupLast", stationTime.formatDateTime(s.lastGoodAt()), String.valueOf(s.lastGoodFolder()));
    }

    private String at(@Nullable Instant i) {
        return i == null ? "" : stationTime.formatDateTimeSeconds(i);
    }
}
