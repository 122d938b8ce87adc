package vn.loaxa.library;

import java.time.Duration;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.SettingStore;
import vn.loaxa.security.CurrentUser;

/**
 * The longest audio one file may hold, as an admin sets it on the Settings page without a restart;
 * never set, {@code loaxa.library.max-duration} (3 h). The import refuses longer files as TOO_LONG.
 */
@Service
public class AudioLimits {

    /** The longest audio one file may hold, in whole minutes. */
    public static final String MAX_AUDIO_MINUTES = "library.max-audio.minutes";
    /** A minute to twelve hours: a station identification up to a day's recorded meeting. */
    public static final int MIN_AUDIO_LIMIT_MINUTES = 1;
    public static final int MAX_AUDIO_LIMIT_MINUTES = 12 * 60;

    private final SettingStore store;
    private final LibraryProperties library;

    AudioLimits(SettingStore store, LibraryProperties library) {
        this.store = store;
        this.library = library;
    }

    /** The longest audio one file may hold, read now. */
    @Transactional(readOnly = true)
    public Duration maxAudioDuration() {
        return store.read(MAX_AUDIO_MINUTES).map(m -> Duration.ofMinutes(Long.parseLong(m)))
                .orElse(library.maxDuration());
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "SETTING_CHANGED", target = "SETTING", id = "'library.max-audio.minutes'",
            name = "'library.max-audio.minutes'", snapshot = "{'maxAudioMinutes': maxAudioDuration().toMinutes()}")
    public void setMaxAudioMinutes(int minutes) {
        if (minutes < MIN_AUDIO_LIMIT_MINUTES || minutes > MAX_AUDIO_LIMIT_MINUTES) {
            throw new InvalidInputException("BAD_AUDIO_LIMIT", "error.settings.maxAudio",
                    "The audio limit must be " + MIN_AUDIO_LIMIT_MINUTES + ".." + MAX_AUDIO_LIMIT_MINUTES
                            + " minutes, got " + minutes, MIN_AUDIO_LIMIT_MINUTES, MAX_AUDIO_LIMIT_MINUTES);
        }
        store.write(MAX_AUDIO_MINUTES, Integer.toString(minutes), CurrentUser.name());
    }
}
