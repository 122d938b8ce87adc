package vn.loaxa.audio.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

import org.jspecify.annotations.Nullable;

import vn.loaxa.audio.PcmFormat;

/** The Java Sound devices that can capture (microphone, line-in), by name, and opening a line on one. */
public final class InputDevices {

    private static final Line.Info TARGET_LINE = new Line.Info(TargetDataLine.class);

    private InputDevices() {
    }

    /** Names of the mixers that offer a {@link TargetDataLine}, in Java Sound's order. */
    public static List<String> list() {
        var names = new ArrayList<String>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (offersTargetLine(info)) {
                names.add(info.getName());
            }
        }
        return names;
    }

    /** Whether {@code name} is blank or "default", meaning the system's default input. */
    public static boolean isDefault(@Nullable String name) {
        return name == null || name.isBlank() || name.strip().equalsIgnoreCase("default");
    }

    /** Fails unless an input of that name (or any, for the default) exists now; opens nothing. */
    public static void require(@Nullable String name) throws NoInputDeviceException {
        var names = list();
        if (names.isEmpty()) {
            throw new NoInputDeviceException("No microphone or line input found: Java Sound lists no device that can "
                    + "capture audio", names, null);
        }
        if (!isDefault(name)) {
            find(name, names);
        }
    }

    /**
     * Opens (not starts) a capture line on the device, in the first of {@code formats} it accepts:
     * a cheap USB microphone may take only 48 kHz, a line-in only stereo.
     *
     * @param bufferMillis the line's buffer: what may wait in it, so a bound on the capture's latency
     */
    public static TargetDataLine open(@Nullable String name, List<PcmFormat> formats, int bufferMillis)
            throws NoInputDeviceException {
        var names = list();
        Mixer.Info device = isDefault(name) ? null : find(name, names);
        Exception last = null;
        for (var format : formats) {
            AudioFormat audio = format.toAudioFormat();
            try {
                var info = new DataLine.Info(TargetDataLine.class, audio);
                var line = (TargetDataLine) (device == null ? AudioSystem.getLine(info)
                        : AudioSystem.getMixer(device).getLine(info));
                int bytes = Math.max(1, format.sampleRate() * bufferMillis / 1000) * format.bytesPerFrame();
                try {
                    line.open(audio, bytes);
                    return line;
                } catch (LineUnavailableException | IllegalArgumentException | IllegalStateException e) {
                    line.close();
                    last = e;
                }
            } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                last = e;
            }
        }
        String which = device == null ? "The default microphone or line input" : "Input \"" + device.getName() + "\"";
        throw new NoInputDeviceException(which + " could not be opened: "
                + (last == null ? "no format to try" : last.getMessage()), names, last);
    }

    private static Mixer.Info find(@Nullable String name, List<String> names) throws NoInputDeviceException {
        String wanted = name == null ? "" : name.strip();
        Mixer.Info caseInsensitive = null;
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (!offersTargetLine(info)) {
                continue;
            }
            if (info.getName().equals(wanted)) {
                return info;
            }
            if (caseInsensitive == null
                    && info.getName().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                caseInsensitive = info;
            }
        }
        if (caseInsensitive != null) {
            return caseInsensitive;
        }
        throw new NoInputDeviceException("No microphone or line input named \"" + wanted + "\"; available: " + names,
                names, null);
    }

    private static boolean offersTargetLine(Mixer.Info info) {
        try {
            return AudioSystem.getMixer(info).isLineSupported(TARGET_LINE);
        } catch (RuntimeException e) {
            // A driver that fails to answer is as good as absent.
            return false;
        }
    }
}
