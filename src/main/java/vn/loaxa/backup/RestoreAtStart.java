package vn.loaxa.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import vn.loaxa.library.LibraryProperties;
import vn.loaxa.base.StationProperties;

/**
 * A restore an admin asked for in the web UI ({@link BackupService#requestRestore}), carried out at
 * the next start: before the station takes its data folder (ordered before the lock listener) and
 * before any bean opens the database. The request is a file in the data folder; it moves aside with
 * today's data when the restore succeeds. A restore that fails (the backup no longer verifies, a
 * file is open) leaves today's data as it was, renames the request so it is not tried on every
 * start, and the station starts on today's data.
 */
final class RestoreAtStart implements ApplicationListener<ApplicationPreparedEvent>, Ordered {

    static final String REQUEST = "restore-request.txt";
    private static final Logger log = LoggerFactory.getLogger(RestoreAtStart.class);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        var binder = Binder.get(event.getApplicationContext().getEnvironment());
        var station = binder.bindOrCreate("loaxa.station", StationProperties.class);
        var library = binder.bindOrCreate("loaxa.library", LibraryProperties.class);
        var request = station.dataDir().resolve(REQUEST);
        if (!Files.isRegularFile(request)) {
            return;
        }
        var backup = requestedBackup(request);
        var out = new ByteArrayOutputStream();
        var print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = backup == null ? RestoreCommand.BAD_BACKUP
                : RestoreCommand.restore(backup, station.dataDir().toAbsolutePath().normalize(),
                library.audioDir().toAbsolutePath().normalize(), print, print);
        if (code == RestoreCommand.OK) {
            log.warn("Restored the backup {} as an admin asked:\n{}", backup, out.toString(StandardCharsets.UTF_8));
            return;
        }
        log.error("The restore an admin asked for was not done (exit {}); starting on today's data:\n{}", code,
                backup == null ? "the request names no backup folder" : out.toString(StandardCharsets.UTF_8));
        try {
            Files.move(request, request.resolveSibling("restore-request.failed-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".txt"));
        } catch (IOException e) {
            log.error("Cannot rename {}: it will be tried again at the next start", request, e);
        }
    }

    static @Nullable Path requestedBackup(Path request) {
        var p = new Properties();
        try (var in = Files.newBufferedReader(request, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        var folder = p.getProperty("backup");
        return folder == null || folder.isBlank() ? null : Path.of(folder.strip());
    }
}
