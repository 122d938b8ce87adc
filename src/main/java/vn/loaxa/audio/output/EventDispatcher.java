package vn.loaxa.audio.output;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Delivers listener events in order on their own thread, away from the audio thread. */
final class EventDispatcher {

    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private final PlayoutListener listener;
    private final PlayoutHandle playback;
    /** Null when events are delivered at once on the audio thread (a playout on a simulated line). */
    private final @Nullable ExecutorService executor;
    private boolean ended;

    /** @param threadName the event thread's name; null delivers each event at once on the caller's thread */
    EventDispatcher(PlayoutListener listener, PlayoutHandle playback, @Nullable String threadName) {
        this.listener = listener;
        this.playback = playback;
        this.executor = threadName == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    void started(Instant at) {
        post(l -> l.started(at));
    }

    void itemStarted(int index, Instant at) {
        post(l -> l.itemStarted(index, at));
    }

    void itemEnded(int index, long frames, boolean complete) {
        post(l -> l.itemEnded(index, frames, complete));
    }

    void failed(PlayoutFailure failure) {
        LOG.log(failure.fatal() ? Level.ERROR : Level.WARNING,
                "Playout failure " + failure.kind() + " (item " + failure.itemIndex() + "): " + failure.detail(),
                failure.cause());
        post(l -> l.failed(failure));
        if (failure.fatal()) {
            end(PlayoutHandle.Outcome.FAILED);
        }
    }

    void finished() {
        post(PlayoutListener::finished);
        end(PlayoutHandle.Outcome.FINISHED);
    }

    void stopped() {
        post(PlayoutListener::stopped);
        end(PlayoutHandle.Outcome.STOPPED);
    }

    boolean hasEnded() {
        return ended;
    }

    private void end(PlayoutHandle.Outcome outcome) {
        ended = true;
        execute(() -> playback.complete(outcome));
        if (executor != null) {
            executor.shutdown();
        }
    }

    private void post(Consumer<PlayoutListener> event) {
        if (ended) {
            return;
        }
        execute(() -> {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                // A faulty listener must not take the broadcast down with it.
                LOG.log(Level.ERROR, "Playout listener failed", e);
            }
        });
    }

    private void execute(Runnable task) {
        if (executor == null) {
            task.run();
        } else {
            executor.execute(task);
        }
    }
}
