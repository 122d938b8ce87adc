package vn.loaxa.station;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Whether a station runs on a data folder, for tools that must not work beside one (the restore
 * command). Asked from a process that is not a station: it tries the lock {@link StationLock}
 * holds and lets it go at once.
 */
public final class DataFolderLock {

    private DataFolderLock() {
    }

    /** The running station's pid, host and start time when one holds the folder; empty when none does. */
    public static Optional<String> heldBy(Path dataDir) throws IOException {
        var file = dataDir.resolve(StationLock.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        var mine = StationLock.heldHere(dataDir.toRealPath());
        if (mine != null) {
            var h = mine.holder();
            return Optional.of("pid " + h.pid() + ", " + h.host() + ", " + h.started());
        }
        try (var channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            var lock = channel.tryLock(StationLock.LOCKED_BYTE, 1, false);
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
        }
        var holder = StationLock.Holder.parse(Files.readString(file));
        return Optional.of("pid " + holder.pid() + ", " + holder.host() + ", " + holder.started());
    }
}
