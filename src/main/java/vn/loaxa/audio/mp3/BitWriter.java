package vn.loaxa.audio.mp3;

/** MSB-first bit writer into a caller-owned, zero-initialised byte array. */
final class BitWriter {

    private final byte[] out;
    private long bitPos;

    BitWriter(byte[] out, int byteOffset) {
        this.out = out;
        this.bitPos = (long) byteOffset << 3;
    }

    void write(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            if (((value >>> i) & 1) != 0) {
                out[(int) (bitPos >>> 3)] |= (byte) (0x80 >>> (int) (bitPos & 7));
            }
            bitPos++;
        }
    }

    /** Copies {@code n} bits from {@code src}, a ring buffer whose size is a power of two. */
    void copyFromRing(byte[] src, long srcBitPos, int n) {
        int mask = src.length - 1;
        long p = srcBitPos;
        // Whole bytes at a time when both sides are aligned: the common case for plain repacking.
        while (n >= 8 && (p & 7) == 0 && (bitPos & 7) == 0) {
            out[(int) (bitPos >>> 3)] = src[(int) (p >>> 3) & mask];
            p += 8;
            bitPos += 8;
            n -= 8;
        }
        while (n > 0) {
            int take = Math.min(n, 8);
            long v = 0;
            for (int i = 0; i < take; i++) {
                int b = (src[(int) ((p >>> 3) & mask)] >>> (7 - (int) (p & 7))) & 1;
                v = (v << 1) | b;
                p++;
            }
            write(v, take);
            n -= take;
        }
    }

    long bitPosition() {
        return bitPos;
    }
}
