package vn.loaxa.playout;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import vn.loaxa.audit.Audited;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.WavHeader;
import vn.loaxa.audio.input.InputDevices;
import vn.loaxa.audio.input.LiveCapture;
import vn.loaxa.audio.input.LiveCapture.Recording;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.StationProperties;
import vn.loaxa.library.ImportRejectedException;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Occurrence;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.StartPolicy;
import vn.loaxa.security.SystemIdentity;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.zone.ZoneSwitchboard;

/**
 * "Nói trực tiếp": a person speaks into the station's microphone (or line-in) and the villages they
 * chose hear it at once. A live broadcast is a broadcast like any other to the engine: it cuts or
 * waits by its priority (above the schedule; an emergency live cuts everything but an emergency),
 * switches its villages, has START, ITEM and END rows, and can be stopped from any page. What was
 * said is recorded as it airs; the ITEM row carries the recording's SHA-256, and the recording is
 * added to the library afterwards, so the leader's announcement is evidence like every bulletin.
 * See docs/decisions/0035-live-microphone.md.
 */
@Service
public class LiveBroadcasts {

    /** What a screen shows of a live broadcast. */
    public record Live(String key, String title, String by, Instant ordered, boolean onAir, boolean ending) {
    }

    private static final Logger log = LoggerFactory.getLogger(LiveBroadcasts.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    /** Beside {@code <key>.wav}: the login of who is speaking (see {@link #speakerNote}). */
    private static final String SPEAKER = ".speaker";

    private final PlayoutEngine engine;
    private final LiveSessions sessions;
    private final LibraryService library;
    private final VillageService villages;
    private final AudioOutputProperties output;
    private final LiveProperties properties;
    private final PlayoutSettings settings;
    private final PlayoutTiming timing;
    private final ZoneSwitchboard switchboard;
    private final Path folder;
    private final Clock clock;
    private final java.time.ZoneId zone;

    LiveBroadcasts(PlayoutEngine engine, LiveSessions sessions, LibraryService library, VillageService villages,
                   AudioOutputProperties output, LiveProperties properties, PlayoutSettings settings,
                   PlayoutTiming timing, ZoneSwitchboard switchboard, StationProperties station, Clock clock) {
        this.settings = settings;
        this.timing = timing;
        this.switchboard = switchboard;
        this.engine = engine;
        this.sessions = sessions;
        this.library = library;
        this.villages = villages;
        this.output = output;
        this.properties = properties;
        this.folder = station.dataDir().resolve("live");
        this.clock = clock;
        this.zone = station.timeZone();
    }

    /**
     * The live broadcast ordered and not yet over, if any. On air means the voice is going out (the
     * player plays the live item), not that the engine has taken the broadcast: the speaker is told
     * to speak only when what they say will be heard.
     */
    public Optional<Live> current() {
        var onAir = engine.onAir().orElse(null);
        return sessions.all().stream().findFirst().map(s -> new Live(s.key, title(s), s.by, s.ordered,
                onAir != null && onAir.key().equals(s.key) && onAir.now() != null && onAir.programmeItem() >= 0,
                s.capture.ending()));
    }

    /** Whether this machine has an input to speak into (the one chosen in the settings, or any). */
    public boolean inputAvailable() {
        try {
            InputDevices.require(settings.inputDevice());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens the input and orders the broadcast: on air about half a second later (the engine's late
     * start), or once what is on air is cut or has ended.
     *
     * @param villageIds the villages to switch; ignored for an emergency, which reaches every village
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'APPROVER')")
    @Audited(value = "LIVE_STARTED", target = "BROADCAST", id = "#result.key()", name = "#result.title()",
            details = "{'villageIds': #villageIds, 'emergency': #emergency}")
    public synchronized Live start(List<Long> villageIds, boolean emergency, String by) {
        var running = sessions.all();
        if (!running.isEmpty()) {
            throw LiveException.already(running.getFirst().key, running.getFirst().by);
        }
        var chosen = emergency ? List.<Long>of() : checkedVillages(villageIds);
        var now = clock.instant();
        var key = Occurrence.liveKey(now);
        LiveCapture capture;
        try {
            Files.createDirectories(folder);
            capture = LiveCapture.open(settings.inputDevice(), output.sampleRate(), folder.resolve(key + ".wav"),
                    recording -> sessions.get(key).ifPresent(s -> s.recorded(recording)));
        } catch (IOException e) {
            throw LiveException.noInput(e.getMessage());
        }
        speakerNote(key, by);
        var session = new LiveSessions.Session(key, by, now, capture);
        sessions.add(session);
        var title = title(session);
        var item = new Occurrence.Item(Occurrence.ItemKind.LIVE, 0, null, title, null, null, "",
                properties.maxLength().toMillis());
        // Planned for when it can start (the engine's late start, and the villages' pre-roll to switch
        // them on first), so the log's start error says how the station did, not that speech takes a moment.
        var lead = timing.lateStart().plusMillis(100);
        var planned = now.plus(lead.compareTo(switchboard.preRoll()) >= 0 ? lead : switchboard.preRoll());
        var occurrence = new Occurrence(key, Occurrence.Source.LIVE, 0, title, null, planned,
                emergency ? Priority.EMERGENCY : Priority.PRIORITY, StartPolicy.CUT, 0, chosen, List.of(item),
                List.of(), null);
        log.warn("Live broadcast {} ordered by {} to {}", key, by, emergency ? "every village (emergency)" : chosen);
        engine.playNow(occurrence, () -> afterStart(session));
        return new Live(key, title, by, now, false, false);
    }

    /** Ends the live broadcast as the speaker would: the input closes and the broadcast completes. */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'APPROVER')")
    @Audited(value = "LIVE_ENDED", target = "BROADCAST", id = "#result.key()", name = "#result.title()",
            details = "{'key': #result.key()}")
    public Live end(@Nullable String key, String by) {
        var session = sessions.all().stream().filter(s -> key == null || key.isBlank() || s.key.equals(key))
                .findFirst().orElseThrow(LiveException::nothing);
        session.capture.end();
        log.warn("Live broadcast {} ended by {}", session.key, by);
        return new Live(session.key, title(session), session.by, session.ordered, false, true);
    }

    private List<Long> checkedVillages(List<Long> ids) {
        var inUse = villages.findAll().stream().filter(Village::enabled).map(Village::id).toList();
        if (ids.isEmpty()) {
            throw new InvalidInputException("NO_VILLAGES", "error.live.noVillages", "Choose at least one village in use");
        }
        for (var id : ids) {
            if (!inUse.contains(id)) {
                throw new InvalidInputException("UNKNOWN_VILLAGE", "error.live.unknownVillage",
                        "No village in use has id " + id, id);
            }
        }
        return List.copyOf(ids);
    }

    private String title(LiveSessions.Session s) {
        return "Nói trực tiếp " + TIME.format(s.ordered.atZone(zone)) + " – " + s.by;
    }

    /**
     * On the broadcast's own thread, outside the engine's lane: waits while it is on air (ending it at
     * the longest a live broadcast may run), then closes the input and keeps the recording.
     */
    private void afterStart(LiveSessions.Session session) {
        var limit = session.ordered.plus(properties.maxLength());
        try {
            while (engine.onAirKey().filter(session.key::equals).isPresent()) {
                if (clock.instant().isAfter(limit) && !session.capture.ending()) {
                    log.warn("Live broadcast {} reached the longest a live broadcast may run ({}); ending it",
                            session.key, properties.maxLength());
                    session.capture.end();
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                // Already closed by the player if the item played; closed here if it never did.
                session.capture.close();
            } catch (IOException e) {
                log.error("Closing the live input of {} failed", session.key, e);
            }
            sessions.remove(session.key);
            keep(session.key, session.recording(), session.by, title(session));
        }
    }

    /**
     * Who is speaking, in a file beside the recording: a recording a crash or a full library leaves in
     * the live folder is kept at the next start under its speaker's name, not an unknown one. A note
     * that cannot be written costs only that name; the voice goes on air all the same.
     */
    private void speakerNote(String key, String by) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(key + SPEAKER), by, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        } catch (IOException e) {
            log.warn("Could not note the speaker of live broadcast {} beside its recording: {}", key, e.toString());
        }
    }

