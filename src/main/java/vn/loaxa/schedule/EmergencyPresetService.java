package vn.loaxa.schedule;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.base.RefusedException;
import vn.loaxa.base.Texts;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.ImportRejectedException;
import vn.loaxa.library.LibraryService;
import vn.loaxa.library.tts.SpeechService;
import vn.loaxa.schedule.EmergencyPreset.Draft;
import vn.loaxa.schedule.EmergencyPreset.Siren;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.security.SystemIdentity;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/**
 * Emergency presets: kept by an admin, ordered by whoever may order an emergency. Everything slow
 * (speaking the text, making the siren) happens when a preset is saved, outside any transaction,
 * so that ordering one only stores an emergency one-off through {@link OneOffService#emergency}: the
 * same path, checks, engine pre-emption, village switching and air log as an emergency by hand.
 */
@Service
public class EmergencyPresetService {

    /**
     * A second order of the same preset this soon is taken for the same alarm raised twice (two
     * phones, a double tap) and refused with who ordered it; after it, a repeat is deliberate.
     */
    static final Duration REORDER_GUARD = Duration.ofSeconds(30);

    private record Ordered(Instant at, String by) {
    }

    private final EmergencyPresetRepository presets;
    private final OneOffService oneOffs;
    private final EmergencyRights rights;
    private final LibraryService library;
    private final SpeechService speech;
    private final VillageService villages;
    private final Clock clock;
    private final Map<Long, Ordered> lastOrders = new HashMap<>();

    EmergencyPresetService(EmergencyPresetRepository presets, OneOffService oneOffs, EmergencyRights rights,
                           LibraryService library, SpeechService speech, VillageService villages, Clock clock) {
        this.presets = presets;
        this.oneOffs = oneOffs;
        this.rights = rights;
        this.library = library;
        this.speech = speech;
        this.villages = villages;
        this.clock = clock;
    }

    /** Every preset in its order; whoever may order an emergency sees them (and an admin, to keep them). */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<EmergencyPreset> findAll() {
        requireEmergencyRole();
        return presets.findAll();
    }

    @Transactional(readOnly = true)
    public EmergencyPreset require(long id) {
        return presets.findById(id).orElseThrow(() -> new InvalidInputException("UNKNOWN_PRESET",
                "error.preset.unknown", "No emergency preset " + id, id));
    }

    /** Whether the station can speak a preset's text (espeak-ng found). */
    public boolean speechAvailable() {
        return speech.available();
    }

