package vn.loaxa.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files only the station's own system account may read: the database holds password hashes, the
 * data folder the generated admin password, the audio folder bulletins not yet approved. On POSIX
 * file systems folders get {@code 0700} and files {@code 0600}, when they are created (so there is
 * no moment in which they are readable by others) and again at every start (installations from
 * before this rule). Elsewhere (NTFS) nothing is done: there the folder's ACL, inherited from the
 * station's install folder, decides.
 */
public final class OwnerOnly {

    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    /** What SQLite writes beside the database file, in WAL and in rollback-journal mode. */
    private static final List<String> DATABASE_COMPANIONS = List.of("-wal", "-shm", "-journal");

    private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);

    private OwnerOnly() {
    }

    /** Creates the folder and any missing parent, the new ones owner-only; an existing folder is made owner-only too. */
    public static Path createDirectories(Path folder) {
        try {
            var absolute = folder.toAbsolutePath();
            if (!Files.isDirectory(absolute)) {
                var parent = absolute.getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    Files.createDirectories(parent);
                }
                if (posix(parent == null ? absolute : parent)) {
                    Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(FOLDER));
                } else {
                    Files.createDirectory(absolute);
                }
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // Created meanwhile by another thread of this process: restricted below.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder " + folder.toAbsolutePath(), e);
        }
        restrict(folder, FOLDER);
        return folder;
    }

    /**
     * The attributes to create a file of ours with ({@code Files.newByteChannel}, {@code FileChannel.open}):
     * owner-only on POSIX, none elsewhere (a POSIX attribute would be refused there).
     */
    public static FileAttribute<?>[] fileAttributes(Path file) {
        var parent = file.toAbsolutePath().getParent();
        return parent != null && posix(parent)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    /** Makes an existing file owner-only; a missing one is left missing. */
    public static void restrictFile(Path file) {
        restrict(file, FILE);
    }

    /**
     * The database and its companions: creates an empty database file owner-only when there is none
     * (SQLite takes an empty file as a new database and gives its {@code -wal}, {@code -shm} and
     * {@code -journal} the database file's own mode when it creates them), and restricts the files
     * an earlier start left.
     */
    public static void databaseFiles(Path database) {
        try {
            if (!Files.exists(database, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(database, fileAttributes(database));
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // Another start won the race: restricted below.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database file " + database.toAbsolutePath(), e);
        }
        restrictFile(database);
        for (var suffix : DATABASE_COMPANIONS) {
            restrictFile(database.resolveSibling(database.getFileName() + suffix));
        }
    }

    /** Every regular file directly in the folder (backups, the lock, the air log's journal), for a start-up pass. */
    public static void filesIn(Path folder) {
        if (!Files.isDirectory(folder) || !posix(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
                f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))) {
            files.forEach(OwnerOnly::restrictFile);
        } catch (IOException e) {
            log.warn("Could not list {} to restrict its files to this account: {}", folder.toAbsolutePath(),
                    e.getMessage());
        }
    }

    /** Whether the file system holding this existing path has POSIX modes. */
    public static boolean posix(Path existing) {
        try {
            return Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> mode) {
        // Never through a link: a link planted in the data folder must not make us chmod its target.
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path) || !posix(path)) {
            return;
        }
        try {
            var view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (view != null && !view.readAttributes().permissions().equals(mode)) {
                view.setPermissions(mode);
                log.info("{} is now {} (readable by this account only)", path.toAbsolutePath(),
                        PosixFilePermissions.toString(mode));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // A file owned by another account (root after a manual copy) cannot be changed by us: say so, go on.
            log.warn("Could not make {} readable by this account only: {}", path.toAbsolutePath(), e.getMessage());
        }
    }
}
