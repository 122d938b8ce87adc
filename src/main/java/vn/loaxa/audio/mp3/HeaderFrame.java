package vn.loaxa.audio.mp3;

/**
 * A Xing/Info or VBRI header frame: a Layer III frame that holds stream information instead of
 * audio, with the LAME extension's encoder delay and padding when present. Decoders that play it
 * add a frame of silence; mpg123 does not, and neither do we.
 *
 * @param frameCount audio frames announced by the tag, or -1
 * @param delay encoder delay in samples, or -1 without a LAME extension
 * @param padding encoder padding in samples, or -1 without a LAME extension
 */
record HeaderFrame(String kind, long frameCount, int delay, int padding) {

    private static final int FLAG_FRAMES = 1;
    private static final int FLAG_BYTES = 2;
    private static final int FLAG_TOC = 4;
    private static final int FLAG_QUALITY = 8;

    /** Returns null when the frame is an ordinary audio frame. */
    static HeaderFrame parse(Frame frame) {
        byte[] d = frame.data();
        FrameHeader h = frame.header();
        int x = h.sideInfoOffset() + h.sideInfoLength();
        if (is(d, x, "Xing") || is(d, x, "Info")) {
            return parseXing(d, x, is(d, x, "Xing") ? "Xing" : "Info");
        }
        // VBRI sits at a fixed place regardless of channel mode.
        if (is(d, 36, "VBRI")) {
            long frames = d.length >= 36 + 18 ? u32(d, 36 + 14) : -1;
            return new HeaderFrame("VBRI", frames, -1, -1);
        }
        return null;
    }

    private static HeaderFrame parseXing(byte[] d, int x, String kind) {
        if (x + 8 > d.length) {
            return new HeaderFrame(kind, -1, -1, -1);
        }
        int flags = (int) u32(d, x + 4);
        int p = x + 8;
        long frames = -1;
        if ((flags & FLAG_FRAMES) != 0) {
            if (p + 4 > d.length) {
                return new HeaderFrame(kind, -1, -1, -1);
            }
            frames = u32(d, p);
            p += 4;
        }
        if ((flags & FLAG_BYTES) != 0) {
            p += 4;
        }
        if ((flags & FLAG_TOC) != 0) {
            p += 100;
        }
        if ((flags & FLAG_QUALITY) != 0) {
            p += 4;
        }
        // LAME extension: 9 bytes of encoder version, then delay/padding as two 12-bit numbers at 21.
        if (p + 24 > d.length) {
            return new HeaderFrame(kind, frames, -1, -1);
        }
        int b0 = d[p + 21] & 0xFF;
        int b1 = d[p + 22] & 0xFF;
        int b2 = d[p + 23] & 0xFF;
        int delay = (b0 << 4) | (b1 >>> 4);
        int padding = ((b1 & 0x0F) << 8) | b2;
        return new HeaderFrame(kind, frames, delay, padding);
    }

    private static boolean is(byte[] d, int off, String tag) {
        if (off + tag.length() > d.length) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (d[off + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long u32(byte[] d, int off) {
        return FrameHeader.wordAt(d, off) & 0xFFFF_FFFFL;
    }
}
