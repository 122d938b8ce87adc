package vn.loaxa.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import vn.loaxa.station.DataFolderLock;

/**
 * {@code java -jar loaxa.jar restore <backup-folder> [--data-dir D] [--audio-dir A]}: puts a backup
 * back into a stopped station, before Spring starts (nothing of the station runs in this process).
 * <ol>
 *   <li>checks the backup: every file against its manifest, the database copy's integrity, the air
 *       log's and audit trail's hash chains; refuses a backup that does not verify, changing nothing;</li>
 *   <li>refuses while a station holds the data folder;</li>
 *   <li>builds the restored data and audio folders beside the current ones and checks every copied file;</li>
 *   <li>renames the current folders to {@code <name>-before-restore-<time>} (kept, never deleted) and
 *       the restored ones into their place.</li>
 * </ol>
 * Exit codes: 0 restored, 64 wrong arguments, 65 the backup does not verify, 75 a station runs on
 * the folder, 74 copying failed (today's data is then untouched).
 */
public final class RestoreCommand {

    static final int OK = 0;
    static final int USAGE = 64;
    static final int BAD_BACKUP = 65;
    static final int IO_FAILED = 74;
    static final int STATION_RUNNING = 75;

    /** Files of the data folder that belong to today's database, not carried into the restored folder. */
    private static final Set<String> NOT_CARRIED = Set.of("loaxa.db", "loaxa.db-wal", "loaxa.db-shm", "loaxa.db-journal",
            "station.lock", "airlog.journal", "initial-admin-password.txt", RestoreAtStart.REQUEST);

