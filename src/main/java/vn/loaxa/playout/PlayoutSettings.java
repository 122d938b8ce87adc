package vn.loaxa.playout;

import java.time.Duration;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.Limits;
import vn.loaxa.base.SettingStore;
import vn.loaxa.schedule.GraceSettings;
import vn.loaxa.security.CurrentUser;

/**
 * The output device new broadcasts play on, as an admin sets it on the Settings page without a
 * restart; never set, {@code loaxa.audio.device}. With it the grace window (the schedule's setting),
 * since the Settings page saves both at once.
 */
@Service
public class PlayoutSettings {

    /** Java Sound device for new broadcasts; blank = the system default. */
    public static final String OUTPUT_DEVICE = "output.device";

    /** Java Sound input "Nói trực tiếp" speaks into; blank = the system default microphone. */
    public static final String INPUT_DEVICE = "live.input-device";

    private final SettingStore store;
    private final AudioOutputProperties audio;
    private final GraceSettings graceSettings;
    private final LiveProperties live;

    PlayoutSettings(SettingStore store, AudioOutputProperties audio, GraceSettings graceSettings, LiveProperties live) {
        this.store = store;
        this.audio = audio;
        this.graceSettings = graceSettings;
        this.live = live;
    }

    /** The microphone or line input the next live broadcast opens, read now; never set, {@code loaxa.live.input-device}. */
    @Transactional(readOnly = true)
    public String inputDevice() {
        return store.read(INPUT_DEVICE).orElse(live.inputDevice());
    }

    /** Blank picks the system default; an input absent now is kept (a USB microphone plugged in later). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "LIVE_INPUT_CHANGED", target = "SETTING", id = "'live'", snapshot = "{'input': inputDevice()}")
    public void setInputDevice(String device) {
        Limits.title(device);
        store.write(INPUT_DEVICE, device.strip(), CurrentUser.name());
    }

    /** The device the next broadcast plays on, read now; blank = the system default. */
    @Transactional(readOnly = true)
    public String outputDevice() {
        return store.read(OUTPUT_DEVICE).orElse(audio.device());
    }

    /** How late a broadcast may still start, read now. */
    public Duration grace() {
        return graceSettings.grace();
    }

    /** Both output settings at once, so a refused grace leaves the device unchanged too. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "OUTPUT_SETTINGS_CHANGED", target = "SETTING", id = "'output'",
            snapshot = "{'device': outputDevice(), 'graceMinutes': grace().toMinutes()}")
    public void setOutput(String device, int graceMinutes) {
        graceSettings.setGraceMinutes(graceMinutes);
        setOutputDevice(device);
    }

    /** Blank picks the system default; a device absent now is kept (it may be plugged in later). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "OUTPUT_SETTINGS_CHANGED", target = "SETTING", id = "'output'", snapshot = "{'device': outputDevice()}")
    public void setOutputDevice(String device) {
        Limits.title(device);
        store.write(OUTPUT_DEVICE, device.strip(), CurrentUser.name());
    }
}
