package vn.loaxa.playout;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.audio.AudioDecoders;
import vn.loaxa.audio.LoudnessGain;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.output.PlayoutItem;
import vn.loaxa.audio.output.PlayoutListener;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.playout.BroadcastRun.Planned;
import vn.loaxa.schedule.Occurrence;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.watch.AudioIntegrityWatch;
import vn.loaxa.zone.DtmfTones;
import vn.loaxa.zone.ZoneRequest;
import vn.loaxa.zone.ZoneSession;
import vn.loaxa.zone.ZoneSwitchboard;

/**
 * Turns an occurrence into what the player and the air log need: the START row (written here,
 * committed and on disk before this returns) and one playout item per asset, opened from the
 * library only when the player reaches it.
 */
@Component
class BroadcastFactory {

    /**
     * @param listener   what the player reports to: the run, or the run behind the in-band tones
     * @param audioStart when the player starts: the programme's instant, less the lead tones
     */
    record Prepared(BroadcastRun run, List<ScheduledItem> requests, PlayoutListener listener, Instant audioStart) {
    }

    private final AirLogService airLog;
    private final LibraryService library;
    private final VillageService villages;
    private final OneOffService oneOffs;
    private final AudioOutputProperties output;
    private final ZoneSwitchboard switchboard;
    private final Clock clock;
    private final AudioIntegrityWatch integrity;
    private final LoudnessSettings loudness;
    private final LiveSessions live;

    BroadcastFactory(AirLogService airLog, LibraryService library, VillageService villages, OneOffService oneOffs,
                     AudioOutputProperties output, ZoneSwitchboard switchboard, AudioIntegrityWatch integrity,
                     LoudnessSettings loudness, LiveSessions live, Clock clock) {
        this.live = live;
        this.loudness = loudness;
        this.integrity = integrity;
        this.switchboard = switchboard;
        this.airLog = airLog;
        this.library = library;
        this.villages = villages;
        this.oneOffs = oneOffs;
        this.output = output;
        this.clock = clock;
    }

    /** The villages this occurrence switches (every enabled one for an emergency), not yet switched. */
    ZoneSession zones(String key, Occurrence o, @Nullable String resumes) {
        var by = resumes == null ? triggeredBy(o) : triggeredBy(o) + " (" + resumes + ")";
        return switchboard.open(new ZoneRequest(key, o.title(), o.plannedStart(), o.villageIds(),
                o.priority() == Priority.EMERGENCY, by));
    }

