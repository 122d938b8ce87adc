package vn.loaxa.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.audio.AudioDecodeException;
import vn.loaxa.audio.AudioProbe;
import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.SqliteErrors;
import vn.loaxa.library.ImportRejectedException.Code;

/**
 * Imports audio into the library. An import either completes (file in place and row committed)
 * or leaves nothing behind: the upload is written to a temporary file beside the library, proven
 * by a full decode, moved into place in one step, and removed again if the row cannot be written.
 */
@Service
public class LibraryService {

    /** What an import produced: the asset, and whether it was already in the library. */
    public record Imported(AudioAsset asset, boolean duplicate) {
    }

    private static final Logger log = LoggerFactory.getLogger(LibraryService.class);

    private final AssetRepository assets;
    private final LibraryProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    LibraryService(AssetRepository assets, LibraryProperties properties, TransactionTemplate transactions,
                   Clock clock) {
        this.assets = assets;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<AudioAsset> findAll() {
        return assets.findAll();
    }

    public Optional<AudioAsset> find(long id) {
        return assets.findById(id);
    }

    /** The stored file of an asset, for the player. */
    public Path fileOf(AudioAsset asset) {
        return properties.audioDir().resolve(asset.storedName());
    }

    public long maxFileSizeBytes() {
        return properties.maxFileSize().toBytes();
    }

    /**
     * Stores the file as an asset, or finds the identical one already stored ({@code duplicate}).
     * Audited after it returns: decoding runs outside any transaction.
     */
    @Audited(value = "AUDIO_IMPORTED", target = "ASSET", id = "#result.asset().id()", name = "#result.asset().title()",
            snapshot = "#result == null || #result.duplicate() ? null : #result.asset()",
            details = "{'file': #originalFilename, 'duplicate': #result?.duplicate()}")
    public Imported importFile(InputStream content, String originalFilename, @Nullable String title,
                               String importedBy) throws ImportRejectedException {
        var temp = receive(content);
        try {
            return store(temp.path(), temp.sha256(), temp.size(), originalFilename, title, importedBy);
        } finally {
            deleteQuietly(temp.path());
        }
    }

    private record Received(Path path, String sha256, long size) {
    }

    private Received receive(InputStream content) throws ImportRejectedException {
        Path temp;
        try {
            Files.createDirectories(properties.incomingDir());
            temp = Files.createTempFile(properties.incomingDir(), "upload-", ".part");
        } catch (IOException e) {
            throw new ImportRejectedException(Code.STORAGE_FAILED, "Cannot write to " + properties.incomingDir(), e);
        }
        long limit = maxFileSizeBytes();
        try (var digesting = new DigestInputStream(content, sha256());
             OutputStream out = Files.newOutputStream(temp)) {
            var buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = digesting.read(buffer)) >= 0) {
                total += n;
                if (total > limit) {
                    throw new ImportRejectedException(Code.TOO_LARGE,
                            "Larger than the limit of " + properties.maxFileSize());
                }
                out.write(buffer, 0, n);
            }
            if (total == 0) {
                throw new ImportRejectedException(Code.EMPTY_FILE, "The file is empty (0 bytes)");
            }
            return new Received(temp, HexFormat.of().formatHex(digesting.getMessageDigest().digest()), total);
        } catch (ImportRejectedException e) {
            deleteQuietly(temp);
            throw e;
        } catch (IOException e) {
            // Most often a full disk; the partial file must not stay behind.
            deleteQuietly(temp);
            throw new ImportRejectedException(Code.STORAGE_FAILED, "Writing the upload failed: " + e.getMessage(), e);
        }
    }

    private synchronized Imported store(Path temp, String sha256, long size, String originalFilename,
                                        @Nullable String title, String importedBy) throws ImportRejectedException {
        var existing = assets.findBySha256(sha256);
        if (existing.isPresent()) {
            return new Imported(existing.get(), true);
        }
        AudioProbe.Result probe;
        try {
            probe = AudioProbe.probe(temp);
        } catch (AudioDecodeException e) {
            throw new ImportRejectedException(Code.valueOf(e.reason().name()), e.getMessage(), e);
        } catch (IOException e) {
            throw new ImportRejectedException(Code.STORAGE_FAILED, "Reading the upload failed: " + e.getMessage(), e);
        }
        var container = probe.container().name();
        var storedName = StoredNames.of(originalFilename, sha256, container);
        var target = properties.audioDir().resolve(storedName);
        try {
            // A file already there under this name has the same content but no row (a crash between
            // move and insert left it), so replacing it loses nothing.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ImportRejectedException(Code.STORAGE_FAILED, "Cannot place the file in the library", e);
        }
        var cleanTitle = title == null || title.isBlank() ? defaultTitle(originalFilename) : title.strip();
        var asset = new AudioAsset(0, cleanTitle, originalFilename, storedName, sha256, size, container,
                probe.durationMs(), probe.frames(), probe.format().sampleRate(), probe.format().channels(),
                probe.peakDbfs(), probe.loudnessLufs(), clock.instant(), importedBy, false);
        try {
            long id = transactions.execute(status -> assets.insert(asset));
            log.info("Imported '{}' as asset {} ({} ms, {})", originalFilename, id, probe.durationMs(), storedName);
            return new Imported(assets.findById(id).orElseThrow(), false);
        } catch (RuntimeException e) {
            deleteQuietly(target);
            if (SqliteErrors.troubleOf(e).orElse(null) == SqliteErrors.Trouble.BUSY) {
                // Other writers held the database longer than a request may wait: nothing is wrong with the file.
                throw new ImportRejectedException(Code.DATABASE_BUSY, "Database busy: " + e.getMessage(), e);
            }
            throw new ImportRejectedException(Code.STORAGE_FAILED, "Cannot record the asset: " + e.getMessage(), e);
        }
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Transactional
    @Audited(value = "AUDIO_RENAMED", target = "ASSET", snapshot = "find(#id).orElse(null)")
    public AudioAsset rename(long id, String title) {
        if (title.isBlank()) {
            throw new InvalidInputException("BLANK_TITLE", "error.library.blankTitle", "A title is needed");
        }
        var asset = find(id).orElseThrow(() -> new InvalidInputException("UNKNOWN_ASSET",
                "error.schedule.unknownAsset", "No asset " + id, id));
        assets.updateTitle(asset.id(), title.strip());
        return find(id).orElseThrow();
    }

    /**
     * Retired assets can no longer be scheduled but keep their file and row: the air log and old
     * reports still refer to them. There is deliberately no delete.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Transactional
    @Audited(value = "AUDIO_RETIREMENT_CHANGED", target = "ASSET", snapshot = "find(#id).orElse(null)")
    public AudioAsset setRetired(long id, boolean retired) {
        var asset = find(id).orElseThrow(() -> new InvalidInputException("UNKNOWN_ASSET",
                "error.schedule.unknownAsset", "No asset " + id, id));
        assets.updateRetired(asset.id(), retired);
        return find(id).orElseThrow();
    }

    static String defaultTitle(String originalFilename) {
        var name = originalFilename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        var stem = dot > 0 ? name.substring(0, dot) : name;
        stem = stem.replace('_', ' ').strip();
        return stem.isEmpty() ? "Bản tin" : stem;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", p, e.getMessage());
        }
    }
}
