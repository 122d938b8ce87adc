package vn.loaxa.schedule;

import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.base.StationTime;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.LibraryService;

/**
 * Reads the schedule from SQLite into a {@link ScheduleSnapshot} in one transaction and plans it
 * in the station's zone. The engine calls this; it needs no user.
 */
@Service
public class ScheduleService {

    private final ProgrammeService programmes;
    private final QueueService queue;
    private final OneOffRepository oneOffs;
    private final BulletinService bulletins;
    private final TopicService topics;
    private final LibraryService library;
    private final StationTime stationTime;

    ScheduleService(ProgrammeService programmes, QueueService queue, OneOffRepository oneOffs,
                    BulletinService bulletins, TopicService topics, LibraryService library,
                    StationTime stationTime) {
        this.programmes = programmes;
        this.queue = queue;
        this.oneOffs = oneOffs;
        this.bulletins = bulletins;
        this.topics = topics;
        this.library = library;
        this.stationTime = stationTime;
    }

    /** The schedule as it stands, with the one-offs starting in {@code [from, to)}. */
    @Transactional(readOnly = true)
    public ScheduleSnapshot snapshot(Instant from, Instant to) {
        var topicById = topics.findAll().stream().collect(Collectors.toMap(t -> t.id(), t -> t));
        var bulletinInfo = new HashMap<Long, ScheduleSnapshot.BulletinInfo>();
        for (var b : bulletins.findAll()) {
            var t = topicById.get(b.topicId());
            bulletinInfo.put(b.id(), new ScheduleSnapshot.BulletinInfo(b.id(), b.assetId(), b.title(), t.code(),
                    t.name(), b.validFrom(), b.validTo(), b.state() == BulletinState.APPROVED, b.deleted()));
        }
        var assets = new HashMap<Long, ScheduleSnapshot.AssetInfo>();
        for (var a : library.findAll()) {
            // Present means playable now: not retired, and the file still where the library put it.
            boolean present = !a.retired() && Files.isRegularFile(library.fileOf(a));
            assets.put(a.id(), new ScheduleSnapshot.AssetInfo(a.id(), a.title(), a.sha256(), a.durationMs(), present));
        }
        return new ScheduleSnapshot(programmes.findAll(), queue.findAll(), oneOffs.findBetween(from, to),
                bulletinInfo, assets);
    }

    /** The occurrences planned in {@code [from, to)} in the station's zone. */
    @Transactional(readOnly = true)
    public List<Occurrence> plan(Instant from, Instant to) {
        return OccurrencePlanner.plan(snapshot(from, to), from, to, stationTime.zone());
    }
}
