package vn.loaxa.zone;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/** What the serial relay board drivers share: relay numbers checked alike, port failures told alike. */
final class RelayBoards {

    private RelayBoards() {
    }

    /** Why this zone has no usable relay number, or null when it has one within 1..{@code maxRelay}. */
    static @Nullable String invalidRelay(ZoneAddress zone, int maxRelay) {
        var relay = zone.relay();
        if (relay == null) {
            return "no relay number set for " + zone.villageName();
        }
        if (relay < 1 || relay > maxRelay) {
            return "relay " + relay + " of " + zone.villageName() + " is outside 1.." + maxRelay;
        }
        return null;
    }

    /**
     * Why a port could not be opened, for the technician. The libraries' own reasons are vague (a
     * missing device and a missing permission read alike), so the device file is looked at first.
     */
    static String cannotOpen(String port, @Nullable String libraryReason) {
        var prefix = "cannot open " + port + ": ";
        var path = devicePath(port);
        if (path != null) {
            if (!Files.exists(path)) {
                return prefix + "no such port (is the board plugged in?)";
            }
            if (!Files.isReadable(path) || !Files.isWritable(path)) {
                return prefix + "permission denied (the station's user needs the dialout group)";
            }
        }
        return prefix + (libraryReason == null || libraryReason.isBlank() ? "unknown reason" : libraryReason);
    }

    /** jSerialComm's last error code (an errno on Linux) in words. */
    static String errno(int code) {
        return switch (code) {
            case 2, 6, 19 -> "no such device";
            case 5 -> "I/O error (board unplugged?)";
            case 11, 16 -> "in use by another program";
            case 13, 1 -> "permission denied (the station's user needs the dialout group)";
            case 25 -> "not a serial port";
            default -> "error " + code;
        };
    }

    /** Hex bytes as the boards' manuals print them, e.g. {@code A0 02 01 A3}. */
    static String hex(byte[] bytes) {
        var text = new StringBuilder(bytes.length * 3);
        for (var b : bytes) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(String.format("%02X", b & 0xFF));
        }
        return text.toString();
    }

    private static @Nullable Path devicePath(String port) {
        if (!port.startsWith("/")) {
            // A Windows COMn name, or a bare name the library resolves under /dev itself.
            return null;
        }
        try {
            return Path.of(port);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
