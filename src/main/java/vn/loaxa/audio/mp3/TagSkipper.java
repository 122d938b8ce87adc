package vn.loaxa.audio.mp3;

import java.io.IOException;

/**
 * Finds where the audio lies between metadata tags. Tags must never reach the decoder: their bytes
 * can contain sync patterns and would be played as noise, or make an intact file look corrupt.
 */
final class TagSkipper {

    private TagSkipper() {
    }

    /** Byte range [start, end) of the file that may contain frames. */
    record AudioRange(long start, long end) {
    }

    static AudioRange find(FileWindow file) throws IOException {
        long start = skipId3v2(file, 0);
        long end = file.size();
        // Tags at the end are stacked in a known order: APE / Lyrics3 before ID3v1.
        boolean changed = true;
        while (changed && end > start) {
            changed = false;
            long e = stripId3v1(file, start, end);
            e = stripApe(file, start, e);
            e = stripLyrics3(file, start, e);
            if (e != end) {
                end = e;
                changed = true;
            }
        }
        return new AudioRange(start, end);
    }

    /**
     * Skips every ID3v2 tag at {@code pos}. Unsynchronisation does not matter here: the size field
     * counts the stored (already unsynchronised) bytes.
     */
    static long skipId3v2(FileWindow file, long pos) throws IOException {
        while (pos + 10 <= file.size() && file.get(pos) == 'I' && file.get(pos + 1) == 'D'
                && file.get(pos + 2) == '3') {
            int major = file.get(pos + 3);
            int flags = file.get(pos + 5);
            int b6 = file.get(pos + 6);
            int b7 = file.get(pos + 7);
            int b8 = file.get(pos + 8);
            int b9 = file.get(pos + 9);
            if (major == 0xFF || file.get(pos + 4) == 0xFF || ((b6 | b7 | b8 | b9) & 0x80) != 0) {
                break;
            }
            long size = ((long) b6 << 21) | (b7 << 14) | (b8 << 7) | b9;
            boolean footer = major >= 4 && (flags & 0x10) != 0;
            pos += 10 + size + (footer ? 10 : 0);
        }
        return Math.min(pos, file.size());
    }

    private static long stripId3v1(FileWindow file, long start, long end) throws IOException {
        if (end - start >= 128 && matches(file, end - 128, "TAG")) {
            return end - 128;
        }
        return end;
    }

    private static long stripApe(FileWindow file, long start, long end) throws IOException {
        if (end - start < 32 || !matches(file, end - 32, "APETAGEX")) {
            return end;
        }
        long size = le32(file, end - 20);
        long flags = le32(file, end - 12);
        boolean hasHeader = (flags & 0x8000_0000L) != 0;
        long total = size + (hasHeader ? 32 : 0);
        if (size < 32 || total > end - start) {
            return end;
        }
        return end - total;
    }

    private static long stripLyrics3(FileWindow file, long start, long end) throws IOException {
        if (end - start < 15 || !matches(file, end - 9, "LYRICS200")) {
            return end;
        }
        long size = 0;
        for (int i = 0; i < 6; i++) {
            int c = file.get(end - 15 + i);
            if (c < '0' || c > '9') {
                return end;
            }
            size = size * 10 + (c - '0');
        }
        long total = size + 15;
        return total <= end - start ? end - total : end;
    }

    private static boolean matches(FileWindow file, long pos, String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            if (file.get(pos + i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long le32(FileWindow file, long pos) throws IOException {
        return file.get(pos) | (file.get(pos + 1) << 8) | (file.get(pos + 2) << 16)
                | ((long) file.get(pos + 3) << 24);
    }
}
