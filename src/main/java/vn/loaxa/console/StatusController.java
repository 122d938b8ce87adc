package vn.loaxa.console;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.loaxa.audio.output.NoOutputDeviceException;
import vn.loaxa.backup.BackupService;
import vn.loaxa.base.ApiErrors;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.Texts;
import vn.loaxa.library.LibraryService;
import vn.loaxa.playout.DeviceStatus;
import vn.loaxa.playout.NowPlaying;
import vn.loaxa.playout.PlayoutAlerts;
import vn.loaxa.playout.StationBusyException;
import vn.loaxa.playout.StationOutput;

@RestController
class StatusController {

    private final StationTime stationTime;

    record Alert(String code, String message) {
    }

    record NowPlayingJson(String broadcast, String item, int itemIndex, int itemCount, String itemStartedAt,
                          long itemDurationMs, String broadcastStartedAt) {
        static @Nullable NowPlayingJson of(@Nullable NowPlaying n) {
            return n == null ? null : new NowPlayingJson(n.broadcast(), n.item(), n.itemIndex(), n.itemCount(),
                    n.itemStartedAt().toString(), n.itemDurationMs(), n.broadcastStartedAt().toString());
        }
    }

    record StatusJson(String time, String localTime, String timeZone, DeviceStatus output, boolean onAir,
                      @Nullable NowPlayingJson nowPlaying, int libraryAssets, List<Alert> alerts, HealthJson health,
                      BackupJson backup) {
    }

    /** The last good backup (time, folder), whether one is overdue. */
    record BackupJson(@Nullable String lastGoodAt, @Nullable String folder, boolean overdue) {
        static BackupJson of(BackupService.Status s) {
            return new BackupJson(s.lastGoodAt() == null ? null : s.lastGoodAt().toString(), s.lastGoodFolder(), s.overdue());
        }
    }

    /** The readiness group of the health endpoint: its status and each check's, by name. */
    record HealthJson(String status, Map<String, String> components) {
        static HealthJson of(@Nullable HealthDescriptor health) {
            if (health == null) {
                return new HealthJson(Status.UNKNOWN.getCode(), Map.of());
            }
            var components = new TreeMap<String, String>();
            if (health instanceof CompositeHealthDescriptor composite && composite.getComponents() != null) {
                composite.getComponents().forEach((name, c) -> components.put(name, c.getStatus().getCode()));
            }
            return new HealthJson(health.getStatus().getCode(), components);
        }
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    private final StationOutput player;
    private final PlayoutAlerts playoutAlerts;
    private final LibraryService library;
    private final Clock clock;
    private final HealthEndpoint health;
    private final BackupService backups;

    StatusController(StationOutput player, PlayoutAlerts playoutAlerts, LibraryService library, Clock clock,
                     HealthEndpoint health, BackupService backups, StationTime stationTime) {
        this.stationTime = stationTime;
        this.backups = backups;
        this.player = player;
        this.playoutAlerts = playoutAlerts;
        this.library = library;
        this.clock = clock;
        this.health = health;
    }

    @GetMapping("/api/status")
    StatusJson status(HttpServletRequest request) {
        var locale = Texts.localeOf(request.getHeader("Accept-Language"));
        var device = player.deviceStatus();
        var alerts = new ArrayList<Alert>();
        if (!device.ok()) {
            alerts.add(new Alert("OUTPUT_" + device.problem(), deviceMessage(locale, device)));
        }
        for (var a : playoutAlerts.current()) {
            alerts.add(new Alert(a.code(), Texts.get(locale, a.messageKey(), a.args().toArray())));
        }
        var backup = backups.status();
        if (backup.overdue()) {
            alerts.add(new Alert("BACKUP_OVERDUE", BackupService.overdueMessage(locale, backup)));
        }
        var now = clock.instant();
        return new StatusJson(now.toString(), LOCAL.format(stationTime.zoned(now)), stationTime.zone().getId(),
                device, player.isBusy(), NowPlayingJson.of(player.nowPlaying().orElse(null)),
                library.findAll().size(), alerts, HealthJson.of(health.healthForPath("readiness")),
                BackupJson.of(backup));
    }

    @PostMapping("/api/output/test-tone")
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    ResponseEntity<Map<String, String>> testTone(Authentication user, HttpServletRequest request) {
        var locale = Texts.localeOf(request.getHeader("Accept-Language"));
        try {
            player.playTestTone(user.getName());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "PLAYING"));
        } catch (StationBusyException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Map.of("error", Texts.get(locale, "status.busy"), "code", "BUSY", "detail", ApiErrors.clean(e.getMessage())));
        } catch (NoOutputDeviceException e) {
            var device = new DeviceStatus(false, e.requestedName(), e.reason().name(), e.getMessage(), e.availableNames());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error",
                    deviceMessage(locale, device), "code", "OUTPUT_" + e.reason().name(), "detail", ApiErrors.clean(e.getMessage())));
        }
    }

    static String deviceMessage(java.util.Locale locale, DeviceStatus device) {
        var key = "status.device." + device.problem();
        return Texts.get(locale, key, device.device());
    }
}
