package vn.loaxa.station;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * One station per data folder: the station holds an operating-system lock on
 * {@value #FILE_NAME} in its data folder for as long as its process lives. Two stations on one
 * folder would both play every broadcast and both append to the air log, whose hash chain would
 * then no longer verify. The operating system drops the lock when the process ends, however it
 * ends (kill -9, power cut), so unlike a pid file it never has to be cleaned up by hand.
 *
 * <p>The file's text names the holder (pid, host, start time) for the refusal message. The lock
 * covers a single byte far past that text, because on Windows a locked byte range cannot be read
 * by another process. On Linux every lock a process holds on a file goes when any channel of that
 * process on the file is closed, so this process never opens the file a second time (and nothing
 * in the station may read it, e.g. a future copy of the data folder must skip it): a folder it
 * already holds is answered from {@link #HELD}. That also lets several application contexts of one
 * JVM (tests) share a folder; they are one process, and the lock is about processes.
 */
final class StationLock {

    static final String FILE_NAME = "station.lock";
    static final long LOCKED_BYTE = Long.MAX_VALUE - 1;
    private static final int MAX_TEXT = 4096;

    /** Folders this process holds, by real path. Never emptied: the lock lives as long as the process. */
    private static final Map<Path, StationLock> HELD = new HashMap<>();

    /** Who holds a data folder: what the refusal names. Unknown values are "?". */
    record Holder(String pid, String host, String started) {

        static Holder of(long pid, String host, OffsetDateTime started) {
            return new Holder(String.valueOf(pid), host, started.toString());
        }

        static Holder parse(String text) {
            var p = new Properties();
            try {
                p.load(new StringReader(text));
            } catch (IOException | IllegalArgumentException e) {
                // Half written by a holder that is just starting: say what we can.
            }
            return new Holder(p.getProperty("pid", "?"), p.getProperty("host", "?"), p.getProperty("started", "?"));
        }

        String text() {
            return "# Loa Xã: a station runs on this data folder while this file is locked (decision 0010).\n"
                    + "pid=" + pid + "\nhost=" + host + "\nstarted=" + started + "\n";
        }

        @Nullable OffsetDateTime startedAt() {
            try {
                return OffsetDateTime.parse(started);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private final Path folder;
    private final Holder holder;
    // Kept referenced for the life of the process: a collected channel would be closed, and the lock with it.
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final FileChannel channel;
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final FileLock lock;

    private StationLock(Path folder, Holder holder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.holder = holder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the data folder for this process (creating it if needed), or returns the lock this
     * process already holds on it.
     *
     * @throws StationAlreadyRunningException when another process holds it
     */
    static synchronized StationLock acquire(Path dataDir, ZoneId zone) {
        Path folder;
        try {
            vn.loaxa.base.OwnerOnly.createDirectories(dataDir);
            folder = dataDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + dataDir.toAbsolutePath(), e);
        }
        var held = HELD.get(folder);
        if (held != null) {
            return held;
        }
        var file = folder.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), vn.loaxa.base.OwnerOnly.fileAttributes(file));
            var lock = channel.tryLock(LOCKED_BYTE, 1, false);
            if (lock == null) {
                throw new StationAlreadyRunningException(folder, Holder.parse(read(channel)));
            }
            var me = Holder.of(ProcessHandle.current().pid(), hostName(), startedAt().truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime());
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.text().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            var taken = new StationLock(folder, me, channel, lock);
            HELD.put(folder, taken);
            channel = null;
            return taken;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the data folder " + folder + " (" + file + ")", e);
        } finally {
            if (channel != null) {
                close(channel);
            }
        }
    }

    Path folder() {
        return folder;
    }

    /** This process's lock on the folder, if it holds it (a channel opened here to ask would drop it on Linux). */
    static synchronized @Nullable StationLock heldHere(Path realFolder) {
        return HELD.get(realFolder);
    }

    Holder holder() {
        return holder;
    }

    private static String read(FileChannel channel) throws IOException {
        var buffer = ByteBuffer.allocate(MAX_TEXT);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // read on until the text ends or the buffer is full
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was locked through it.
        }
    }

    private static Instant startedAt() {
        return ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    }

    /**
     * The computer's name without a name lookup: {@code InetAddress.getLocalHost()} can stall for
     * seconds on a PC whose own name is in neither DNS nor hosts, and a station must start fast
     * after a power cut.
     */
    static String hostName() {
        var windows = System.getenv("COMPUTERNAME");
        if (windows != null && !windows.isBlank()) {
            return windows.strip();
        }
        var linux = Path.of("/proc/sys/kernel/hostname");
        try {
            if (Files.isReadable(linux)) {
                var name = Files.readString(linux).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException ignored) {
            // fall through to the lookup
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "?";
        }
    }
}