    /**
     * Creates ({@code id} null) or replaces a preset. A text with no recording is spoken now, once:
     * kept as long as the text is unchanged, so ordering never waits for speech.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "EMERGENCY_PRESET_SAVED", target = "EMERGENCY_PRESET", snapshot = "#result")
    public EmergencyPreset save(@Nullable Long id, Draft draft) {
        var before = id == null ? null : require(id);
        var name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            throw new InvalidInputException("BLANK_NAME", "error.preset.blankName", "A preset needs a name");
        }
        Limits.title(name);
        presets.findByName(name).filter(other -> before == null || other.id() != before.id()).ifPresent(other -> {
            throw new InvalidInputException("DUPLICATE_NAME", "error.preset.duplicateName",
                    "Another preset is named " + name, name);
        });
        if (draft.repeatCount() < 1 || draft.repeatCount() > EmergencyPreset.MAX_REPEAT) {
            throw new InvalidInputException("BAD_REPEAT", "error.preset.repeat", "repeatCount must be 1.."
                    + EmergencyPreset.MAX_REPEAT + ", got " + draft.repeatCount(), EmergencyPreset.MAX_REPEAT);
        }
        var text = draft.messageText() == null || draft.messageText().isBlank() ? null : draft.messageText().strip();
        if (text != null && text.length() > Limits.TEXT) {
            throw new InvalidInputException("TEXT_TOO_LONG", "error.preset.textTooLong", "messageText has "
                    + text.length() + " characters, at most " + Limits.TEXT, Limits.TEXT);
        }
        Limits.villages(draft.villageIds());
        if (!draft.villageIds().isEmpty()) {
            villages.require(draft.villageIds());
        }
        Long sirenAsset = switch (draft.siren()) {
            case NONE -> null;
            case TONE -> Long.valueOf(toneAsset());
            case ASSET -> {
                if (draft.sirenAssetId() == null) {
                    throw new InvalidInputException("NO_SIREN", "error.preset.noSiren", "siren ASSET without an asset");
                }
                yield playable(draft.sirenAssetId()).id();
            }
        };
        Long message = draft.messageAssetId() == null ? null : playable(draft.messageAssetId()).id();
        String spoken = null;
        if (message == null && text != null) {
            if (before != null && text.equals(before.spokenText()) && before.messageAssetId() != null) {
                message = before.messageAssetId();
                spoken = text;
            } else if (speech.available()) {
                message = speak(text, name);
                spoken = text;
            }
        }
        if (sirenAsset == null && message == null) {
            throw new InvalidInputException("NOTHING_TO_PLAY", "error.preset.nothingToPlay",
                    "A preset needs a siren or a message it can play");
        }
        var preset = new EmergencyPreset(before == null ? 0 : before.id(), name, before == null ? 0 : before.position(),
                draft.siren(), sirenAsset, message, text, spoken, draft.villageIds(), draft.repeatCount(),
                clock.instant(), CurrentUser.name());
        if (before == null) {
            return require(presets.insert(preset));
        }
        presets.update(preset);
        return require(before.id());
    }

    /** A preset removed; the emergencies it ordered and their air log rows stay as they are. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "EMERGENCY_PRESET_DELETED", target = "EMERGENCY_PRESET", snapshot = "require(#id)")
    public void delete(long id) {
        require(id);
        presets.delete(id);
    }

    /**
     * Orders a preset now: an emergency one-off with its siren and message, repeated, to its villages
     * (every village in use when it names none, or when all it names are out of use).
     */
    @PreAuthorize("isAuthenticated()")
    @Audited(value = "EMERGENCY_PRESET_ORDERED", target = "ONE_OFF", snapshot = "#result")
    public OneOff order(long id) {
        requireEmergencyRole();
        var preset = require(id);
        Long sirenAsset = preset.siren() == Siren.TONE && preset.sirenAssetId() == null ? Long.valueOf(toneAsset())
                : preset.sirenAssetId();
        var once = new ArrayList<Long>();
        if (sirenAsset != null) {
            once.add(sirenAsset);
        }
        if (preset.messageAssetId() != null) {
            once.add(preset.messageAssetId());
        }
        if (once.isEmpty()) {
            throw new InvalidInputException("NOTHING_TO_PLAY", "error.preset.nothingToPlay",
                    "Preset " + id + " has neither a siren nor a message to play");
        }
        var assets = new ArrayList<Long>();
        for (int i = 0; i < preset.repeatCount(); i++) {
            assets.addAll(once);
        }
        var inUse = villages.findAll().stream().filter(Village::enabled).map(Village::id).toList();
        var targets = preset.villageIds().stream().filter(inUse::contains).toList();
        var reason = Texts.get(Texts.VIETNAMESE, "emergencyPreset.reason", preset.name());
        claim(preset);
        try {
            return oneOffs.emergency(preset.name(), assets, targets.isEmpty() ? inUse : targets, reason);
        } catch (RuntimeException e) {
            release(preset.id());
            throw e;
        }
    }

    /** One order of a preset at a time: the second of two near-simultaneous orders is refused with who sent the first. */
    private void claim(EmergencyPreset preset) {
        var now = clock.instant();
        synchronized (lastOrders) {
            var last = lastOrders.get(preset.id());
            if (last != null && now.isBefore(last.at().plus(REORDER_GUARD))) {
                long ago = Math.max(0, Duration.between(last.at(), now).toSeconds());
                throw new InvalidInputException("PRESET_JUST_ORDERED", "error.preset.justOrdered",
                        "Preset " + preset.id() + " was ordered by " + last.by() + " " + ago + " s ago",
                        preset.name(), last.by(), ago);
            }
            lastOrders.put(preset.id(), new Ordered(now, CurrentUser.name()));
        }
    }

    private void release(long id) {
        synchronized (lastOrders) {
            lastOrders.remove(id);
        }
    }

    private void requireEmergencyRole() {
        if (!rights.mayOrderEmergency()) {
            throw new RefusedException("FORBIDDEN", "error.oneOff.emergencyNotAllowed", CurrentUser.name()
                    + " has none of the emergency roles " + rights.emergencyRoles());
        }
    }

    private AudioAsset playable(long assetId) {
        return library.find(assetId).filter(a -> !a.retired()).orElseThrow(() -> new InvalidInputException(
                "UNKNOWN_ASSET", "error.schedule.unknownAsset", "No asset " + assetId, assetId));
    }

    private long speak(String text, String name) {
        try {
            return speech.speak(text, name, null).asset().id();
        } catch (ImportRejectedException e) {
            throw new InvalidInputException("SPEECH_REJECTED", "error.preset.speech", "The speech was refused: "
                    + e.getMessage());
        }
    }

    /**
     * The generated siren's asset, made and imported the first time (the library keeps one copy by
     * its hash); imported as the station itself, since whoever orders need not be allowed to import.
     */
    private long toneAsset() {
        long id = SystemIdentity.call("system", () -> {
            try {
                return library.importFile(new ByteArrayInputStream(SirenTone.wav()), SirenTone.FILE_NAME,
                        Texts.get(Texts.VIETNAMESE, "emergencyPreset.sirenTitle"), "system").asset().id();
            } catch (ImportRejectedException e) {
                throw new IllegalStateException("The generated siren was refused by the library: " + e.getMessage(), e);
            }
        });
        presets.setToneAsset(id);
        return id;
    }
}
