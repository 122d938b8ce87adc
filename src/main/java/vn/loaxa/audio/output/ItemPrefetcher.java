package vn.loaxa.audio.output;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;

/**
 * Opens items ahead of time on a background thread and decodes their first second, so that the
 * decoder's start-up cost (e.g. ~60 ms for the first MP3 frame in a fresh JVM) is paid while the
 * previous item is still playing, not in the gap between the two.
 */
final class ItemPrefetcher implements AutoCloseable {

    private final List<PlayoutItem> items;
    private final PcmFormat lineFormat;
    private final int headFrames;
    /** Null when items are opened on the caller's thread (a playout on a simulated line). */
    private final @Nullable ExecutorService executor;
    private final Future<?>[] pending;

    /** @param threadName the decoding thread's name; null opens each item at once on the caller's thread */
    ItemPrefetcher(List<PlayoutItem> items, PcmFormat lineFormat, @Nullable String threadName) {
        this.items = items;
        this.lineFormat = lineFormat;
        this.headFrames = lineFormat.sampleRate();
        this.pending = new Future<?>[items.size()];
        this.executor = threadName == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts opening item {@code index} unless already started or out of range. */
    void request(int index) {
        // A live input opened ahead would capture what was said before its turn: it opens in take().
        if (index >= 0 && index < items.size() && pending[index] == null && !items.get(index).live()) {
            if (executor != null) {
                pending[index] = executor.submit(() -> open(items.get(index)));
            } else {
                FutureTask<PcmStream> task = new FutureTask<>(() -> open(items.get(index)));
                task.run();
                pending[index] = task;
            }
        }
    }

    boolean isReady(int index) {
        request(index);
        return items.get(index).live() || pending[index].isDone();
    }

    /** The opened item, already in the line format, waiting for it if necessary. */
    PcmStream take(int index) throws IOException, InterruptedException {
        if (items.get(index).live()) {
            var item = items.get(index);
            return PcmConversion.toFormat(item.opener().open(), lineFormat);
        }
        request(index);
        try {
            PcmStream stream = (PcmStream) pending[index].get();
            pending[index] = null;
            return stream;
        } catch (ExecutionException e) {
            pending[index] = null;
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("opening the item failed: " + e.getCause(), e.getCause());
        }
    }

    private PcmStream open(PlayoutItem item) throws IOException {
        PcmStream raw = item.opener().open();
        PcmStream stream = PcmConversion.toFormat(raw, lineFormat);
        int channels = lineFormat.channels();
        short[] head = new short[headFrames * channels];
        int frames = 0;
        boolean ended = false;
        IOException broken = null;
        try {
            while (frames < headFrames) {
                int n = stream.read(head, frames * channels, headFrames - frames);
                if (n < 0) {
                    ended = true;
                    break;
                }
                frames += n;
            }
        } catch (IOException e) {
            // Damage inside the head is reported where it is reached, as it would be further in:
            // what decoded plays, then the item fails.
            broken = e;
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return new HeadStream(Arrays.copyOf(head, frames * channels), ended || broken != null ? null : stream, stream,
                lineFormat, broken);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
        for (Future<?> future : pending) {
            if (future != null && future.isDone() && !future.isCancelled()) {
                try {
                    ((PcmStream) future.get()).close();
                } catch (ExecutionException | InterruptedException | CancellationException | IOException e) {
                    // Nothing to release for an item that failed to open.
                }
            }
        }
    }

    /** The decoded head of an item followed by the rest of its stream. */
    private static final class HeadStream implements PcmStream {
        private final short[] head;
        private final @Nullable PcmStream rest;
        private final PcmStream toClose;
        private final PcmFormat format;
        private final @Nullable IOException failure;
        private int position;

        HeadStream(short[] head, @Nullable PcmStream rest, PcmStream toClose, PcmFormat format,
                @Nullable IOException failure) {
            this.head = head;
            this.rest = rest;
            this.toClose = toClose;
            this.format = format;
            this.failure = failure;
        }

        @Override
        public PcmFormat format() {
            return format;
        }

        @Override
        public int read(short[] buffer, int offset, int maxFrames) throws IOException {
            int channels = format.channels();
            if (position < head.length) {
                int frames = Math.min(maxFrames, (head.length - position) / channels);
                System.arraycopy(head, position, buffer, offset, frames * channels);
                position += frames * channels;
                return frames;
            }
            if (failure != null) {
                throw failure;
            }
            return rest == null ? -1 : rest.read(buffer, offset, maxFrames);
        }

        @Override
        public void close() throws IOException {
            toClose.close();
        }
    }
}