    private RestoreCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path backup = null;
        Path dataDir = null;
        Path audioDir = null;
        for (int i = 0; i < args.length; i++) {
            var a = args[i];
            if ((a.equals("--data-dir") || a.equals("--audio-dir")) && i + 1 < args.length) {
                var p = Path.of(args[++i]);
                if (a.equals("--data-dir")) {
                    dataDir = p;
                } else {
                    audioDir = p;
                }
            } else if (a.startsWith("--data-dir=")) {
                dataDir = Path.of(a.substring("--data-dir=".length()));
            } else if (a.startsWith("--audio-dir=")) {
                audioDir = Path.of(a.substring("--audio-dir=".length()));
            } else if (!a.startsWith("--") && backup == null) {
                backup = Path.of(a);
            } else {
                return usage(err, "Không hiểu tham số / unknown argument: " + a);
            }
        }
        if (backup == null) {
            return usage(err, "Thiếu thư mục bản sao lưu / the backup folder is missing");
        }
        var configured = configured();
        if (dataDir == null) {
            dataDir = Path.of(setting(configured, "loaxa.station.data-dir", "LOAXA_STATION_DATA_DIR", "data"));
        }
        if (audioDir == null) {
            audioDir = Path.of(setting(configured, "loaxa.library.audio-dir", "LOAXA_LIBRARY_AUDIO_DIR", "audio"));
        }
        return restore(backup.toAbsolutePath().normalize(), dataDir.toAbsolutePath().normalize(),
                audioDir.toAbsolutePath().normalize(), out, err);
    }

    static int restore(Path backup, Path dataDir, Path audioDir, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(backup.resolve(Manifest.FILE_NAME)) || backup.getFileName().toString().endsWith(BackupStore.FAILED_SUFFIX)) {
            err.println("Không khôi phục: " + backup + " không phải là một bản sao lưu hợp lệ (không có manifest.txt, hoặc là bản hỏng).");
            err.println("Not restored: " + backup + " is not a good backup folder (no manifest.txt, or marked failed).");
            return BAD_BACKUP;
        }
        out.println("Đang kiểm tra bản sao lưu / checking the backup " + backup + " ...");
        var store = BackupStore.forReading(backup.getParent());
        var problem = store.verify(backup);
        if (problem != null) {
            err.println("Không khôi phục: bản sao lưu không khớp với danh sách kiểm tra (manifest) của nó; dữ liệu hiện tại không bị thay đổi. Lý do: " + problem);
            err.println("Not restored: the backup does not match its manifest; today's data is unchanged. Reason: " + problem);
            return BAD_BACKUP;
        }
        try {
            var holder = DataFolderLock.heldBy(dataDir);
            if (holder.isPresent()) {
                err.println("Không khôi phục: đài đang chạy trên thư mục dữ liệu " + dataDir + " (" + holder.get()
                        + "). Dừng dịch vụ Loa Xã rồi chạy lại lệnh.");
                err.println("Not restored: a station is running on " + dataDir + " (" + holder.get() + "). Stop it first.");
                return STATION_RUNNING;
            }
        } catch (IOException e) {
            err.println("Không khôi phục: không kiểm tra được khoá thư mục dữ liệu / cannot check the data folder's lock: " + e.getMessage());
            return IO_FAILED;
        }
        Manifest manifest;
        try {
            manifest = Manifest.read(backup.resolve(Manifest.FILE_NAME));
        } catch (IOException e) {
            err.println("Not restored: " + e.getMessage());
            return BAD_BACKUP;
        }
        var stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        var newData = dataDir.resolveSibling(dataDir.getFileName() + ".restoring-" + stamp);
        var newAudio = audioDir.resolveSibling(audioDir.getFileName() + ".restoring-" + stamp);
        try {
            // 1. The restored folders, complete and checked, beside today's.
            Files.createDirectories(newData);
            copyChecked(backup.resolve(Manifest.DATABASE), newData.resolve(Manifest.DATABASE), manifest.database());
            if (Files.isDirectory(dataDir)) {
                carryOver(dataDir, newData);
            }
            Files.createDirectories(newAudio);
            for (var e : manifest.audio()) {
                var rel = e.path().substring(Manifest.AUDIO_PREFIX.length());
                copyChecked(store.objectPath(e.sha256()), newAudio.resolve(rel), e);
            }
        } catch (IOException e) {
            BackupStore.deleteTree(newData);
            BackupStore.deleteTree(newAudio);
            err.println("Không khôi phục: sao chép thất bại, dữ liệu hiện tại không bị thay đổi. Lý do: " + e.getMessage());
            err.println("Not restored: copying failed; today's data is unchanged. Reason: " + e.getMessage());
            return IO_FAILED;
        }
        // 2. Today's folders aside, the restored ones in their place; undone if a rename fails.
        var moved = new ArrayList<Path[]>();
        try {
            for (var pair : List.of(new Path[]{dataDir, newData}, new Path[]{audioDir, newAudio})) {
                var current = pair[0];
                if (Files.exists(current)) {
                    var aside = current.resolveSibling(current.getFileName() + "-before-restore-" + stamp);
                    BackupStore.move(current, aside);
                    moved.add(new Path[]{aside, current});
                    out.println("Dữ liệu hiện tại được giữ lại tại / today's data kept at: " + aside);
                }
                BackupStore.move(pair[1], current);
                moved.add(new Path[]{current, pair[1]});
            }
        } catch (IOException e) {
            for (var m : moved.reversed()) {
                try {
                    BackupStore.move(m[0], m[1]);
                } catch (IOException undo) {
                    err.println("Could not undo " + m[1] + " -> " + m[0] + ": " + undo.getMessage());
                }
            }
            err.println("Không khôi phục: không đổi tên được thư mục (một chương trình khác đang mở tệp trong đó?). Lý do: " + e.getMessage());
            err.println("Not restored: a folder could not be renamed (is a file in it open?). Reason: " + e.getMessage());
            return IO_FAILED;
        }
        out.println("Đã khôi phục bản sao lưu " + backup.getFileName() + " (" + manifest.createdAt() + ", "
                + manifest.airLogRows() + " dòng nhật ký phát, " + manifest.audio().size() + " tệp âm thanh) vào "
                + dataDir + " và " + audioDir + ". Khởi động lại dịch vụ Loa Xã.");
        out.println("Restored backup " + backup.getFileName() + " into " + dataDir + " and " + audioDir + ". Start the station.");
        return OK;
    }

    private static void copyChecked(Path from, Path to, Manifest.Entry entry) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
        BackupStore.sync(to);
        var problem = BackupStore.checkFile(to, entry);
        if (problem != null) {
            throw new IOException("The copy of " + entry.path() + " does not match the manifest: " + problem);
        }
    }

    /** The data folder's other files (the HTTPS certificate, ...) belong to the PC, not to the backup. */
    private static void carryOver(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (var p : walk.toList()) {
                var rel = from.relativize(p);
                if (rel.toString().isEmpty() || NOT_CARRIED.contains(rel.getName(0).toString())) {
                    continue;
                }
                var target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static Properties configured() {
        var p = new Properties();
        for (var file : List.of(Path.of("application.properties"), Path.of("config", "application.properties"))) {
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                } catch (IOException ignored) {
                    // the defaults then
                }
            }
        }
        return p;
    }

    private static String setting(Properties configured, String property, String env, String fallback) {
        var fromEnv = System.getenv(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        var fromFile = configured.getProperty(property);
        return fromFile != null && !fromFile.isBlank() ? fromFile.strip() : fallback;
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("Cách dùng / usage: java -jar loaxa.jar restore <thư-mục-bản-sao-lưu> [--data-dir data] [--audio-dir audio]");
        return USAGE;
    }
}
