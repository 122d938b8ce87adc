package vn.loaxa.watch;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the operating system says of its clock's synchronisation, read from the tool's output.
 * {@code UNKNOWN} is not an alarm: the tool is missing, or says something this does not read.
 */
public record ClockSync(State state, String note) {

    public enum State { SYNCED, NOT_SYNCED, UNKNOWN }

    private static final Pattern LEAP = Pattern.compile("(?im)^\\s*Leap Indicator:\\s*(\\d)");
    private static final Pattern SOURCE = Pattern.compile("(?im)^\\s*Source:\\s*(.+?)\\s*$");
    private static final Pattern LAST_SYNC = Pattern.compile("(?im)^\\s*Last Successful Sync Time:\\s*(.+?)\\s*$");

    /** {@code timedatectl show -p NTPSynchronized --value}: "yes" or "no". */
    static ClockSync fromTimedatectl(int exitCode, String output) {
        var value = output.strip().toLowerCase(Locale.ROOT);
        if (exitCode == 0 && value.equals("yes")) {
            return new ClockSync(State.SYNCED, "timedatectl: NTPSynchronized=yes");
        }
        if (exitCode == 0 && value.equals("no")) {
            return new ClockSync(State.NOT_SYNCED, "timedatectl: NTPSynchronized=no");
        }
        return new ClockSync(State.UNKNOWN, "timedatectl (exit " + exitCode + "): " + firstLine(output));
    }

    /**
     * {@code w32tm /query /status}. Leap indicator 3 means "not synchronised"; a source of the local
     * CMOS clock or a free-running clock means Windows Time has no time server. The Windows Time
     * service stopped (its error 0x80070426) is not synchronised either: nothing sets the clock.
     */
    static ClockSync fromW32tm(int exitCode, String output) {
        if (output.contains("0x80070426")) {
            return new ClockSync(State.NOT_SYNCED, "w32tm: the Windows Time service is not running");
        }
        var leap = LEAP.matcher(output);
        var source = SOURCE.matcher(output);
        if (exitCode != 0 || !leap.find() || !source.find()) {
            return new ClockSync(State.UNKNOWN, "w32tm (exit " + exitCode + "): " + firstLine(output));
        }
        var src = source.group(1);
        var lastSync = LAST_SYNC.matcher(output);
        var last = lastSync.find() ? lastSync.group(1) : "?";
        var note = "w32tm: source " + src + ", last sync " + last + ", leap indicator " + leap.group(1);
        var lower = src.toLowerCase(Locale.ROOT);
        if (leap.group(1).equals("3") || lower.contains("local cmos clock") || lower.contains("free-running")) {
            return new ClockSync(State.NOT_SYNCED, note);
        }
        return new ClockSync(State.SYNCED, note);
    }

    static ClockSync missingTool(String tool, @Nullable String why) {
        return new ClockSync(State.UNKNOWN, tool + " could not be run" + (why == null ? "" : ": " + why));
    }

    private static String firstLine(String s) {
        var line = s.strip().lines().findFirst().orElse("(no output)");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
