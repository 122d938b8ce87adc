package vn.loaxa.schedulefile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.loaxa.audio.AudioDecodeException;
import vn.loaxa.audio.AudioTooLongException;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedulefile.ScheduleDocument.AddressSpec;
import vn.loaxa.schedulefile.ScheduleDocument.AudioRef;
import vn.loaxa.schedulefile.ScheduleDocument.Given;
import vn.loaxa.schedulefile.ScheduleDocument.ProgrammeSpec;
import vn.loaxa.schedulefile.ScheduleDocument.TopicRef;
import vn.loaxa.schedulefile.ScheduleDocument.VillageSpec;
import vn.loaxa.schedulefile.ScheduleDocument.Where;
import vn.loaxa.base.StationProperties;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.zone.VillageZones;
import vn.loaxa.zone.ZoneAddress;
import vn.loaxa.zone.ZoneSettings;

/**
 * Checks a schedule document against the station (villages, topics, audio, the time zone, the
 * villages' addresses) and against itself (duplicate names, overlapping programmes, two villages
 * on one relay), collecting every problem with its line.
 */
@Component
class ScheduleChecks {

    private static final Logger log = LoggerFactory.getLogger(ScheduleChecks.class);

    private final VillageService villages;
    private final TopicService topics;
    private final BulletinService bulletins;
    private final LibraryService library;
    private final ScheduleFilesProperties properties;
    private final StationProperties station;
    private final VillageZones zones;
    private final ZoneSettings switching;
    private final Clock clock;

    ScheduleChecks(VillageService villages, TopicService topics, BulletinService bulletins, LibraryService library,
                   ScheduleFilesProperties properties, StationProperties station, VillageZones zones,
                   ZoneSettings switching, Clock clock) {
        this.villages = villages;
        this.zones = zones;
        this.switching = switching;
        this.topics = topics;
        this.bulletins = bulletins;
        this.library = library;
        this.properties = properties;
        this.station = station;
        this.clock = clock;
    }

    Resolved resolve(ScheduleDocument doc) {
        var problems = new ArrayList<ScheduleFileProblem>();
        var today = LocalDate.now(clock.withZone(station.timeZone()));
        if (doc.station() != null) {
            checkZone(doc.station(), problems);
        }
        var villageNames = doc.villages() != null
                ? unique(doc.villages(), v -> v.name().strip(), v -> v.at(), problems)
                : villages.findAll().stream().filter(Village::enabled).map(Village::name).toList();
        var topicIds = new HashMap<String, Long>();
        topics.findAll().stream().filter(t -> !t.retired()).forEach(t -> topicIds.put(t.code(), t.id()));
        var assets = library.findAll().stream().filter(a -> !a.retired()).toList();
        var audio = new LinkedHashMap<String, Resolved.Audio>();
        decodeAhead(doc, assets);

        var bulletinSpecs = new LinkedHashMap<String, ScheduleDocument.BulletinSpec>();
        if (doc.bulletins() != null) {
            unique(doc.bulletins(), b -> b.title(), b -> b.at(), problems);
            for (var b : doc.bulletins()) {
                bulletinSpecs.putIfAbsent(b.title(), b);
                topic(b.topic(), topicIds, problems);
                audio(b.file(), assets, audio, problems);
                if (b.validFrom() != null && b.validTo() != null && b.validTo().isBefore(b.validFrom())) {
                    problems.add(ScheduleFileProblem.at(b.at(), "schedulefile.error.datesReversed"));
                }
            }
        }
        var existingBulletins = new HashMap<String, Bulletin>();
        bulletins.findAll().stream().filter(b -> b.state() == BulletinState.APPROVED)
                .forEach(b -> existingBulletins.putIfAbsent(b.title(), b));

        if (doc.programmes() != null) {
            unique(doc.programmes(), ProgrammeSpec::name, ProgrammeSpec::at, problems);
            var known = new HashSet<>(villageNames);
            for (var p : doc.programmes()) {
                if (p.villages() != null) {
                    p.villages().stream().filter(v -> !known.contains(v.name().strip())).forEach(v -> problems.add(
                            ScheduleFileProblem.at(v.at(), "schedulefile.error.unknownVillage", v.name())));
                    if (p.villages().isEmpty()) {
                        problems.add(ScheduleFileProblem.at(p.at(), "schedulefile.error.noVillages"));
                    }
                }
                if (p.validFrom() != null && p.validTo() != null && p.validTo().isBefore(p.validFrom())) {
                    problems.add(ScheduleFileProblem.at(p.at(), "schedulefile.error.datesReversed"));
                }
                for (var ref : new AudioRef[] {p.opening(), p.closing()}) {
                    if (ref != null) {
                        audio(ref, assets, audio, problems);
                    }
                }
                for (var q : p.queue() == null ? List.<ScheduleDocument.QueueSpec>of() : p.queue()) {
                    var title = q.bulletin().strip();
                    if (!bulletinSpecs.containsKey(title) && !existingBulletins.containsKey(title)) {
                        problems.add(ScheduleFileProblem.at(q.at(), "schedulefile.error.unknownBulletin", title));
                    }
                    if (q.from() != null && q.to() != null && q.to().isBefore(q.from())) {
                        problems.add(ScheduleFileProblem.at(q.at(), "schedulefile.error.datesReversed"));
                    }
                }
            }
        }
        if (doc.campaigns() != null) {
            unique(doc.campaigns(), c -> c.name(), c -> c.at(), problems);
            doc.campaigns().forEach(c -> c.topics().forEach(t -> topic(t, topicIds, problems)));
        }
        var addresses = new LinkedHashMap<String, ZoneAddress>();
        zones.all().forEach(a -> addresses.put(a.villageName(), a));
        var resolved = new Resolved(doc, today, villageNames, audio, topicIds, bulletinSpecs, existingBulletins,
                addresses, switching.config());
        if (doc.programmes() != null) {
            overlaps(doc.programmes(), resolved, problems);
        }
        if (doc.villages() != null) {
            addresses(resolved, problems);
        }
        if (doc.switching() != null) {
            driverNeeds(resolved, problems);
        }
        if (!problems.isEmpty()) {
            throw new ScheduleFileException(problems);
        }
        return resolved;
    }

