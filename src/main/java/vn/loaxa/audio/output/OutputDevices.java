package vn.loaxa.audio.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import org.jspecify.annotations.Nullable;
import vn.loaxa.audio.PcmFormat;

/** The Java Sound devices that can play, by name, and opening a line on one of them. */
public final class OutputDevices {

    private static final Line.Info SOURCE_LINE = new Line.Info(SourceDataLine.class);

    private OutputDevices() {
    }

    /** Names of the mixers that offer a {@link SourceDataLine}, in Java Sound's order. */
    public static List<String> list() {
        List<String> names = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (offersSourceLine(info)) {
                names.add(info.getName());
            }
        }
        return names;
    }

    /** Whether {@code name} is blank or "default", meaning the system's default device. */
    public static boolean isDefault(@Nullable String name) {
        return name == null || name.isBlank() || name.strip().equalsIgnoreCase("default");
    }

    /**
     * Checks that a device of that name exists now, without opening it.
     *
     * @throws NoOutputDeviceException when there is no device at all or none with that name
     */
    public static void require(@Nullable String name) throws NoOutputDeviceException {
        List<String> names = list();
        if (names.isEmpty()) {
            String wanted = isDefault(name) ? "" : " (looking for \"" + nameOrEmpty(name) + "\")";
            throw new NoOutputDeviceException(NoOutputDeviceException.Reason.NO_DEVICE, nameOrEmpty(name), names,
                    "No sound output device found" + wanted + ": Java Sound lists no device that can play audio", null);
        }
        if (!isDefault(name)) {
            find(name, names);
        }
    }

    /**
     * Opens (but does not start) a line in {@code format} on the device named {@code name} (exact or
     * case-insensitive match; blank or "default" for the system default).
     *
     * @param bufferFrames the line's buffer; it bounds how far ahead audio is queued
     */
    public static SourceDataLine openLine(@Nullable String name, PcmFormat format, int bufferFrames)
            throws NoOutputDeviceException {
        List<String> names = list();
        String requested = nameOrEmpty(name);
        SourceDataLine line;
        try {
            if (isDefault(name)) {
                line = AudioSystem.getSourceDataLine(format.toAudioFormat());
            } else {
                line = AudioSystem.getSourceDataLine(format.toAudioFormat(), find(name, names));
            }
        } catch (IllegalArgumentException e) {
            // What Java Sound throws when no mixer supports a SourceDataLine (no sound card).
            throw new NoOutputDeviceException(NoOutputDeviceException.Reason.NO_DEVICE, requested, names,
                    "No sound output device can play " + describe(format) + ": " + e.getMessage(), e);
        } catch (LineUnavailableException | SecurityException e) {
            throw unavailable(requested, names, format, e);
        }
        try {
            line.open(format.toAudioFormat(), bufferFrames * format.bytesPerFrame());
            return line;
        } catch (LineUnavailableException | IllegalArgumentException | IllegalStateException | SecurityException e) {
            line.close();
            throw unavailable(requested, names, format, e);
        }
    }

    private static Mixer.Info find(@Nullable String name, List<String> names) throws NoOutputDeviceException {
        String wanted = nameOrEmpty(name);
        Mixer.Info caseInsensitive = null;
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (!offersSourceLine(info)) {
                continue;
            }
            if (info.getName().equals(wanted)) {
                return info;
            }
            if (caseInsensitive == null && info.getName().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                caseInsensitive = info;
            }
        }
        if (caseInsensitive != null) {
            return caseInsensitive;
        }
        if (names.isEmpty()) {
            throw new NoOutputDeviceException(NoOutputDeviceException.Reason.NO_DEVICE, wanted, names,
                    "No sound output device found (looking for \"" + wanted + "\"): Java Sound lists no device that can play audio",
                    null);
        }
        throw new NoOutputDeviceException(NoOutputDeviceException.Reason.UNKNOWN_NAME, wanted, names,
                "No sound output device named \"" + wanted + "\"; available: " + names, null);
    }

    private static NoOutputDeviceException unavailable(String requested, List<String> names, PcmFormat format,
            Exception e) {
        String which = requested.isEmpty() ? "The default sound output device" : "Sound output device \"" + requested + "\"";
        return new NoOutputDeviceException(NoOutputDeviceException.Reason.UNAVAILABLE, requested, names,
                which + " could not be opened for " + describe(format) + ": " + e.getMessage(), e);
    }

    private static boolean offersSourceLine(Mixer.Info info) {
        try {
            return AudioSystem.getMixer(info).isLineSupported(SOURCE_LINE);
        } catch (RuntimeException e) {
            // A driver that fails to answer is as good as absent.
            return false;
        }
    }

    private static String nameOrEmpty(@Nullable String name) {
        return name == null ? "" : name.strip();
    }

    private static String describe(PcmFormat format) {
        return format.sampleRate() + " Hz " + (format.channels() == 1 ? "mono" : "stereo") + " 16-bit";
    }
}
