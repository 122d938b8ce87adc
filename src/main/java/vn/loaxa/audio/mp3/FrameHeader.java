package vn.loaxa.audio.mp3;

/**
 * One MPEG audio frame header (the 32-bit word at the start of every frame), decoded into the
 * fields the rest of the package needs. Layer I and II headers are parsed too, only so that such
 * streams can be recognised and refused with a precise reason.
 */
record FrameHeader(int word, int version, int layer, boolean crc, int bitrateIndex,
        int sampleRateIndex, boolean padding, int mode, int modeExtension) {

    static final int MPEG1 = 1;
    static final int MPEG2 = 2;
    static final int MPEG25 = 25;

    static final int MODE_STEREO = 0;
    static final int MODE_JOINT = 1;
    static final int MODE_DUAL = 2;
    static final int MODE_MONO = 3;

    private static final int[][] BITRATES_MPEG1 = {
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}};
    private static final int[][] BITRATES_LSF = {
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};
    private static final int[] SAMPLE_RATES_MPEG1 = {44_100, 48_000, 32_000};

    /** The bits that must not change between frames of one stream: sync, version, layer, rate. */
    private static final int STREAM_BITS = 0xFFFE0C00;

    /** Returns null when the word cannot be a frame header (so a sync search can skip it). */
    static FrameHeader parse(int word) {
        if ((word >>> 21) != 0x7FF) {
            return null;
        }
        int versionBits = (word >>> 19) & 3;
        int layerBits = (word >>> 17) & 3;
        int bitrateIndex = (word >>> 12) & 0xF;
        int rateIndex = (word >>> 10) & 3;
        // Reserved values. The reserved emphasis value is accepted: l3-hecommon uses it.
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        int version = versionBits == 3 ? MPEG1 : versionBits == 2 ? MPEG2 : MPEG25;
        return new FrameHeader(word, version, 4 - layerBits, ((word >>> 16) & 1) == 0,
                bitrateIndex, rateIndex, ((word >>> 9) & 1) == 1, (word >>> 6) & 3,
                (word >>> 4) & 3);
    }

    static int wordAt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
                | (b[off + 3] & 0xFF);
    }

    boolean sameStream(FrameHeader other) {
        return (word & STREAM_BITS) == (other.word & STREAM_BITS)
                && isFreeFormat() == other.isFreeFormat();
    }

    boolean isFreeFormat() {
        return bitrateIndex == 0;
    }

    int sampleRate() {
        int base = SAMPLE_RATES_MPEG1[sampleRateIndex];
        return version == MPEG1 ? base : version == MPEG2 ? base / 2 : base / 4;
    }

    int channels() {
        return mode == MODE_MONO ? 1 : 2;
    }

    int bitrateKbps() {
        return (version == MPEG1 ? BITRATES_MPEG1 : BITRATES_LSF)[layer - 1][bitrateIndex];
    }

    int samplesPerFrame() {
        if (layer == 1) {
            return 384;
        }
        return layer == 3 && version != MPEG1 ? 576 : 1152;
    }

    /** Frame length in bytes including the header; only meaningful when not free format. */
    int frameLength() {
        return lengthFor(bitrateKbps(), padding);
    }

    /** Length of a frame of this stream at {@code kbps}: also how free-format sizes are checked. */
    int lengthFor(int kbps, boolean withPadding) {
        int bps = kbps * 1000;
        int pad = withPadding ? 1 : 0;
        if (layer == 1) {
            return (12 * bps / sampleRate() + pad) * 4;
        }
        int factor = layer == 3 && version != MPEG1 ? 72 : 144;
        return factor * bps / sampleRate() + pad;
    }

    int sideInfoLength() {
        if (version == MPEG1) {
            return channels() == 1 ? 17 : 32;
        }
        return channels() == 1 ? 9 : 17;
    }

    /** Offset of the side information: after the header and the optional CRC word. */
    int sideInfoOffset() {
        return crc ? 6 : 4;
    }

    /** Largest main_data_begin the format can express (9 bits for MPEG-1, 8 for LSF). */
    int maxMainDataBegin() {
        return version == MPEG1 ? 511 : 255;
    }

    int maxBitrateIndex() {
        return 14;
    }

    String describe() {
        String v = version == MPEG1 ? "MPEG-1" : version == MPEG2 ? "MPEG-2" : "MPEG-2.5";
        return v + " Layer " + "I".repeat(layer) + " " + sampleRate() + " Hz";
    }

    FrameHeader withWord(int newWord) {
        return parse(newWord);
    }
}