    /** Two enabled programmes of the file on air at once on a shared day and village. */
    private static void overlaps(List<ProgrammeSpec> programmes, Resolved r, List<ScheduleFileProblem> problems) {
        var enabled = programmes.stream().filter(ProgrammeSpec::enabled).toList();
        for (int i = 0; i < enabled.size(); i++) {
            for (int j = 0; j < i; j++) {
                var a = enabled.get(i);
                var b = enabled.get(j);
                int aStart = a.time().toSecondOfDay();
                int bStart = b.time().toSecondOfDay();
                boolean timesMeet = aStart < bStart + b.maxLengthSeconds() && bStart < aStart + a.maxLengthSeconds();
                boolean daysMeet = a.days().stream().anyMatch(b.days()::contains);
                boolean villagesMeet = r.villagesOf(a).stream().anyMatch(r.villagesOf(b)::contains);
                var aFrom = r.validFrom(a, null);
                var bFrom = r.validFrom(b, null);
                boolean datesMeet = (a.validTo() == null || !a.validTo().isBefore(bFrom))
                        && (b.validTo() == null || !b.validTo().isBefore(aFrom));
                if (timesMeet && daysMeet && villagesMeet && datesMeet) {
                    problems.add(ScheduleFileProblem.at(a.timeAt(), "schedulefile.error.overlap", a.name(), b.name(),
                            b.time().toString(), b.time().plusSeconds(b.maxLengthSeconds()).toString()));
                }
            }
        }
    }

    /**
     * The addresses every village will have after the import, the file's villages first: two villages
     * on one relay, code or topic would switch each other's loudspeakers (and the station refuses to
     * store it). A clash is reported at the file's line, naming the other village.
     */
    private static void addresses(Resolved r, List<ScheduleFileProblem> problems) {
        var addressed = r.addressed();
        var order = new ArrayList<>(addressed.keySet());
        r.addresses().keySet().stream().filter(n -> !addressed.containsKey(n)).forEach(order::add);
        var codes = new HashMap<Object, String>();
        var relays = new HashMap<Object, String>();
        var topics = new HashMap<Object, String>();
        for (var name : order) {
            var spec = addressed.get(name);
            var a = spec == null ? r.stored(name) : Resolved.address(r.stored(name), spec.address());
            if (spec != null && a.dtmfOn() != null && a.dtmfOn().equals(a.dtmfOff())) {
                var given = spec.address().dtmfOff() != null ? spec.address().dtmfOff() : spec.address().dtmfOn();
                problems.add(ScheduleFileProblem.at(given != null ? given.at() : spec.at(),
                        "schedulefile.error.dtmfSame", a.dtmfOn()));
            }
            claim(codes, a.code().isEmpty() ? null : a.code(), name, addressed, AddressSpec::code,
                    "schedulefile.error.codeInUse", problems);
            claim(relays, a.relay(), name, addressed, AddressSpec::relay, "schedulefile.error.relayInUse", problems);
            claim(topics, a.mqttTopic(), name, addressed, AddressSpec::mqttTopic, "schedulefile.error.topicInUse",
                    problems);
        }
    }

