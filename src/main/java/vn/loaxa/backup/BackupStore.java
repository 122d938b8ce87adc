package vn.loaxa.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.sqlite.SQLiteConfig;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.audit.AuditTrail;

/**
 * The backup folder and what happens in it, without Spring (the restore command uses it before any
 * station starts). Layout of the root:
 * <pre>
 *   objects/ab/abcdef…      audio content by SHA-256, shared by every backup (incremental)
 *   2026-12-03_023000/      one backup: loaxa.db (the database copy), manifest.txt, verified.txt
 *   2026-12-02_023000.failed/  a backup that did not verify: never restored, removed by rotation
 *   .tmp-2026-12-03_023000/ a backup being written; renamed to its name only when complete
 * </pre>
 * A backup is good when its folder holds {@value #VERIFIED}, written only after the verification
 * passed; the folder alone says so, so a restored (older) database cannot make rotation forget a
 * newer backup.
 */
final class BackupStore {

    static final String OBJECTS = "objects";
    static final String VERIFIED = "verified.txt";
    static final String FAILED_SUFFIX = ".failed";
    static final String TMP_PREFIX = ".tmp-";
    static final Pattern NAME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}_\\d{6}");
    static final DateTimeFormatter NAME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss");

    /** What a finished backup made. */
    record Made(String name, Path folder, long totalBytes, int files, int filesCopied, long bytesCopied,
                long airLogRows, Duration databaseCopy) {
    }

    private final Path root;
    private final ZoneId zone;

    /** @param zone the station's zone (its {@code StationTime}): a new backup's folder is named in it */
    BackupStore(Path root, ZoneId zone) {
        this.root = root;
        this.zone = zone;
    }

    /**
     * A store that only checks and reads backups (the restore command, which runs without the
     * station's settings): it names no folder, so its zone is never used; a fixed one rather than
     * the computer's own, which the station's times never depend on.
     */
    static BackupStore forReading(Path root) {
        return new BackupStore(root, java.time.ZoneOffset.UTC);
    }

    Path root() {
        return root;
    }

    Path objectPath(String sha256) {
        return root.resolve(OBJECTS).resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /**
     * Writes a new backup of the database and the audio folder: into a temporary folder, every file
     * synced, renamed to its name at the end. Not yet verified: see {@link #verify(Path)}.
     *
     * @param createRoot whether a missing backup root may be created (only the default one)
     */
    Made create(Path databaseFile, Path audioDir, Instant now, boolean createRoot) throws BackupException {
        prepareRoot(createRoot);
        // Two backups within one second (a manual one just after the nightly one): the next free second names it.
        var named = now;
        while (Files.exists(root.resolve(NAME_FORMAT.format(named.atZone(zone))))
                || Files.exists(root.resolve(NAME_FORMAT.format(named.atZone(zone)) + FAILED_SUFFIX))) {
            named = named.plusSeconds(1);
        }
        var name = NAME_FORMAT.format(named.atZone(zone));
        var folder = root.resolve(name);
        var tmp = root.resolve(TMP_PREFIX + name);
        try {
            removeLeftovers();
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw ioProblem(e, "Cannot write into the backup folder " + root);
        }
        try {
            var entries = new ArrayList<Manifest.Entry>();
            // 1. The database, online: VACUUM INTO reads one snapshot in a single read transaction.
            var dbCopy = tmp.resolve(Manifest.DATABASE);
            long started = System.nanoTime();
            copyDatabase(databaseFile, dbCopy);
            var dbTime = Duration.ofNanos(System.nanoTime() - started);
            long rows = countAirLogRows(dbCopy);
            sync(dbCopy);
            entries.add(new Manifest.Entry(sha256(dbCopy), Files.size(dbCopy), Manifest.DATABASE));
            long total = Files.size(dbCopy);
            // 2. The audio, by content: a file already in objects/ is not copied again.
            int copied = 0;
            long bytesCopied = 0;
            for (var file : audioFiles(audioDir)) {
                var rel = audioDir.relativize(file).toString().replace('\\', '/');
                var hash = sha256(file);
                long size = Files.size(file);
                var object = objectPath(hash);
                if (!Files.isRegularFile(object) || Files.size(object) != size) {
                    copyObject(file, hash, object);
                    copied++;
                    bytesCopied += size;
                }
                entries.add(new Manifest.Entry(hash, size, Manifest.AUDIO_PREFIX + rel));
                total += size;
            }
            var manifest = new Manifest(now.toString(), rows, List.copyOf(entries));
            manifest.write(tmp.resolve(Manifest.FILE_NAME));
            sync(tmp.resolve(Manifest.FILE_NAME));
            syncDirectory(tmp);
            move(tmp, folder);
            syncDirectory(root);
            return new Made(name, folder, total, entries.size(), copied, bytesCopied, rows, dbTime);
        } catch (BackupException e) {
            deleteTree(tmp);
            throw e;
        } catch (IOException e) {
            deleteTree(tmp);
            throw ioProblem(e, "Copying into " + tmp + " failed");
        } catch (SQLException e) {
            deleteTree(tmp);
            var full = e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("full");
            throw new BackupException(full ? BackupException.Code.DISK_FULL : BackupException.Code.COPY_FAILED,
                    "Copying the database failed: " + e.getMessage(), e);
        }
    }

    private void prepareRoot(boolean createRoot) throws BackupException {
        if (!Files.isDirectory(root)) {
            if (!createRoot) {
                throw new BackupException(BackupException.Code.FOLDER_MISSING, "The backup folder " + root
                        + " does not exist (a USB drive not plugged in, a disk not mounted?)");
            }
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw ioProblem(e, "Cannot create the backup folder " + root);
            }
        }
        if (!Files.isWritable(root)) {
            throw new BackupException(BackupException.Code.FOLDER_UNWRITABLE, "The backup folder " + root + " is not writable");
        }
    }

    /** Folders and object files a crash left half-written: never good, and ours to remove. */
    private void removeLeftovers() throws IOException {
        try (var list = Files.list(root)) {
            for (var p : list.toList()) {
                if (p.getFileName().toString().startsWith(TMP_PREFIX)) {
                    deleteTree(p);
                }
            }
        }
    }

    private static void copyDatabase(Path databaseFile, Path target) throws SQLException, BackupException {
        if (!Files.isRegularFile(databaseFile)) {
            throw new BackupException(BackupException.Code.COPY_FAILED, "No database at " + databaseFile);
        }
        var config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(30_000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath());
             var st = c.prepareStatement("VACUUM INTO ?")) {
            st.setString(1, target.toAbsolutePath().toString());
            st.execute();
        }
        // A copy in one file: the station opens it in WAL again after a restore.
        try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + target.toAbsolutePath());
             var st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=DELETE");
        }
    }

    private static long countAirLogRows(Path dbCopy) throws SQLException {
        try (var c = readOnly(dbCopy); var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM air_log")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static Connection readOnly(Path db) throws SQLException {
        var config = new SQLiteConfig();
        config.setReadOnly(true);
        return config.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
    }

    /** Every audio file of the library, hidden folders (the uploads being received) left out. */
    static List<Path> audioFiles(Path audioDir) throws IOException {
        if (!Files.isDirectory(audioDir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(audioDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (var part : audioDir.relativize(p)) {
                            if (part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted().toList();
        }
    }

    /** Copies through a temporary name and checks the content still hashes as it did when listed. */
    private static void copyObject(Path source, String hash, Path object) throws IOException, BackupException {
        Files.createDirectories(object.getParent());
        var tmp = object.resolveSibling(object.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            var digest = digest();
            try (InputStream in = Files.newInputStream(source);
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW), digest)) {
                in.transferTo(out);
            }
            var got = HexFormat.of().formatHex(digest.digest());
            if (!got.equals(hash)) {
                throw new BackupException(BackupException.Code.COPY_FAILED, "The audio file " + source + " changed while it was copied");
            }
            sync(tmp);
            move(tmp, object);
            syncDirectory(object.getParent());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Checks a backup on the backup disk: every file against the manifest (size and SHA-256), the
     * database copy's integrity, and the hash chains of its air log and audit trail.
     *
     * @return null when good, else what is wrong
     */
    @Nullable String verify(Path folder) {
        Manifest manifest;
        try {
            manifest = Manifest.read(folder.resolve(Manifest.FILE_NAME));
        } catch (IOException | RuntimeException e) {
            return "The manifest cannot be read: " + e.getMessage();
        }
        try {
            var problem = checkFile(folder.resolve(Manifest.DATABASE), manifest.database());
            if (problem != null) {
                return problem;
            }
            for (var e : manifest.audio()) {
                problem = checkFile(objectPath(e.sha256()), e);
                if (problem != null) {
                    return problem;
                }
            }
        } catch (IOException e) {
            return "Reading the backup failed: " + e.getMessage();
        }
        try (var c = readOnly(folder.resolve(Manifest.DATABASE))) {
            try (var st = c.createStatement(); var rs = st.executeQuery("PRAGMA integrity_check")) {
                var result = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(result)) {
                    return "The database copy fails SQLite's integrity check: " + result;
                }
            }
            var source = new SingleConnectionDataSource(c, true);
            var airLog = AirLogService.verifyCopy(source);
            if (!airLog.intact()) {
                return "The air log's hash chain in the copy does not verify at row " + airLog.firstBadRow() + ": " + airLog.problem();
            }
            if (manifest.airLogRows() >= 0 && airLog.checkedRows() != manifest.airLogRows()) {
                return "The copy has " + airLog.checkedRows() + " air log rows, the manifest " + manifest.airLogRows();
            }
            var audit = AuditTrail.verifyCopy(source);
            if (!audit.intact()) {
                return "The audit trail's hash chain in the copy does not verify at row " + audit.firstBadRow() + ": " + audit.problem();
            }
        } catch (SQLException | RuntimeException e) {
            return "The database copy cannot be read: " + e.getMessage();
        }
        return null;
    }

    static @Nullable String checkFile(Path file, Manifest.Entry entry) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "Missing from the backup: " + entry.path() + " (" + file + ")";
        }
        if (Files.size(file) != entry.size()) {
            return "Wrong size in the backup: " + entry.path() + " (" + Files.size(file) + " bytes, manifest " + entry.size() + ")";
        }
        if (!sha256(file).equals(entry.sha256())) {
            return "Changed in the backup (SHA-256 differs from the manifest): " + entry.path();
        }
        return null;
    }

    /** Marks a verified backup good. */
    void markGood(Path folder, Instant at) throws IOException {
        var file = folder.resolve(VERIFIED);
        Files.writeString(file, "verified " + at + "\n");
        sync(file);
        syncDirectory(folder);
    }

    /** Moves a backup that did not verify out of the good names. */
    void markFailed(Path folder) throws IOException {
        move(folder, folder.resolveSibling(folder.getFileName() + FAILED_SUFFIX));
    }

    /** The good backups, newest first. */
    List<Path> goodBackups() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var list = Files.list(root)) {
            return list.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(VERIFIED)) && Files.isRegularFile(p.resolve(Manifest.FILE_NAME)))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        }
    }

    /**
     * Keeps the newest good backup of each of the last {@code keepDaily} days and of the last
     * {@code keepMonthly} months, and always the newest good one; removes the other good backups and
     * the failed ones older than the newest good one, then every object no remaining manifest names.
     * Folders it does not recognise are left alone.
     *
     * @return the names removed
     */
    List<String> rotate(int keepDaily, int keepMonthly) throws IOException {
        var good = goodBackups();
        if (good.isEmpty()) {
            return List.of();
        }
        var keep = new HashSet<Path>();
        keep.add(good.getFirst());
        var days = new LinkedHashSet<String>();
        var months = new LinkedHashSet<String>();
        for (var b : good) {
            var name = b.getFileName().toString();
            var day = name.substring(0, 10);
            var month = name.substring(0, 7);
            if (!days.contains(day) && days.size() < keepDaily) {
                days.add(day);
                keep.add(b);
            }
            if (!months.contains(month) && months.size() < keepMonthly) {
                months.add(month);
                keep.add(b);
            }
        }
        var newestGood = good.getFirst().getFileName().toString();
        var removed = new ArrayList<String>();
        for (var b : good) {
            if (!keep.contains(b)) {
                deleteTree(b);
                removed.add(b.getFileName().toString());
            }
        }
        try (var list = Files.list(root)) {
            for (var p : list.toList()) {
                var n = p.getFileName().toString();
                if (n.endsWith(FAILED_SUFFIX) && NAME.matcher(n.substring(0, n.length() - FAILED_SUFFIX.length())).matches()
                        && n.compareTo(newestGood) < 0) {
                    deleteTree(p);
                    removed.add(n);
                }
            }
        }
        collectGarbage();
        return removed;
    }

    /** Removes objects that no manifest in the root names; does nothing if any manifest cannot be read. */
    void collectGarbage() throws IOException {
        var objects = root.resolve(OBJECTS);
        if (!Files.isDirectory(objects)) {
            return;
        }
        var referenced = new HashSet<String>();
        try (var list = Files.list(root)) {
            for (var p : list.toList()) {
                var manifest = p.resolve(Manifest.FILE_NAME);
                if (Files.isDirectory(p) && !p.getFileName().toString().equals(OBJECTS) && Files.exists(manifest)) {
                    try {
                        Manifest.read(manifest).audio().forEach(e -> referenced.add(e.sha256()));
                    } catch (IOException | RuntimeException e) {
                        return;
                    }
                }
            }
        }
        try (Stream<Path> walk = Files.walk(objects)) {
            for (var file : walk.filter(Files::isRegularFile).toList()) {
                if (!referenced.contains(file.getFileName().toString())) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    // --- file helpers -----------------------------------------------------------------------------------------------

    static String sha256(Path file) throws IOException {
        var digest = digest();
        var buffer = new byte[1 << 20];
        try (var in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    static void sync(Path file) throws IOException {
        try (var ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Makes a rename durable; Windows cannot open a folder this way and commits renames itself. */
    static void syncDirectory(Path dir) {
        try (var ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported on this platform
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (var f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // best effort: what is left has a name that is never taken for good
        }
    }

    private static BackupException ioProblem(IOException e, String what) {
        var text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("no space") || text.contains("not enough space") || text.contains("disk full")
                || text.contains("quota")) {
            return new BackupException(BackupException.Code.DISK_FULL, what + ": " + e.getMessage(), e);
        }
        if (e instanceof java.nio.file.AccessDeniedException || text.contains("read-only file system")
                || text.contains("permission denied")) {
            return new BackupException(BackupException.Code.FOLDER_UNWRITABLE, what + ": " + e.getMessage(), e);
        }
        if (e instanceof FileSystemException && text.contains("no such file")) {
            return new BackupException(BackupException.Code.FOLDER_MISSING, what + ": " + e.getMessage(), e);
        }
        return new BackupException(BackupException.Code.COPY_FAILED, what + ": " + e.getMessage(), e);
    }
}
