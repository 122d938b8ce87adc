package vn.loaxa.audio.mp3;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to a file through one small buffer, so that frame scanning costs neither a system
 * call per frame nor memory proportional to the file (broadcast files can be hundreds of MB).
 */
final class FileWindow implements Closeable {

    private static final int SIZE = 1 << 16;

    private final FileChannel channel;
    private final long size;
    private final byte[] buffer = new byte[SIZE];
    private long start;
    private int length;

    FileWindow(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        size = channel.size();
    }

    long size() {
        return size;
    }

    /** The byte at {@code pos}, or -1 past the end of the file. */
    int get(long pos) throws IOException {
        if (pos < 0 || pos >= size) {
            return -1;
        }
        if (pos < start || pos >= start + length) {
            fill(pos);
        }
        return buffer[(int) (pos - start)] & 0xFF;
    }

    /** Big-endian 32-bit word at {@code pos}; the caller checks that 4 bytes exist. */
    int word(long pos) throws IOException {
        ensure(pos, 4);
        return FrameHeader.wordAt(buffer, (int) (pos - start));
    }

    void copy(long pos, byte[] dst, int off, int n) throws IOException {
        if (pos + n > size) {
            throw new EOFException("read past end of file at " + pos);
        }
        if (n > SIZE) {
            ByteBuffer bb = ByteBuffer.wrap(dst, off, n);
            while (bb.hasRemaining()) {
                if (channel.read(bb, pos + bb.position() - off) < 0) {
                    throw new EOFException();
                }
            }
            return;
        }
        ensure(pos, n);
        System.arraycopy(buffer, (int) (pos - start), dst, off, n);
    }

    private void ensure(long pos, int n) throws IOException {
        if (pos < start || pos + n > start + length) {
            fill(pos);
        }
    }

    private void fill(long pos) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buffer);
        int want = (int) Math.min(SIZE, size - pos);
        bb.limit(want);
        while (bb.hasRemaining()) {
            if (channel.read(bb, pos + bb.position()) < 0) {
                break;
            }
        }
        start = pos;
        length = bb.position();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