    private static void claim(Map<Object, String> owners, @Nullable Object value, String village,
                              Map<String, VillageSpec> addressed, Function<AddressSpec, @Nullable Given<?>> key,
                              String problem, List<ScheduleFileProblem> problems) {
        if (value == null) {
            return;
        }
        var owner = owners.putIfAbsent(value, village);
        if (owner == null) {
            return;
        }
        // The file's villages come first, so at least the owner is the file's; blame this one if it is too.
        var blamed = addressed.containsKey(village) ? village : owner;
        var other = blamed.equals(village) ? owner : village;
        var spec = addressed.get(blamed);
        if (spec == null) {
            return;
        }
        var given = key.apply(spec.address());
        problems.add(ScheduleFileProblem.at(given != null ? given.at() : spec.at(), problem, String.valueOf(value),
                other));
    }

    /** What the chosen driver cannot work without, as ZoneSettings refuses it, with the line to fix. */
    private static void driverNeeds(Resolved r, List<ScheduleFileProblem> problems) {
        var s = r.doc().switching();
        var c = r.wantedSwitching();
        if (s == null || c == null) {
            return;
        }
        var driver = ScheduleFileParser.driverName(c.driver());
        switch (c.driver()) {
            case MODBUS, RELAY_A0 -> {
                if (c.serial().port().isBlank()) {
                    problems.add(ScheduleFileProblem.at(place(s.at(), s.serialPort(), s.driver()),
                            "schedulefile.error.noPort", driver));
                }
            }
            case MQTT -> {
                var uri = c.mqtt().brokerUri().strip();
                if (!uri.matches("(tcp|ssl|ws|wss)://[^\\s/]+(:\\d{1,5})?/?")) {
                    problems.add(ScheduleFileProblem.at(place(s.at(), s.mqttBroker(), s.driver()),
                            "schedulefile.error.badBroker", uri));
                }
                if (c.mqtt().clientId().isBlank()) {
                    problems.add(ScheduleFileProblem.at(place(s.at(), s.mqttClientId(), s.driver()),
                            "schedulefile.error.noClientId"));
                }
            }
            case COMMAND -> {
                var program = c.command().program().strip();
                boolean absolute;
                try {
                    absolute = !program.isEmpty() && Path.of(program).isAbsolute();
                } catch (java.nio.file.InvalidPathException e) {
                    absolute = false;
                }
                if (!absolute) {
                    problems.add(ScheduleFileProblem.at(place(s.at(), s.commandProgram(), s.driver()),
                            "schedulefile.error.badProgram", program));
                }
            }
            case NONE, DTMF -> {
            }
        }
    }

    /** The line of the first of {@code given} the file has, else the section's. */
    private static Where place(Where section, @Nullable Given<?>... given) {
        for (var g : given) {
            if (g != null) {
                return g.at();
            }
        }
        return section;
    }

    private void checkZone(ScheduleDocument.StationSpec s, List<ScheduleFileProblem> problems) {
        if (s.timeZone().isBlank()) {
            return;
        }
        try {
            var zone = ZoneId.of(s.timeZone().strip());
            if (!zone.equals(station.timeZone())) {
                problems.add(ScheduleFileProblem.at(s.timeZoneAt(), "schedulefile.error.otherZone", s.timeZone(),
                        station.timeZone().getId()));
            }
        } catch (DateTimeException e) {
            problems.add(ScheduleFileProblem.at(s.timeZoneAt(), "schedulefile.error.badZone", s.timeZone()));
        }
    }

    private static void topic(TopicRef ref, Map<String, Long> topicIds, List<ScheduleFileProblem> problems) {
        if (!ref.code().isBlank() && !topicIds.containsKey(ref.code().strip())) {
            problems.add(ScheduleFileProblem.at(ref.at(), "schedulefile.error.unknownTopic", ref.code(),
                    String.join(", ", topicIds.keySet().stream().sorted().toList())));
        }
    }

