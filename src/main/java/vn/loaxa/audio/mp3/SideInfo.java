package vn.loaxa.audio.mp3;

/**
 * The Layer III side information of one frame, kept as raw bit fields: enough to locate the main
 * data in the bit reservoir and to rewrite the side information for another frame layout, without
 * interpreting what the decoder does with it.
 */
final class SideInfo {

    static final int MAX_BLOCKS = 4;

    int mainDataBegin;
    int privateBits;
    /** scfsi bits of all channels, channel 0 in the high nibble (MPEG-1 only). */
    int scfsi;
    int channels;
    int granules;
    /** Bits of one granule/channel block: 59 for MPEG-1, 63 for LSF. */
    int blockBits;
    /** Granule/channel blocks in bitstream order (granule-major). */
    final long[] blocks = new long[MAX_BLOCKS];

    void parse(FrameHeader h, byte[] frame) {
        BitReader in = new BitReader(frame, h.sideInfoOffset());
        channels = h.channels();
        boolean mpeg1 = h.version() == FrameHeader.MPEG1;
        granules = mpeg1 ? 2 : 1;
        blockBits = mpeg1 ? 59 : 63;
        mainDataBegin = in.read(mpeg1 ? 9 : 8);
        privateBits = in.read(privateBitCount(mpeg1, channels));
        scfsi = mpeg1 ? in.read(4 * channels) : 0;
        for (int i = 0; i < granules * channels; i++) {
            blocks[i] = in.readLong(blockBits);
        }
    }

    static int privateBitCount(boolean mpeg1, int channels) {
        if (mpeg1) {
            return channels == 1 ? 5 : 3;
        }
        return channels == 1 ? 1 : 2;
    }

    /** part2_3_length of a block: the main data bits it owns. */
    int part23(int block) {
        return (int) (blocks[block] >>> (blockBits - 12));
    }

    int mainDataBits() {
        int sum = 0;
        for (int i = 0; i < granules * channels; i++) {
            sum += part23(i);
        }
        return sum;
    }

    int mainDataBytes() {
        return (mainDataBits() + 7) >>> 3;
    }

    /** MSB-first reader over a byte array (the side information is byte-aligned per frame). */
    static final class BitReader {
        private final byte[] data;
        private long bitPos;

        BitReader(byte[] data, int byteOffset) {
            this.data = data;
            this.bitPos = (long) byteOffset << 3;
        }

        int read(int n) {
            return (int) readLong(n);
        }

        long readLong(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                int b = data[(int) (bitPos >>> 3)] >>> (7 - (int) (bitPos & 7)) & 1;
                v = (v << 1) | b;
                bitPos++;
            }
            return v;
        }
    }
}