    private @Nullable String speakerOf(String key) {
        var note = folder.resolve(key + SPEAKER);
        try {
            var by = Files.isRegularFile(note) ? Files.readString(note).strip() : "";
            return by.isEmpty() ? null : by;
        } catch (IOException e) {
            log.warn("Could not read the speaker of live broadcast {}: {}", key, e.toString());
            return null;
        }
    }

    /** Adds the recording to the library (its bytes and hash unchanged), then removes the working file. */
    private void keep(String key, @Nullable Recording recording, String by, String title) {
        var file = folder.resolve(key + ".wav");
        if (recording == null || recording.frames() == 0) {
            deleteQuietly(file);
            deleteQuietly(folder.resolve(key + SPEAKER));
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            // The station keeps it, whoever spoke: an APPROVER may go live but not add to the library.
            var imported = SystemIdentity.call("system", () -> {
                try {
                    return library.importFile(in, "noi-truc-tiep-" + key + ".wav", title, by);
                } catch (ImportRejectedException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            log.info("Live broadcast {} kept in the library as asset {} ({} ms, SHA-256 {})", key,
                    imported.asset().id(), recording.millis(), recording.sha256());
            deleteQuietly(file);
            deleteQuietly(folder.resolve(key + SPEAKER));
        } catch (IOException | RuntimeException e) {
            // The file stays in the live folder; the next start tries again.
            log.error("The recording of live broadcast {} could not be added to the library; it stays in {}", key,
                    file, e);
        }
    }

    /**
     * A live broadcast cut by a crash (kill -9, a power cut) left its recording with the header it was
     * opened with. Completed from the file's length and kept like any other, so what was said before
     * the crash is evidence too.
     */
    @EventListener(ApplicationReadyEvent.class)
    void keepLeftovers() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> left;
        List<Path> notes;
        try (Stream<Path> files = Files.list(folder)) {
            var all = files.toList();
            left = all.stream().filter(f -> f.getFileName().toString().matches("L\\d+\\.wav")).toList();
            notes = all.stream().filter(f -> f.getFileName().toString().matches("L\\d+\\" + SPEAKER)).toList();
        } catch (IOException e) {
            log.error("The live folder {} could not be read", folder, e);
            return;
        }
        for (var file : left) {
            var name = file.getFileName().toString();
            var key = name.substring(0, name.length() - 4);
            try {
                var recording = completeHeader(file);
                var ordered = Instant.ofEpochMilli(Long.parseLong(key.substring(1)));
                var by = speakerOf(key);
                keep(key, recording, by == null ? "?" : by, "Nói trực tiếp " + TIME.format(ordered.atZone(zone))
                        + (by == null ? "" : " – " + by) + " (ghi đến lúc mất điện)");
            } catch (IOException | RuntimeException e) {
                log.error("The live recording {} left by a crash could not be kept", file, e);
            }
        }
        // A note whose recording never began (the crash came first), unless its broadcast is on now.
        for (var note : notes) {
            var name = note.getFileName().toString();
            var key = name.substring(0, name.length() - SPEAKER.length());
            if (!Files.exists(folder.resolve(key + ".wav")) && sessions.get(key).isEmpty()) {
                deleteQuietly(note);
            }
        }
    }

    private static Recording completeHeader(Path file) throws IOException {
        try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
            var header = new byte[WavHeader.LENGTH];
            raf.readFully(header);
            var buffer = java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            var format = new PcmFormat(buffer.getInt(24), buffer.getShort(22));
            long data = (raf.length() - WavHeader.LENGTH) / format.bytesPerFrame() * format.bytesPerFrame();
            raf.setLength(WavHeader.LENGTH + data);
            raf.seek(0);
            raf.write(WavHeader.of(format, data));
            raf.getFD().sync();
            return new Recording(file, "", data / format.bytesPerFrame(), format, 0);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove {}", file, e);
        }
    }
}
