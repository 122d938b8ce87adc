package vn.loaxa.playout;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.audio.LoudnessGain;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.SettingStore;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.security.CurrentUser;

/**
 * The loudness every item is brought to at playout, and the ceiling its peaks are held under
 * (decision 0034); an admin sets both on the Settings page, read by the engine for each broadcast
 * it starts, so a change needs no restart and never touches a broadcast already on air.
 */
@Service
public class LoudnessSettings {

    public static final String TARGET = "loudness.target.lufs";
    public static final String CEILING = "loudness.ceiling.dbtp";
    /** EBU R 128 S1's figure for speech on small speakers; loud enough for a village loudspeaker. */
    public static final double DEFAULT_TARGET = -16.0;
    public static final double DEFAULT_CEILING = -1.0;
    public static final double MIN_TARGET = -30.0;
    public static final double MAX_TARGET = -8.0;
    public static final double MIN_CEILING = -6.0;
    public static final double MAX_CEILING = 0.0;

    private final SettingStore store;

    LoudnessSettings(SettingStore store) {
        this.store = store;
    }

    @Transactional(readOnly = true)
    public double target() {
        return read(TARGET, DEFAULT_TARGET);
    }

    @Transactional(readOnly = true)
    public double ceiling() {
        return read(CEILING, DEFAULT_CEILING);
    }

    /** The gain for one asset under the settings as they are now. */
    public double gainDb(AudioAsset asset) {
        return LoudnessGain.gainDb(asset.loudnessLufs(), asset.peakDbfs(), target(), ceiling());
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "OUTPUT_SETTINGS_CHANGED", target = "SETTING", id = "'loudness'",
            snapshot = "{'targetLufs': target(), 'ceilingDbtp': ceiling()}")
    public void set(double targetLufs, double ceilingDbtp) {
        if (!(targetLufs >= MIN_TARGET && targetLufs <= MAX_TARGET)) {
            throw new InvalidInputException("BAD_LOUDNESS_TARGET", "error.settings.loudnessTarget",
                    "target must be " + MIN_TARGET + ".." + MAX_TARGET + " LUFS, got " + targetLufs,
                    MIN_TARGET, MAX_TARGET);
        }
        if (!(ceilingDbtp >= MIN_CEILING && ceilingDbtp <= MAX_CEILING)) {
            throw new InvalidInputException("BAD_LOUDNESS_CEILING", "error.settings.loudnessCeiling",
                    "ceiling must be " + MIN_CEILING + ".." + MAX_CEILING + " dBTP, got " + ceilingDbtp,
                    MIN_CEILING, MAX_CEILING);
        }
        store.write(TARGET, Double.toString(targetLufs), CurrentUser.name());
        store.write(CEILING, Double.toString(ceilingDbtp), CurrentUser.name());
    }

    /** A hand-edited value that does not parse falls back to the default: playout must not fail on it. */
    private double read(String key, double fallback) {
        try {
            return store.read(key).map(Double::parseDouble).filter(Double::isFinite).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
