package vn.loaxa.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;

/**
 * Hashes every stored audio file again and compares it with the SHA-256 the library recorded at
 * import: a file changed on disk (a disk going bad, someone replacing a file by hand) or deleted is
 * an alert, so nobody learns of it only when a bulletin does not play as approved. The full check
 * runs weekly in the background and is made to be cheap for playout: the library list is read
 * first (one short query), each file is then read outside any transaction with a modest buffer on
 * a low-priority thread, yielding after every buffer and paced to at most
 * {@code loaxa.watch.audio-read-rate}.
 */
@Component
public class AudioIntegrityWatch {

    private static final Logger log = LoggerFactory.getLogger(AudioIntegrityWatch.class);
    static final String CHANGED = "AUDIO_CHANGED";
    static final String MISSING = "AUDIO_MISSING";
    private static final int BUFFER = 64 * 1024;
    /** Titles named in one alert; the rest are counted. */
    private static final int NAMED = 3;

    /**
     * How long a hash made ahead of air stands for the file it was made of (same size, modification
     * time and file identity): longer than the planner's look-ahead, so a broadcast due in a few
     * minutes finds its files already checked.
     */
    static final java.time.Duration FRESH = java.time.Duration.ofMinutes(10);

    /** What one full check found. */
    public record Result(int checked, List<AudioAsset> changed, List<AudioAsset> missing) {
    }

    private final LibraryService library;
    private final WatchAlerts alerts;
    private final WatchProperties properties;
    /** What the last full check and every check before air since then found, by asset id. */
    private final java.util.Map<Long, AudioAsset> changed = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final java.util.Map<Long, AudioAsset> missing = new java.util.concurrent.ConcurrentSkipListMap<>();

    /** Full hashes made shortly before air, by asset id, with the file's attributes when hashed. */
    private final Map<Long, Verified> recent = new ConcurrentHashMap<>();
    /** Assets waiting for, or in, a check ahead of air: each is hashed once however often it is asked. */
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    /** One low-priority thread: checks ahead of air never compete with each other for the disk. */
    private final ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
        var t = new Thread(r, "loaxa-ahead-check");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    /**
     * A full hash and the file as it was when the hash began. It stands for the file while that is
     * unchanged, whether or not it matched the library's: a file found changed is not hashed again
     * at every re-plan to be found changed again (only the check in the lead hashes it once more).
     */
    private record Verified(String sha256, long size, FileTime modified, @Nullable Object fileKey, long atNanos) {

        boolean stands(BasicFileAttributes now) {
            return System.nanoTime() - atNanos < FRESH.toNanos() && size == now.size()
                    && modified.equals(now.lastModifiedTime()) && Objects.equals(fileKey, now.fileKey());
        }
    }

    AudioIntegrityWatch(LibraryService library, WatchAlerts alerts, WatchProperties properties) {
        this.library = library;
        this.alerts = alerts;
        this.properties = properties;
    }

    /** Checks every asset still in the library (retired ones too: old schedules may name them). */
    public Result checkAll() throws InterruptedException {
        var assets = library.findAll();
        var changed = new ArrayList<AudioAsset>();
        var missing = new ArrayList<AudioAsset>();
        var pacer = new Pacer(properties.audioReadRate().toBytes());
        for (var asset : assets) {
            var file = library.fileOf(asset);
            try {
                var hash = sha256(file, pacer);
                if (!hash.equalsIgnoreCase(asset.sha256())) {
                    log.warn("Stored audio #{} \"{}\" ({}) no longer matches its recorded SHA-256: recorded {}, now {}",
                            asset.id(), asset.title(), file, asset.sha256(), hash);
                    changed.add(asset);
                }
            } catch (NoSuchFileException e) {
                log.warn("Stored audio #{} \"{}\" is missing: {}", asset.id(), asset.title(), file);
                missing.add(asset);
            } catch (IOException e) {
                // Unreadable is as bad as changed for playout: it will not play as approved.
                log.warn("Stored audio #{} \"{}\" ({}) cannot be read: {}", asset.id(), asset.title(), file, e.toString());
                changed.add(asset);
            }
        }
        synchronized (this) {
            this.changed.clear();
            changed.forEach(a -> this.changed.put(a.id(), a));
            this.missing.clear();
            missing.forEach(a -> this.missing.put(a.id(), a));
            report();
        }
        log.info("Audio check: {} file(s) hashed, {} changed, {} missing", assets.size(), changed.size(), missing.size());
        return new Result(assets.size(), List.copyOf(changed), List.copyOf(missing));
    }

