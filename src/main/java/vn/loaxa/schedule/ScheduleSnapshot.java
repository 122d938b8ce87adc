package vn.loaxa.schedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything the planner needs, read from SQLite in one transaction (or built by a test): the
 * programmes, the queue, the one-offs, and what the bulletins and assets they name look like now.
 * Values are copies, so planning needs no database and no clock.
 */
public record ScheduleSnapshot(List<Programme> programmes, List<QueueEntry> queue, List<OneOff> oneOffs,
                               Map<Long, BulletinInfo> bulletins, Map<Long, AssetInfo> assets) {

    public ScheduleSnapshot {
        programmes = List.copyOf(programmes);
        queue = List.copyOf(queue);
        oneOffs = List.copyOf(oneOffs);
        bulletins = Map.copyOf(bulletins);
        assets = Map.copyOf(assets);
    }

    /** A bulletin as the planner sees it: enough to decide whether it may air on a day, and to log it. */
    public record BulletinInfo(long id, long assetId, String title, String topicCode, String topicName,
                               LocalDate validFrom, @Nullable LocalDate validTo, boolean approved, boolean deleted) {

        public boolean validOn(LocalDate day) {
            return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
        }
    }

    /** An audio asset: its length for the max-length cut, its hash for the log; present = row not retired and file on disk. */
    public record AssetInfo(long id, String title, String sha256, long durationMs, boolean present) {
    }
}