    /**
     * A file of that name in the samples folder, else an asset stored under that name, else the newest
     * asset uploaded under that original name.
     */
    private void audio(AudioRef ref, List<AudioAsset> assets, Map<String, Resolved.Audio> found,
                       List<ScheduleFileProblem> problems) {
        if (ref.name().isBlank() || found.containsKey(ref.name())) {
            return;
        }
        var result = lookUp(ref.name(), assets);
        if (result == null) {
            problems.add(ScheduleFileProblem.at(ref.at(), "schedulefile.error.missingAudio", ref.name(),
                    properties.audioDir().toString()));
            return;
        }
        if (result.assetId() == null && result.file() != null) {
            try {
                // The library's own limits, checked here so the preview already says what the import would.
                if (Files.size(result.file()) > library.maxFileSizeBytes()) {
                    problems.add(ScheduleFileProblem.at(ref.at(), "schedulefile.error.badAudio", ref.name(),
                            "larger than loaxa.library.max-file-size"));
                    return;
                }
                library.check(result.file());
            } catch (AudioTooLongException e) {
                problems.add(ScheduleFileProblem.at(ref.at(), e.wholeLength() ? "schedulefile.error.audioTooLong"
                        : "schedulefile.error.audioTooLongAtLeast", ref.name(), LibraryService.length(e.durationMs()),
                        LibraryService.length(e.limitMs())));
                return;
            } catch (AudioDecodeException e) {
                problems.add(ScheduleFileProblem.at(ref.at(), "schedulefile.error.badAudio", ref.name(),
                        e.getMessage()));
                return;
            } catch (IOException e) {
                problems.add(ScheduleFileProblem.at(ref.at(), "schedulefile.error.missingAudio", ref.name(),
                        properties.audioDir().toString()));
                return;
            }
        }
        found.put(ref.name(), result);
    }

    /**
     * Decodes the new audio files the document names side by side, one per core, before the checks
     * take them one by one in the document's order: decoding is nearly all of a check's time (the
     * first start's samples, a district's batch of bulletins) and keeps one core busy. The library
     * remembers what decoded, so the checks and the import that follows find it done; a file that
     * fails is decoded again by its check, which reports it in its place.
     */
    private void decodeAhead(ScheduleDocument doc, List<AudioAsset> assets) {
        var refs = new ArrayList<AudioRef>();
        if (doc.bulletins() != null) {
            doc.bulletins().forEach(b -> refs.add(b.file()));
        }
        if (doc.programmes() != null) {
            doc.programmes().forEach(p -> {
                refs.add(p.opening());
                refs.add(p.closing());
            });
        }
        var files = new LinkedHashSet<Path>();
        for (var ref : refs) {
            if (ref == null || ref.name().isBlank()) {
                continue;
            }
            var found = lookUp(ref.name(), assets);
            if (found != null && found.assetId() == null && found.file() != null) {
                files.add(found.file());
            }
        }
        int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
        if (threads < 2) {
            return;
        }
        // Below the player, as the library's own decoding (MAX_PRIORITY plays, where priorities count).
        var factory = Thread.ofPlatform().name("loaxa-audio-check-", 1).daemon().priority(Thread.MIN_PRIORITY)
                .factory();
        try (var pool = Executors.newFixedThreadPool(threads, factory)) {
            for (var file : files) {
                pool.execute(() -> {
                    try {
                        if (Files.size(file) <= library.maxFileSizeBytes()) {
                            library.check(file);
                        }
                    } catch (IOException | RuntimeException e) {
                        // Reported by the file's own check, in the document's order.
                        log.debug("Decoding {} ahead failed: {}", file, e.toString());
                    }
                });
            }
        }
    }

    /** Where an audio name leads; also what an export must write for an asset to come back as itself. */
    Resolved.@Nullable Audio lookUp(String name, Collection<AudioAsset> assets) {
        var dir = properties.audioDir().toAbsolutePath().normalize();
        var file = dir.resolve(name).normalize();
        if (file.startsWith(dir) && Files.isRegularFile(file)) {
            var sha = sha256(file);
            var same = assets.stream().filter(a -> a.sha256().equals(sha)).findFirst();
            return new Resolved.Audio(name, file, sha, same.map(AudioAsset::id).orElse(null));
        }
        var stored = assets.stream().filter(a -> a.storedName().equals(name)).findFirst();
        var asset = stored.or(() -> assets.stream().filter(a -> a.originalFilename().equals(name)).findFirst());
        return asset.map(a -> new Resolved.Audio(name, null, a.sha256(), a.id())).orElse(null);
    }

    private static <T> List<String> unique(List<T> items, Function<T, String> name, Function<T, Where> at,
                                           List<ScheduleFileProblem> problems) {
        var seen = new LinkedHashMap<String, T>();
        for (var item : items) {
            var key = name.apply(item).strip();
            if (!key.isEmpty() && seen.putIfAbsent(key, item) != null) {
                problems.add(ScheduleFileProblem.at(at.apply(item), "schedulefile.error.duplicateName", key));
            }
        }
        return List.copyOf(seen.keySet());
    }

    private static @Nullable String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
