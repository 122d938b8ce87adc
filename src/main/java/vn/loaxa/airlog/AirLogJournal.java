package vn.loaxa.airlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The air log's write-ahead file: every row is appended and forced to disk here before the
 * database sees it, so a row the engine has written survives kill -9, a locked database and a full
 * disk alike, and is carried into the database when it can take it.
 *
 * <p>The file is allocated whole, filled with zeros, when it is created: overwriting blocks a file
 * already owns needs no free space, so the journal keeps taking rows when the disk is full. Each
 * record is {@code length, CRC32C, the row's canonical text and hash}; reading stops at a zero
 * length or at the first record whose checksum or hash does not match (a write cut by a crash).
 * Once the database holds every row the used part is zeroed again.
 */
final class AirLogJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AirLogJournal.class);
    static final long DEFAULT_SIZE = 4L * 1024 * 1024;
    private static final int HEADER = 8;

    private final Path file;
    private final FileChannel channel;
    private long size;
    private long position;

    private AirLogJournal(Path file, FileChannel channel, long size, long position) {
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.position = position;
    }

    /** Opens (or creates, allocated and zeroed) the journal; the rows it holds are read with {@link #rows()}. */
    static AirLogJournal open(Path file, long size) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        // Owner-only when created, like every file of the data folder (the rows name users).
        var channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), vn.loaxa.base.OwnerOnly.fileAttributes(file));
        try {
            long existing = channel.size();
            if (existing < size) {
                zero(channel, existing, size);
                channel.force(true);
                existing = size;
            }
            var journal = new AirLogJournal(file, channel, existing, 0);
            journal.position = journal.scan(new ArrayList<>());
            return journal;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The rows in the journal, in the order they were written. */
    List<LogRow> rows() throws IOException {
        var rows = new ArrayList<LogRow>();
        scan(rows);
        return rows;
    }

    /** Appends a row and forces it to disk; returns once it would survive a power cut. */
    void append(LogRow row) throws IOException {
        var payload = (row.canonical() + row.rowHash()).getBytes(StandardCharsets.UTF_8);
        var crc = new CRC32C();
        crc.update(payload);
        var record = ByteBuffer.allocate(HEADER + payload.length);
        record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        if (position + record.remaining() + HEADER > size) {
            // Grow by another allocation; this needs free space, which is usually there.
            long grown = Math.max(size * 2, position + record.remaining() + HEADER);
            zero(channel, size, grown);
            size = grown;
        }
        long at = position;
        while (record.hasRemaining()) {
            at += channel.write(record, at);
        }
        channel.force(false);
        position = at;
    }

    /** How many bytes hold records: the journal is cleared when the database has caught up. */
    long used() {
        return position;
    }

    /** Zeroes the used part: call only when every row in it is committed to the database. */
    void clear() throws IOException {
        zero(channel, 0, position);
        channel.force(false);
        position = 0;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private long scan(List<LogRow> into) throws IOException {
        long at = 0;
        var header = ByteBuffer.allocate(HEADER);
        while (at + HEADER <= size) {
            header.clear();
            channel.read(header, at);
            header.flip();
            int length = header.getInt();
            int checksum = header.getInt();
            if (length <= 0 || at + HEADER + length > size) {
                break;
            }
            var payload = ByteBuffer.allocate(length);
            channel.read(payload, at + HEADER);
            var crc = new CRC32C();
            crc.update(payload.array());
            var row = crc.getValue() == (checksum & 0xFFFFFFFFL) ? parse(payload.array()) : null;
            if (row == null) {
                log.warn("Air log journal {}: record at byte {} is incomplete (cut by a crash); reading stops there",
                        file, at);
                break;
            }
            into.add(row);
            at += HEADER + length;
        }
        return at;
    }

    private static LogRow parse(byte[] payload) {
        try {
            var text = new String(payload, StandardCharsets.UTF_8);
            var row = LogRow.fromCanonical(text);
            return row.computeHash().equals(row.rowHash()) ? row : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void zero(FileChannel channel, long from, long to) throws IOException {
        var zeros = ByteBuffer.allocate(64 * 1024);
        long at = from;
        while (at < to) {
            zeros.clear();
            zeros.limit((int) Math.min(zeros.capacity(), to - at));
            at += channel.write(zeros, at);
        }
    }
}
