package vn.loaxa.audio.output;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Handle on a running playout: stop it, change its volume, wait for its end. */
public final class PlayoutHandle {

    public enum Outcome {
        FINISHED,
        STOPPED,
        FAILED
    }

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile @Nullable Outcome outcome;
    private volatile boolean stopRequested;
    private volatile double volume;
    /** The item the playout is writing now, -1 between items: only that one can still be skipped. */
    private volatile int writingItem = -1;
    private volatile int skipItem = -1;

    PlayoutHandle(double volume) {
        this.volume = volume;
    }

    /**
     * Fades out (or, before the first sample, simply cancels) and releases the line. Returns at
     * once; use {@link #await(Duration)} to wait for the {@code stopped} event.
     */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Fades item {@code index} out (with the stop's fade) and goes on with the next item, joined as
     * items always are; after the last item the playout finishes. Returns at once; false when that
     * item is no longer being written (it already ended, or is ending with the audio queued in the
     * line) or the playout is stopping, so the caller learns that nothing will be cut.
     */
    public boolean skip(int index) {
        if (stopRequested || isDone() || index < 0 || writingItem != index) {
            return false;
        }
        skipItem = index;
        return true;
    }

    /** New gain, reached through a short ramp; heard after the audio already queued in the line. */
    public void setVolume(double gain) {
        if (!(gain >= 0 && gain <= GainStage.MAX_GAIN)) {
            throw new IllegalArgumentException("volume must be within 0.." + GainStage.MAX_GAIN + ": " + gain);
        }
        volume = gain;
    }

    /** Waits for the terminal event to have been delivered; false on timeout. */
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    boolean stopRequested() {
        return stopRequested;
    }

    boolean skipRequested(int index) {
        return skipItem == index;
    }

    void writing(int index) {
        writingItem = index;
    }

    double volume() {
        return volume;
    }

    void complete(Outcome result) {
        outcome = result;
        done.countDown();
    }
}
