package vn.loaxa.testing;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A large body that never exists anywhere: {@code head}, then {@code fill} bytes up to {@code length},
 * generated as it is read. Counts what was read, so a test can tell how much of a 300 MB upload the
 * station actually took before it stopped.
 */
public final class GeneratedStream extends InputStream {

    private final byte[] head;
    private final long length;
    private final byte fill;
    private final AtomicLong read = new AtomicLong();
    private final java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
    private final long heapAtStart = memory.getHeapMemoryUsage().getUsed();
    private long peakHeap = heapAtStart;
    private long position;

    public GeneratedStream(byte[] head, long length, byte fill) {
        this.head = head.clone();
        this.length = length;
        this.fill = fill;
    }

    /**
     * How far the heap of this JVM grew above what it was when the stream was made, at its highest
     * while the stream was read (sampled every megabyte): a reader that keeps what it reads in
     * memory shows it here.
     */
    public synchronized long peakHeapGrowth() {
        return peakHeap - heapAtStart;
    }

    /** How many bytes have been read so far (from any thread). */
    public long bytesRead() {
        return read.get();
    }

    @Override
    public int read() {
        var one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
            long p = position + i;
            b[off + i] = p < head.length ? head[(int) p] : fill;
        }
        if ((position >>> 20) != ((position + n) >>> 20)) {
            synchronized (this) {
                peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
            }
        }
        position += n;
        read.addAndGet(n);
        return n;
    }

    /** A 16-bit PCM WAV header for {@code dataBytes} of samples (the body of silence or a hum, as filled). */
    public static byte[] wavHeader(int rate, int channels, long dataBytes) {
        var h = java.nio.ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int blockAlign = channels * 2;
        h.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) 16);
        h.put("data".getBytes()).putInt((int) dataBytes);
        return h.array();
    }
}
