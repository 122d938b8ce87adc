package vn.loaxa.schedule;

import java.time.Duration;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.SettingStore;
import vn.loaxa.security.CurrentUser;

/**
 * How late a broadcast may still start, as an admin sets it on the Settings page without a restart;
 * never set, {@code loaxa.playout.grace}. Planning one-offs and the engine both read it now.
 */
@Service
public class GraceSettings {

    /** How late a broadcast may still start, in whole minutes. */
    public static final String GRACE_MINUTES = "playout.grace.minutes";
    /** Beyond an hour a "late" morning bulletin would collide with the next programme's slot. */
    public static final int MAX_GRACE_MINUTES = 60;

    private final SettingStore store;
    private final PlayoutProperties playout;

    GraceSettings(SettingStore store, PlayoutProperties playout) {
        this.store = store;
        this.playout = playout;
    }

    /** How late a broadcast may still start, read now (the configured default may be finer than minutes). */
    @Transactional(readOnly = true)
    public Duration grace() {
        return store.read(GRACE_MINUTES).map(m -> Duration.ofMinutes(Long.parseLong(m))).orElse(playout.grace());
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "OUTPUT_SETTINGS_CHANGED", target = "SETTING", id = "'output'", snapshot = "{'graceMinutes': grace().toMinutes()}")
    public void setGraceMinutes(int minutes) {
        if (minutes < 0 || minutes > MAX_GRACE_MINUTES) {
            throw new InvalidInputException("BAD_GRACE", "error.settings.grace",
                    "Grace must be 0.." + MAX_GRACE_MINUTES + " minutes, got " + minutes, MAX_GRACE_MINUTES);
        }
        store.write(GRACE_MINUTES, Integer.toString(minutes), CurrentUser.name());
    }
}