    Prepared prepare(String key, Occurrence o, List<Planned> items, Instant startAt, @Nullable String resumes,
                     ZoneSession zones, Consumer<BroadcastRun> onEnd) {
        long nominal = items.stream().mapToLong(p -> p.item().durationMs()).sum();
        var by = resumes == null ? triggeredBy(o) : triggeredBy(o) + " (" + resumes + ")";
        var names = villageNames(o.villageIds());
        var started = airLog.broadcastStarted(new BroadcastStart(key, o.title(), o.plannedStart(), startAt, nominal,
                o.villageIds(), names, o.priority(), trigger(o), by));
        // A file that vanished after the plan was made is a fault the operator must see, not an editorial choice.
        var problems = new ArrayList<String>();
        o.dropped().stream().filter(d -> d.reason() == Occurrence.DropReason.ASSET_MISSING).forEach(d -> {
            problems.add("ASSET_MISSING: " + d.kind() + " '" + d.title() + "' (asset " + d.assetId() + ")");
            library.find(d.assetId()).ifPresent(integrity::missingAtPlay);
        });
        zones.started(started.seq());
        var requests = new ArrayList<ScheduledItem>();
        var playedHashes = new AtomicReferenceArray<String>(items.size());
        // Looked up here, on the engine's thread and connections: the player opens items on its decode
        // thread, where a lookup would queue behind web users for a connection while the instant passes.
        var assets = items.stream().map(p -> p.item().kind() == Occurrence.ItemKind.LIVE ? null
                : library.find(p.item().assetId()).orElse(null)).toList();
        var gains = gainsDb(assets);
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i).item();
            var asset = assets.get(i);
            int index = i;
            if (item.kind() == Occurrence.ItemKind.LIVE) {
                requests.add(new ScheduledItem(PlayoutItem.live(item.title(), () -> liveInput(key, playedHashes, index)),
                        item.durationMs()));
                continue;
            }
            requests.add(new ScheduledItem(new PlayoutItem(item.title(), () -> open(item, asset, playedHashes, index),
                    LoudnessGain.linear(gains[index])), item.durationMs()));
        }
        var run = new BroadcastRun(o, started, items, resumes == null ? problems : List.of(), airLog, clock,
                output.sampleRate(), zones, onEnd, playedHashes);
        run.gainsDb(gains);
        var tones = zones.tones();
        run.shown(names, tones == null || requests.isEmpty() ? 0 : 1);
        if (tones == null || requests.isEmpty()) {
            return new Prepared(run, requests, run, startAt);
        }
        // The lead is exactly leadMs long (tones, then silence): the first item starts on the instant.
        var format = new PcmFormat(output.sampleRate(), output.channels());
        long leadFrames = tones.leadMs() * output.sampleRate() / 1000;
        requests.addFirst(new ScheduledItem(new PlayoutItem("DTMF: bật loa",
                () -> DtmfTones.stream(tones.onCodes(), format, tones.settings(), leadFrames)), tones.leadMs()));
        // Villages without an off code get none; with no off code at all there is no tail to play.
        boolean tail = !tones.offCodes().isEmpty();
        if (tail) {
            long tailFrames = DtmfTones.frames(tones.offCodes(), format, tones.settings());
            requests.addLast(new ScheduledItem(new PlayoutItem("DTMF: tắt loa",
                    () -> DtmfTones.stream(tones.offCodes(), format, tones.settings(), tailFrames)),
                    tailFrames * 1000 / output.sampleRate()));
        }
        return new Prepared(run, requests, new InBandTones(run, zones, items.size(), tail),
                startAt.minusMillis(tones.leadMs()));
    }

    /**
     * Each item's loudness gain from its stored measurement, under the settings read once for the
     * whole broadcast: computed here, before the first sample, so the air log records exactly what
     * the player applies. An asset gone from the library gets 0 dB (it will fail to open anyway).
     */
    private double[] gainsDb(List<@Nullable AudioAsset> assets) {
        double target = loudness.target();
        double ceiling = loudness.ceiling();
        var gains = new double[assets.size()];
        for (int i = 0; i < assets.size(); i++) {
            var a = assets.get(i);
            gains[i] = a == null ? 0.0 : LoudnessGain.gainDb(a.loudnessLufs(), a.peakDbfs(), target, ceiling);
        }
        return gains;
    }

    /**
     * Has the files of broadcasts due within minutes hashed now, on the integrity watch's own
     * low-priority thread, so that opening their items in the lead only compares each file's size,
     * time and identity with those it had when hashed (decision 0038). Called by the planner in the
     * engine's lane: the lookups are a few short reads; the hashing is outside any transaction.
     */
    void checkAhead(List<Occurrence> soon) {
        for (var o : soon) {
            for (var item : o.items()) {
                if (item.kind() != Occurrence.ItemKind.LIVE) {
                    library.find(item.assetId()).ifPresent(a -> integrity.verifyAhead(a, library.fileOf(a)));
                }
            }
        }
    }

    /**
     * Runs on the player's decode thread, which opens each item ahead of its time (the first during
     * the lead before the due instant, the next while the one before plays), so hashing the file
     * here costs the start nothing. A file that no longer has its recorded hash is refused. Touches
     * no database: this thread is not the engine's, and must not wait for a connection.
     */
    private vn.loaxa.audio.PcmStream open(Occurrence.Item item, @Nullable AudioAsset asset,
                                          AtomicReferenceArray<String> playedHashes, int index) throws IOException {
        if (asset == null) {
            throw new IOException("asset " + item.assetId() + " is no longer in the library");
        }
        var file = library.fileOf(asset);
        playedHashes.set(index, integrity.beforeAir(asset, file));
        return AudioDecoders.open(file);
    }

    /**
     * The live broadcast's input, opened when it was ordered: the player starts it when the item is
     * due. Its recording's SHA-256 becomes the item's hash in the air log, like a file's.
     */
    private vn.loaxa.audio.PcmStream liveInput(String key, AtomicReferenceArray<String> playedHashes, int index)
            throws IOException {
        var session = live.get(key).orElseThrow(() -> new IOException("the live input of " + key + " was closed"));
        session.onRecorded(r -> playedHashes.set(index, r.sha256()));
        return session.capture;
    }

    Trigger trigger(Occurrence o) {
        if (o.source() == Occurrence.Source.LIVE) {
            return Trigger.LIVE;
        }
        if (o.priority() == Priority.EMERGENCY) {
            return Trigger.EMERGENCY;
        }
        return o.source() == Occurrence.Source.ONE_OFF ? Trigger.OPERATOR : Trigger.SCHEDULE;
    }

    String triggeredBy(Occurrence o) {
        return switch (o.source()) {
            case ONE_OFF -> oneOffs.require(o.sourceId()).createdBy();
            case LIVE -> live.get(o.key()).map(s -> s.by).orElse("?");
            case PROGRAMME -> "system";
        };
    }

    List<String> villageNames(List<Long> ids) {
        var all = villages.findAll();
        return ids.stream().map(id -> all.stream().filter(v -> v.id() == id).map(Village::name).findFirst()
                .orElse("#" + id)).toList();
    }
}
