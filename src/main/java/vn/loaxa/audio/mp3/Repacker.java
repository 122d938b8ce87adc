package vn.loaxa.audio.mp3;

import static vn.loaxa.audio.AudioDecodeException.Reason.UNDECODABLE_STREAM;

import java.util.function.BiConsumer;
import vn.loaxa.audio.AudioDecodeException;

/**
 * Rewrites a Layer III stream into one that JLayer decodes whole, with the same decoded audio.
 *
 * <p>Every output frame has the largest standard bitrate of the stream's MPEG version and no CRC,
 * the main data of each source frame is copied bit for bit, and the bit reservoir is laid out anew
 * (main_data_begin recomputed). That handles free-format streams, which JLayer cannot frame, and
 * gives room to turn mono frames into two-channel frames when a stream mixes channel counts, which
 * JLayer cannot follow. Frames whose main data lies before the start of the stream become frames
 * with empty granules, which decode to silence just as mpg123 plays them.
 *
 * <p>A mono frame becomes a stereo-mode frame whose second channel repeats the first (side info
 * and main data), so that the second channel's filter state carries on naturally into the next
 * stereo frame. When the doubled data cannot fit, the second channel is left empty instead; the
 * decoding loop copies channel 0 to channel 1 for such frames either way.
 *
 * <p>Each output frame may lend the tail of its payload to the next frame's main data, so it is
 * held back until the next frame is placed.
 */
final class Repacker {

    private static final int RING = 1 << 13;

    private final int outChannels;
    private final boolean mpeg1;
    private final int outLength;
    private final int sideInfoLength;
    private final int payloadLength;
    private final int maxBegin;

    private final byte[] ring = new byte[RING];
    private long ringTotal;

    private byte[] pending;
    private FrameMeta pendingMeta;
    private long outPayloadTotal;
    private long outMainDataEnd;

    Repacker(FrameHeader first, int outChannels) {
        this.outChannels = outChannels;
        this.mpeg1 = first.version() == FrameHeader.MPEG1;
        FrameHeader template = FrameHeader.parse(outWord(first.word(), first.channels()));
        this.outLength = template.lengthFor(template.bitrateKbps(), false);
        this.sideInfoLength = mpeg1 ? (outChannels == 1 ? 17 : 32) : (outChannels == 1 ? 9 : 17);
        this.payloadLength = outLength - 4 - sideInfoLength;
        this.maxBegin = first.maxMainDataBegin();
    }

    /** The header word of an output frame for a source frame with {@code word}. */
    private int outWord(int word, int sourceChannels) {
        int w = (word & ~0xF000 & ~0x200) | (14 << 12) | 0x10000;
        if (sourceChannels == 1 && outChannels == 2) {
            w &= ~0xF0;
        }
        return w;
    }

    /**
     * Adds one source frame; {@code sink} receives zero or one finished output frame (the one
     * before it).
     */
    void push(Frame frame, SideInfo si, boolean missing, BiConsumer<byte[], FrameMeta> sink)
            throws AudioDecodeException {
        long srcPayloadStart = ringTotal;
        appendToRing(frame);
        int srcChannels = frame.header().channels();
        boolean upmix = srcChannels == 1 && outChannels == 2;

        byte[] out = new byte[outLength];
        int w = outWord(frame.header().word(), srcChannels);
        out[0] = (byte) (w >>> 24);
        out[1] = (byte) (w >>> 16);
        out[2] = (byte) (w >>> 8);
        out[3] = (byte) w;

        long outPayloadStart = outPayloadTotal;
        outPayloadTotal += payloadLength;
        long room = Math.min(maxBegin, outPayloadStart - outMainDataEnd);

        int granules = mpeg1 ? 2 : 1;
        boolean duplicate = upmix;
        byte[] mainData = new byte[0];
        if (!missing) {
            long srcBits = (srcPayloadStart - si.mainDataBegin) << 3;
            int bits = si.mainDataBits() * (duplicate ? 2 : 1);
            if (duplicate && ((bits + 7) >>> 3) - payloadLength > room) {
                duplicate = false;
                bits = si.mainDataBits();
            }
            mainData = new byte[(bits + 7) >>> 3];
            if (mainData.length - payloadLength > room) {
                throw new AudioDecodeException(UNDECODABLE_STREAM, "frame " + frame.index()
                        + ": " + mainData.length + " bytes of main data do not fit a "
                        + outLength + "-byte frame and the bit reservoir");
            }
            BitWriter md = new BitWriter(mainData, 0);
            long p = srcBits;
            for (int gr = 0; gr < granules; gr++) {
                for (int ch = 0; ch < srcChannels; ch++) {
                    int n = si.part23(gr * srcChannels + ch);
                    md.copyFromRing(ring, p, n);
                    if (duplicate) {
                        md.copyFromRing(ring, p, n);
                    }
                    p += n;
                }
            }
        }
        int borrow = Math.max(0, mainData.length - payloadLength);
        if (borrow > 0) {
            System.arraycopy(mainData, 0, pending, outLength - borrow, borrow);
        }
        System.arraycopy(mainData, borrow, out, 4 + sideInfoLength, mainData.length - borrow);
        outMainDataEnd = outPayloadStart - borrow + mainData.length;

        writeSideInfo(out, si, missing, upmix, duplicate, borrow);

        if (pending != null) {
            sink.accept(pending, pendingMeta);
        }
        pending = out;
        pendingMeta = new FrameMeta(srcChannels, missing);
    }

    void flush(BiConsumer<byte[], FrameMeta> sink) {
        if (pending != null) {
            sink.accept(pending, pendingMeta);
            pending = null;
        }
    }

    private void writeSideInfo(byte[] out, SideInfo si, boolean missing, boolean upmix,
            boolean duplicate, int mainDataBegin) {
        BitWriter w = new BitWriter(out, 4);
        w.write(mainDataBegin, mpeg1 ? 9 : 8);
        boolean sameLayout = !upmix;
        w.write(sameLayout && !missing ? si.privateBits : 0,
                SideInfo.privateBitCount(mpeg1, outChannels));
        if (missing) {
            // Empty granules (part2_3_length 0 everywhere): silence, and no reservoir use.
            return;
        }
        if (mpeg1) {
            if (upmix) {
                w.write(si.scfsi, 4);
                w.write(duplicate ? si.scfsi : 0, 4);
            } else {
                w.write(si.scfsi, 4 * outChannels);
            }
        }
        int granules = mpeg1 ? 2 : 1;
        for (int gr = 0; gr < granules; gr++) {
            if (upmix) {
                long block = si.blocks[gr];
                w.write(block, si.blockBits);
                w.write(duplicate ? block : 0, si.blockBits);
            } else {
                for (int ch = 0; ch < outChannels; ch++) {
                    w.write(si.blocks[gr * outChannels + ch], si.blockBits);
                }
            }
        }
    }

    private void appendToRing(Frame frame) {
        byte[] d = frame.data();
        int off = frame.payloadOffset();
        int n = frame.payloadLength();
        for (int i = 0; i < n; i++) {
            ring[(int) ((ringTotal + i) & (RING - 1))] = d[off + i];
        }
        ringTotal += n;
    }
}
