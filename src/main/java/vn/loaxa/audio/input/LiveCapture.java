package vn.loaxa.audio.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import javax.sound.sampled.TargetDataLine;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;
import vn.loaxa.audio.WavHeader;

/**
 * A microphone or line input as a stream the player plays like any item, written to a WAV file as
 * it is read, so that what aired is kept. The line starts on the first read (the moment the player
 * wants the first live sample), and whatever piles up in it beyond a few tens of milliseconds is
 * dropped: a voice that falls behind stays behind for the rest of the broadcast, so the delay from
 * mouth to loudspeaker is held to the line buffers. What was dropped never aired and is not
 * recorded either; the count is logged.
 */
public final class LiveCapture implements PcmStream {

    /** The recording once the capture is closed: the WAV file, its SHA-256 and its length. */
    public record Recording(Path file, String sha256, long frames, PcmFormat format, long droppedFrames) {

        public long millis() {
            return frames * 1000 / format.sampleRate();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(LiveCapture.class);

    /** Capture buffer: what may wait in the input line (the player's line buffer adds its own). */
    static final int BUFFER_MILLIS = 40;
    /** More than this waiting in the input line is dropped down to one read. */
    static final int BACKLOG_MILLIS = 20;
    private static final int READ_MILLIS = 10;
    private static final long INPUT_LOST_NANOS = 2_000_000_000L;

    private final TargetDataLine line;
    private final PcmFormat format;
    private final Path file;
    private final RandomAccessFile out;
    private final Consumer<Recording> onClosed;
    private final int frameBytes;
    private final int readFrames;
    private final int backlogFrames;
    private byte[] bytes = new byte[0];
    /** Frames of what aired that are in the file: all of them unless writing it failed. */
    private long recordedFrames;
    private @Nullable IOException recordingFailed;
    private long dropped;
    private boolean started;
    private long startedNanos;
    private boolean closed;
    private volatile boolean ending;

    private LiveCapture(TargetDataLine line, Path file, Consumer<Recording> onClosed) throws IOException {
        this.line = line;
        var f = line.getFormat();
        this.format = new PcmFormat(Math.round(f.getSampleRate()), f.getChannels());
        this.frameBytes = format.bytesPerFrame();
        this.readFrames = Math.max(1, format.sampleRate() * READ_MILLIS / 1000);
        this.backlogFrames = format.sampleRate() * BACKLOG_MILLIS / 1000;
        this.file = file;
        this.onClosed = onClosed;
        this.out = new RandomAccessFile(file.toFile(), "rw");
        out.setLength(0);
        out.write(WavHeader.of(format, 0));
    }

    /**
     * Opens the input (mono at the station's rate first: a voice needs no more) and the recording
     * file; nothing is captured until the first read.
     *
     * @param device   the input's name; blank for the system default
     * @param rate     the station's output rate, tried first so no resampling is needed
     * @param file     where the recording goes (created or replaced)
     * @param onClosed told the recording once the capture is closed
     */
    public static LiveCapture open(@Nullable String device, int rate, Path file, Consumer<Recording> onClosed)
            throws IOException {
        var line = InputDevices.open(device, List.of(new PcmFormat(rate, 1), new PcmFormat(rate, 2),
                new PcmFormat(48_000, 1), new PcmFormat(48_000, 2), new PcmFormat(44_100, 1), new PcmFormat(44_100, 2)),
                BUFFER_MILLIS);
        try {
            return new LiveCapture(line, file, onClosed);
        } catch (IOException | RuntimeException e) {
            line.close();
            throw e;
        }
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    /** Ends the live stream: the next read returns the end, the item completes, the broadcast ends as usual. */
    public void end() {
        ending = true;
    }

    public boolean ending() {
        return ending;
    }

    @Override
    public synchronized int read(short[] buffer, int offset, int maxFrames) throws IOException {
        if (ending || closed) {
            return -1;
        }
        if (!started) {
            // Whatever the input held before this moment was said before the broadcast could carry it.
            line.flush();
            line.start();
            started = true;
            startedNanos = System.nanoTime();
        }
        // The sound server queues what the input captured since the line was opened, beyond the line's
        // own buffer, and refills the line from that queue as it is read: whatever is waiting past the
        // backlog is dropped on each read until the queue is gone, then the line stays near empty.
        int waiting = line.available() / frameBytes;
        if (waiting > backlogFrames) {
            skip(waiting - readFrames, System.nanoTime() - startedNanos < 1_000_000_000L);
        }
        int want = Math.min(maxFrames, readFrames);
        if (bytes.length < want * frameBytes) {
            bytes = new byte[want * frameBytes];
        }
        int got = 0;
        long silentSince = System.nanoTime();
        while (got < want * frameBytes) {
            // Read what is there, never block on the line: an input that stops delivering (a USB
            // microphone pulled out) must end the broadcast with a reason, not hang the player.
            int ready = Math.min(line.available(), want * frameBytes - got) / frameBytes * frameBytes;
            if (ready == 0) {
                if (ending || !line.isOpen()) {
                    break;
                }
                if (System.nanoTime() - silentSince > INPUT_LOST_NANOS) {
                    throw new IOException("INPUT_LOST: the microphone or line input gave no audio for "
                            + INPUT_LOST_NANOS / 1_000_000_000L + " s");
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while live");
                }
                continue;
            }
            got += line.read(bytes, got, ready);
            silentSince = System.nanoTime();
        }
        int frameCount = got / frameBytes;
        record(frameCount);
        for (int i = 0; i < frameCount * format.channels(); i++) {
            buffer[offset + i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
        }
        return frameCount == 0 && ending ? -1 : frameCount;
    }

    /**
     * Keeps what airs. A recording that cannot be written (a full disk) stops, and the voice goes on:
     * an announcement that reaches the villages matters more than its copy; what was written is kept.
     */
    private void record(int frameCount) {
        if (recordingFailed != null) {
            return;
        }
        try {
            out.write(bytes, 0, frameCount * frameBytes);
            recordedFrames += frameCount;
        } catch (IOException e) {
            recordingFailed = e;
            log.error("The live recording {} could not be written after {} ms; the broadcast goes on unrecorded",
                    file, recordedFrames * 1000 / format.sampleRate(), e);
        }
    }

    /** @param stale what the input held from before the broadcast could carry it: not a voice falling behind */
    private void skip(int dropFrames, boolean stale) {
        var scratch = new byte[dropFrames * frameBytes];
        int n = line.read(scratch, 0, scratch.length);
        if (!stale) {
            dropped += Math.max(0, n) / frameBytes;
        }
    }

    /** Stops capturing, completes the WAV header, and hands the recording over with its SHA-256. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        ending = true;
        try {
            line.stop();
            line.close();
            // A write the disk cut short leaves part of a chunk: the file ends with the last whole one.
            out.setLength(WavHeader.LENGTH + recordedFrames * frameBytes);
            out.seek(0);
            out.write(WavHeader.of(format, recordedFrames * frameBytes));
            out.getFD().sync();
        } finally {
            out.close();
        }
        if (dropped > 0) {
            log.warn("Live input fell behind: {} ms dropped to keep the delay to the loudspeakers short",
                    dropped * 1000 / format.sampleRate());
        }
        onClosed.accept(new Recording(file, sha256(file), recordedFrames, format, dropped));
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            var digest = MessageDigest.getInstance("SHA-256");
            var buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
