package vn.loaxa.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Audio the station does not decode itself but converts on import (decision 0031): what phones,
 * Zalo and recorders send. Recognised by the file's bytes, never by its name, like every import.
 */
final class ForeignFormats {

    /** What a converted file was, as the operator reads it in a refusal. */
    enum Format {
        M4A("M4A/AAC"), AAC("AAC"), OGG_OPUS("Opus"), OGG_VORBIS("OGG Vorbis"), OGG("OGG"), FLAC("FLAC"),
        AMR("AMR"), WMA("WMA"), AIFF("AIFF"), MATROSKA("WebM/MKA"), RF64("RF64 WAV");

        final String label;

        Format(String label) {
            this.label = label;
        }

        boolean ogg() {
            return this == OGG_OPUS || this == OGG_VORBIS || this == OGG;
        }
    }

    private ForeignFormats() {
    }

    static @Nullable Format of(Path file) throws IOException {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        var h = Arrays.copyOf(head, n);
        if (starts(h, 0, "OggS")) {
            if (contains(h, "OpusHead")) {
                return Format.OGG_OPUS;
            }
            return contains(h, "vorbis") ? Format.OGG_VORBIS : Format.OGG;
        }
        if (starts(h, 0, "fLaC")) {
            return Format.FLAC;
        }
        if (starts(h, 4, "ftyp")) {
            return Format.M4A;
        }
        if (n >= 2 && (h[0] & 0xff) == 0xff && (h[1] & 0xf6) == 0xf0) {
            // ADTS: the MPEG sync word with layer 0, which MP3 never uses.
            return Format.AAC;
        }
        if (starts(h, 0, "#!AMR")) {
            return Format.AMR;
        }
        if (n >= 4 && (h[0] & 0xff) == 0x30 && (h[1] & 0xff) == 0x26 && (h[2] & 0xff) == 0xb2 && (h[3] & 0xff) == 0x75) {
            return Format.WMA;
        }
        if (starts(h, 0, "FORM") && starts(h, 8, "AIF")) {
            return Format.AIFF;
        }
        if (n >= 4 && (h[0] & 0xff) == 0x1a && (h[1] & 0xff) == 0x45 && (h[2] & 0xff) == 0xdf && (h[3] & 0xff) == 0xa3) {
            return Format.MATROSKA;
        }
        if (starts(h, 0, "RF64")) {
            return Format.RF64;
        }
        return null;
    }

    /**
     * Whether an Ogg file ends with the page that closes its stream. A copy cut short at a page
     * boundary decodes without an error, only shorter: the missing end-of-stream flag is the proof.
     */
    static boolean oggComplete(Path file) throws IOException {
        try (var f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            int tail = (int) Math.min(size, 70_000); // an Ogg page is at most 65,307 bytes
            var buffer = new byte[tail];
            f.seek(size - tail);
            f.readFully(buffer);
            for (int i = tail - 27; i >= 0; i--) {
                if (buffer[i] == 'O' && buffer[i + 1] == 'g' && buffer[i + 2] == 'g' && buffer[i + 3] == 'S'
                        && buffer[i + 4] == 0) {
                    // Flags byte: 0x04 marks the last page of a logical stream.
                    return (buffer[i + 5] & 0x04) != 0;
                }
            }
            return false;
        }
    }

    private static boolean starts(byte[] h, int at, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        if (h.length < at + m.length) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (h[at + i] != m[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] h, String s) {
        return new String(h, StandardCharsets.ISO_8859_1).contains(s);
    }
}
