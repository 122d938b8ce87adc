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
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import vn.loaxa.audio.AudioTooLongException;
import vn.loaxa.audit.Audited;
import vn.loaxa.base.OwnerOnly;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.base.SqliteErrors;
import vn.loaxa.library.ImportRejectedException.Code;

/**
 * Imports audio into the library. An import either completes (file in place and row committed)
 * or leaves nothing behind: the upload is written to a temporary file beside the library (the size
 * limit enforced while it streams in), proven by a full decode (stopped as soon as it passes the
 * length limit), moved into place in one step, and removed again if the row cannot be written.
 *
 * <p>Decoding holds no lock and no transaction, so two people's uploads decode side by side and
 * nobody else waits for them; only the last step (a rename and one row) is serialised, and only
 * with an import of the same content.
 */
@Service
public class LibraryService {

    /** What an import produced: the asset, and whether it was already in the library. */
    public record Imported(AudioAsset asset, boolean duplicate) {
    }

    private static final Logger log = LoggerFactory.getLogger(LibraryService.class);

    private static final long MB = 1024 * 1024;

    private final AssetRepository assets;
    private final LibraryProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AudioLimits settings;
    private final AudioConverter converter;
    /** Imports of the same content meet here for their last step; others never wait for each other. */
    private final Object[] placing = new Object[64];
    /**
     * Decodes {@link #check} proved, by content and length limit: the import that soon follows (a
     * schedule file applied after its preview, the first start's samples) does not decode the same
     * bytes again. A decode's result depends on nothing else; the last 64 are kept.
     */
    private final Map<String, AudioProbe.Result> proven = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AudioProbe.Result> eldest) {
                    return size() > 64;
                }
            });

    LibraryService(AssetRepository assets, LibraryProperties properties, TransactionTemplate transactions,
                   Clock clock, AudioLimits settings, AudioConverter converter) {
        this.assets = assets;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
        this.converter = converter;
        for (int i = 0; i < placing.length; i++) {
            placing[i] = new Object();
        }
        // Readable by the station's account only: created so, and repaired on an older installation.
        OwnerOnly.createDirectories(properties.audioDir());
        clearStaging();
    }

    /**
     * Partial uploads a crash or a power cut left in the staging folder: nothing refers to them, and
     * the station starts before it takes any upload.
     */
    private void clearStaging() {
        var dir = properties.incomingDir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                log.info("Removing {} left in the staging folder by an upload that never finished", f.getFileName());
                deleteQuietly(f);
            });
        } catch (IOException e) {
            log.warn("Could not clear the staging folder {}: {}", dir, e.getMessage());
        }
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

    /** The longest audio one file may hold now (an admin's setting, 3 h unless changed). */
    public Duration maxDuration() {
        return settings.maxAudioDuration();
    }

    /**
     * Refuses an upload whose announced size (a browser's Content-Length) is over the limit before
     * a byte of it is read. What is actually read is limited again while it streams.
     */
    public void checkAnnouncedSize(long bytes) throws ImportRejectedException {
        if (bytes > maxFileSizeBytes()) {
            throw tooLarge("Announced as " + bytes + " bytes");
        }
    }

    private ImportRejectedException tooLarge(String detail) {
        return new ImportRejectedException(Code.TOO_LARGE, ImportRejectedException.TOO_LARGE_KEY,
                detail + ", over the limit of " + maxFileSizeBytes() + " bytes", size(maxFileSizeBytes()));
    }

    /** A size as people read it: "200 MB", "512 KB". */
    public static String size(long bytes) {
        if (bytes >= MB) {
            return (bytes + MB / 2) / MB + " MB";
        }
        return Math.max(1, (bytes + 512) / 1024) + " KB";
    }

    /** A length in hours, minutes and seconds, as the refusals print it: "5:30:00", "0:10:00". */
    public static String length(long ms) {
        var d = Duration.ofMillis(Math.max(0, ms));
        return "%d:%02d:%02d".formatted(d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    /**
     * Imports an upload. Only ADMIN and OPERATOR add to the library, whichever door they use (the
     * API, the Library page, the emergency dialog, text-to-speech, a schedule file). Stores the file
     * as an asset, or finds the identical one already stored ({@code duplicate}). Audited after it
     * returns: decoding runs outside any transaction.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "AUDIO_IMPORTED", target = "ASSET", id = "#result.asset().id()", name = "#result.asset().title()",
            snapshot = "#result == null || #result.duplicate() ? null : #result.asset()",
            details = "{'file': #originalFilename, 'duplicate': #result?.duplicate()}")
    public Imported importFile(InputStream content, String originalFilename, @Nullable String title,
                               String importedBy) throws ImportRejectedException {
        Limits.title(title);
        var temp = receive(content);
        Path converted = null;
        try {
            var foreign = foreignFormat(temp.path());
            if (foreign == null) {
                return store(temp.path(), temp.sha256(), temp.size(), originalFilename, title, importedBy, false);
            }
            // A phone's format becomes a WAV first; that WAV is what is checked, hashed and stored.
            converted = convert(temp.path(), foreign);
            var digest = hash(converted);
            return store(converted, digest, Files.size(converted), originalFilename, title, importedBy, true);
        } catch (IOException e) {
            throw new ImportRejectedException(Code.STORAGE_FAILED, "Reading the upload failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp.path());
            if (converted != null) {
                deleteQuietly(converted);
            }
        }
    }

    /**
     * Proves {@code file} as its import would (a full decode under the library's length limit) and
     * stores nothing: for a preview, which must say what the import would refuse. A file that passes
     * is remembered by its content, so importing the same bytes afterwards skips the decode.
     *
     * @throws AudioTooLongException longer than the library takes
     * @throws AudioDecodeException not audio the station can play
     */
    public AudioProbe.Result check(Path file) throws IOException {
        var limit = maxDuration();
        var before = hash(file);
        var key = provenKey(before, limit);
        var known = proven.get(key);
        if (known != null) {
            return known;
        }
        var result = AudioProbe.probe(file, limit);
        // Only bytes that stayed as they were while they decoded are vouched for.
        if (hash(file).equals(before)) {
            proven.put(key, result);
        }
        return result;
    }

    private static String provenKey(String sha256, Duration limit) {
        return sha256 + "/" + limit.toMillis();
    }

    /** Whether this machine converts the formats phones send (ffmpeg found). */
    public boolean converts() {
        return converter.available();
    }

    private ForeignFormats.@Nullable Format foreignFormat(Path file) throws ImportRejectedException {
        try {
            return ForeignFormats.of(file);
        } catch (IOException e) {
            throw new ImportRejectedException(Code.STORAGE_FAILED, "Reading the upload failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs outside any transaction and lock but the converter's own (one conversion at a time), into a
     * temporary file in the staging folder that the caller removes whatever happens.
     */
    private Path convert(Path upload, ForeignFormats.Format format) throws ImportRejectedException {
        if (!converter.available()) {
            throw new ImportRejectedException(Code.UNSUPPORTED_FORMAT, ImportRejectedException.NEEDS_FFMPEG_KEY,
                    format.label + " needs ffmpeg, which is not installed", format.label);
        }
        Path target;
        try {
            target = Files.createTempFile(properties.incomingDir(), "convert-", ".wav");
        } catch (IOException e) {
            throw new ImportRejectedException(Code.STORAGE_FAILED, "Cannot write to " + properties.incomingDir(), e);
        }
        try {
            converter.toWav(upload, target, maxDuration());
            if (format.ogg() && !ForeignFormats.oggComplete(upload)) {
                throw new ImportRejectedException(Code.TRUNCATED, ImportRejectedException.TRUNCATED_CONVERTED_KEY,
                        "The Ogg stream has no end page", format.label, where(AudioConverter.decodedMs(target)));
            }
            return target;
        } catch (AudioConverter.ConversionException e) {
            deleteQuietly(target);
            throw switch (e.kind()) {
                case TIMED_OUT -> new ImportRejectedException(Code.UNDECODABLE_STREAM,
                        ImportRejectedException.CONVERT_TIMEOUT_KEY, e.getMessage(), format.label,
                        length(properties.convertTimeout().toMillis()));
                case BUSY -> new ImportRejectedException(Code.DATABASE_BUSY, ImportRejectedException.CONVERT_BUSY_KEY,
                        e.getMessage());
                case FAILED -> {
                    var detail = e.getMessage() == null ? "" : e.getMessage();
                    // A recording cut short: an MP4 without its index (written last) or an Ogg/FLAC ending mid-frame.
                    boolean truncated = detail.contains("moov atom not found") || detail.contains("End of file");
                    yield new ImportRejectedException(truncated ? Code.TRUNCATED : Code.CORRUPT,
                            truncated ? ImportRejectedException.TRUNCATED_CONVERTED_KEY
                                    : ImportRejectedException.CORRUPT_CONVERTED_KEY,
                            detail, format.label, where(e.decodedMs()));
                }
            };
        } catch (ImportRejectedException e) {
            deleteQuietly(target);
            throw e;
        } catch (IOException e) {
            deleteQuietly(target);
            throw new ImportRejectedException(Code.STORAGE_FAILED, "Converting the upload failed: " + e.getMessage(), e);
        }
    }

    /** Where a recording broke, as the refusal says it (h:mm:ss into the audio; 0:00:00 at its very start). */
    private static String where(long decodedMs) {
        return decodedMs > 0 ? length(decodedMs) : "0:00:00";
    }

    private static String hash(Path file) throws IOException {
        var digest = sha256();
        try (var in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
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
                    // Stop reading here: the rest is never received, the part received is deleted below.
                    throw tooLarge("More than " + limit + " bytes received");
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

    private Imported store(Path temp, String sha256, long size, String originalFilename, @Nullable String title,
                           String importedBy, boolean converted) throws ImportRejectedException {
        var existing = assets.findBySha256(sha256);
        if (existing.isPresent()) {
            return new Imported(existing.get(), true);
        }
        // The long part, seconds for an hour of MP3: no lock, no transaction, stopped at the length limit;
        // skipped for content a check has just decoded (the same hash is the same bytes).
        var probe = proven.get(provenKey(sha256, maxDuration()));
        if (probe == null) {
            probe = probe(temp, converted);
        }
        synchronized (placing[Math.floorMod(sha256.hashCode(), placing.length)]) {
            // The same content may have been imported by someone else while this one decoded.
            existing = assets.findBySha256(sha256);
            if (existing.isPresent()) {
                return new Imported(existing.get(), true);
            }
            return place(temp, probe, sha256, size, originalFilename, title, importedBy);
        }
    }

    private AudioProbe.Result probe(Path temp, boolean converted) throws ImportRejectedException {
        var limit = maxDuration();
        // Decoding is seconds of CPU that may be shared with the player (MAX_PRIORITY); where the
        // operating system honours thread priorities (Windows) the player goes first.
        var thread = Thread.currentThread();
        int priority = thread.getPriority();
        thread.setPriority(Thread.MIN_PRIORITY);
        try {
            return AudioProbe.probe(temp, limit);
        } catch (AudioTooLongException e) {
            // A conversion stops a second past the limit, so its length is "at least".
            var key = e.wholeLength() && !converted ? ImportRejectedException.TOO_LONG_KEY
                    : ImportRejectedException.TOO_LONG_AT_LEAST_KEY;
            throw new ImportRejectedException(Code.TOO_LONG, key, e.getMessage(), length(e.durationMs()),
                    length(e.limitMs()));
        } catch (AudioDecodeException e) {
            throw new ImportRejectedException(Code.valueOf(e.reason().name()), e.getMessage(), e);
        } catch (IOException e) {
            throw new ImportRejectedException(Code.STORAGE_FAILED, "Reading the upload failed: " + e.getMessage(), e);
        } finally {
            thread.setPriority(priority);
        }
    }

    /** A rename on the same disk and one row: milliseconds. */
    private Imported place(Path temp, AudioProbe.Result probe, String sha256, long size, String originalFilename,
                           @Nullable String title, String importedBy) throws ImportRejectedException {
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
        Limits.title(title);
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
        // A title is at most Limits.TITLE long; a file name is only a suggestion of one.
        stem = stem.length() > Limits.TITLE ? stem.substring(0, Limits.TITLE).strip() : stem;
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
