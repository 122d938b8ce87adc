package vn.loaxa.audio.mp3;

import static vn.loaxa.audio.AudioDecodeException.Reason.UNDECODABLE_STREAM;

import java.util.function.BiConsumer;
import vn.loaxa.audio.AudioDecodeException;

/**
 * Rewrites a Layer III stream into one that JLayer decodes whole, with the same decoded audio.
 *
 * <p>Every output frame has the largest standard bitrate of the stream's MPEG version and no CRC,
 * the main data of each source frame is copied bit for bit, and the bit reservoir is laid out anew
 * (main_data_begin recomputed, each frame's main data placed as early as the reservoir allows).
 * That handles free-format streams, which JLayer cannot frame, and streams that mix mono and
 * stereo frames, which JLayer cannot follow: mono frames become two-channel frames. Frames whose main data lies before the start of the stream become frames
 * with empty granules, which decode to silence just as mpg123 plays them.
 *
 * <p>A mono frame becomes a stereo-mode frame whose second channel has empty granules; the
 * decoding loop plays channel 0 on both outputs. The second channel's filter state thus decays
 * from silence during mono passages, which is what the l3-he_mode reference does: repeating the
 * mono data in the second channel instead was measured to miss the reference by 4912 LSB in the
 * first stereo frame after the mono ones.
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
        this.outLength = template.lengthFor(template.bitrateKbps(), true);
        this.sideInfoLength = mpeg1 ? (outChannels == 1 ? 17 : 32) : (outChannels == 1 ? 9 : 17);
        this.payloadLength = outLength - 4 - sideInfoLength;
        this.maxBegin = first.maxMainDataBegin();
    }

    /** The header word of an output frame for a source frame with {@code word}. */
    private int outWord(int word, int sourceChannels) {
        // Always padded, so that an output frame is never smaller than the largest source frame.
        int w = (word & ~0xF000) | (14 << 12) | 0x200 | 0x10000;
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
        // Main data goes as early as the reservoir allows: the slack this builds up is what lets
        // a frame that needs more than one frame's payload fit later.
        int room = (int) Math.min(maxBegin, outPayloadStart - outMainDataEnd);

        int granules = mpeg1 ? 2 : 1;
        byte[] mainData = new byte[0];
        if (!missing) {
            long srcBits = (srcPayloadStart - si.mainDataBegin) << 3;
            mainData = new byte[si.mainDataBytes()];
            if (mainData.length - room > payloadLength) {
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
                    p += n;
                }
            }
        }
        int borrow = mainData.length == 0 ? 0 : room;
        int inPending = Math.min(borrow, mainData.length);
        if (inPending > 0) {
            System.arraycopy(mainData, 0, pending, outLength - borrow, inPending);
        }
        System.arraycopy(mainData, inPending, out, 4 + sideInfoLength,
                mainData.length - inPending);
        if (mainData.length > 0) {
            outMainDataEnd = outPayloadStart - borrow + mainData.length;
        }

        writeSideInfo(out, si, missing, upmix, borrow);

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
            int mainDataBegin) {
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
                w.write(0, 4);
            } else {
                w.write(si.scfsi, 4 * outChannels);
            }
        }
        int granules = mpeg1 ? 2 : 1;
        for (int gr = 0; gr < granules; gr++) {
            if (upmix) {
                w.write(si.blocks[gr], si.blockBits);
                w.write(0, si.blockBits);
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