    /**
     * The check right before an item airs, on the thread that prepares the item ahead of its time
     * (never the audio thread): hashes the whole file at full speed and compares it with the
     * recorded SHA-256. A file that changed is refused (decision 0024): an approved bulletin that
     * is no longer the approved bytes must not go on air. Returns the hash of what will play.
     *
     * @throws IOException naming the reason (AUDIO_CHANGED, AUDIO_MISSING), which the air log keeps
     */
    public String beforeAir(AudioAsset asset, Path file) throws IOException {
        String hash;
        try {
            var attributes = Files.readAttributes(file, BasicFileAttributes.class);
            var earlier = recent.get(asset.id());
            if (earlier != null && earlier.stands(attributes) && earlier.sha256().equalsIgnoreCase(asset.sha256())) {
                // Hashed minutes ago and untouched since: with the quick compiler only, hashing a
                // 200 MB file takes ~2 s, more than the lead the first item is opened in. A hash that
                // did not match is not taken on trust here: a file put back with its old time and
                // size (cp -p) would be refused on air for minutes although it is the approved one.
                hash = earlier.sha256();
            } else {
                hash = hashAndRemember(asset, file, attributes, new Pacer(0));
            }
        } catch (NoSuchFileException e) {
            synchronized (this) {
                missing.put(asset.id(), asset);
                report();
            }
            throw new IOException(MISSING + ": \"" + asset.title() + "\" (" + asset.storedName()
                    + ") is no longer in the audio folder; not aired", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while checking " + file);
        }
        if (!hash.equalsIgnoreCase(asset.sha256())) {
            log.error("Stored audio #{} \"{}\" ({}) changed on disk: SHA-256 {} instead of the recorded {}; not aired",
                    asset.id(), asset.title(), file, hash, asset.sha256());
            synchronized (this) {
                changed.put(asset.id(), asset);
                missing.remove(asset.id());
                report();
            }
            throw new IOException(CHANGED + ": \"" + asset.title() + "\" (" + asset.storedName() + ") has SHA-256 "
                    + hash + ", not the " + asset.sha256() + " recorded at import; not aired");
        }
        if (changed.containsKey(asset.id()) || missing.containsKey(asset.id())) {
            synchronized (this) {
                changed.remove(asset.id());
                missing.remove(asset.id());
                report();
            }
        }
        return hash;
    }

    /**
     * Asks for the check before air to be made now, for an item due within minutes (the planner
     * calls it at each re-plan): hashed at full speed on a low-priority thread, outside any
     * transaction. A changed or missing file raises its alert at once, minutes before the broadcast
     * instead of at its instant; {@link #beforeAir} then only compares the file's size, time and
     * identity with those it had when hashed. Returns at once.
     */
    public void verifyAhead(AudioAsset asset, Path file) {
        var earlier = recent.get(asset.id());
        try {
            if (earlier != null && earlier.stands(Files.readAttributes(file, BasicFileAttributes.class))) {
                return;
            }
        } catch (IOException e) {
            // gone or unreadable: the check below says which and raises the alert
        }
        if (!queued.add(asset.id())) {
            return;
        }
        try {
            ahead.execute(() -> {
                try {
                    beforeAir(asset, file);
                } catch (IOException e) {
                    log.warn("Checked ahead of air: {}", e.getMessage());
                } finally {
                    queued.remove(asset.id());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.remove(asset.id());
        }
    }

    /** When the asset's file was last hashed ahead of or right before air ({@link System#nanoTime}), if it was. */
    @Nullable Long lastHashed(long assetId) {
        var v = recent.get(assetId);
        return v == null ? null : v.atNanos();
    }

    private String hashAndRemember(AudioAsset asset, Path file, BasicFileAttributes before, Pacer pacer)
            throws IOException, InterruptedException {
        var hash = sha256(file, pacer);
        // Remembered with the attributes read before the hash began: a file written while it was
        // being read has a later time, and is hashed again before it airs.
        recent.put(asset.id(), new Verified(hash, before.size(), before.lastModifiedTime(), before.fileKey(),
                System.nanoTime()));
        return hash;
    }

    @PreDestroy
    void stop() {
        ahead.shutdownNow();
    }

    /** The planner found the file gone when it prepared a broadcast: the same alert as the checks'. */
    public void missingAtPlay(AudioAsset asset) {
        synchronized (this) {
            if (missing.put(asset.id(), asset) == null) {
                changed.remove(asset.id());
                report();
            }
        }
    }

    private void report() {
        report(CHANGED, "watch.alert.audioChanged", List.copyOf(changed.values()),
                "stored audio file(s) no longer match their SHA-256");
        report(MISSING, "watch.alert.audioMissing", List.copyOf(missing.values()),
                "stored audio file(s) are missing from the audio folder");
    }

    private void report(String code, String messageKey, List<AudioAsset> found, String what) {
        if (found.isEmpty()) {
            alerts.clear(code);
            return;
        }
        var named = found.stream().limit(NAMED).map(a -> "\"" + a.title() + "\" (" + a.storedName() + ")")
                .collect(Collectors.joining(", "));
        if (found.size() > NAMED) {
            named += ", …";
        }
        alerts.raise(code, code, messageKey, List.of(found.size(), named), found.size() + " " + what + ": " + named);
    }

    /** The SHA-256 of a file, read at most {@code bytesPerSecond} fast (0: at full speed). */
    public static String sha256(Path file, long bytesPerSecond) throws IOException, InterruptedException {
        return sha256(file, new Pacer(bytesPerSecond));
    }

    /** The SHA-256 of a file as a lower-case hex string, read at the pacer's rate. */
    static String sha256(Path file, Pacer pacer) throws IOException, InterruptedException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        var buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                pacer.took(n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Keeps reading below a rate: after each buffer it yields, and sleeps when ahead of the rate. */
    static final class Pacer {
        private final long bytesPerSecond;
        private final long started = System.nanoTime();
        private long total;

        Pacer(long bytesPerSecond) {
            this.bytesPerSecond = bytesPerSecond;
        }

        void took(int bytes) throws InterruptedException {
            total += bytes;
            Thread.yield();
            if (bytesPerSecond <= 0) {
                return;
            }
            long dueNanos = (long) (total * 1e9 / bytesPerSecond);
            long aheadMillis = (dueNanos - (System.nanoTime() - started)) / 1_000_000;
            if (aheadMillis > 0) {
                Thread.sleep(aheadMillis);
            }
        }
    }
}
