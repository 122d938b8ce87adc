package vn.loaxa.audio.output;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;
import vn.loaxa.audio.output.LineWriter.LineBrokenException;
import vn.loaxa.audio.output.LineWriter.OutputLostException;
import vn.loaxa.audio.output.PlayerConfig.ItemFailurePolicy;
import vn.loaxa.audio.output.PlayoutFailure.Kind;

/**
 * One playout on its own thread: open the line ahead of time, prime it with silence, place the
 * first sample at the requested instant, then write all items back to back on the same line.
 *
 * <p>Events are queued as marks on the line's timeline (frame indices) and delivered when the
 * line's position passes them, so that "item started" means audible, not merely decoded.
 */
final class Playout implements Runnable {

    private static final long MILLI = 1_000_000L;
    /** Silence after the last sample, so that the sound server has passed it on before the close. */
    private static final long TAIL_GUARD_NANOS = 50 * MILLI;
    /** No write progress for this long while the line should be playing: the device is stuck. */
    private static final long STALL_NANOS = 3_000 * MILLI;
    /** While waiting for a decoder, keep at least this much queued so that the line never runs dry. */
    private static final long MIN_QUEUED_NANOS = 30 * MILLI;
    private static final long VOLUME_RAMP_NANOS = 20 * MILLI;

    private record Mark(long frame, Runnable event) {
    }

    private final PlayerConfig config;
    private final List<PlayoutItem> items;
    private final long startNanos;
    private final PlayoutHandle playback;
    private final EventDispatcher events;
    private final PcmFormat format;
    private final int chunkFrames;
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();
    private final OutputPort port;
    private final PlayoutClock time;
    /**
     * Whether decoding, events and the stall watchdog get threads of their own (production); false
     * runs everything on the playout's thread, so that on a simulated line and clock a playout is
     * one deterministic sequence of steps.
     */
    private final boolean ownThreads;
    private @Nullable LineWriter writer;
    private volatile @Nullable OutputLine line;
    private volatile boolean stalled;
    private volatile boolean running = true;
    /**
     * The item the line has started and not finished playing (set by the marks, on this thread), and
     * its first frame: what a lost output cuts, and how much of it was heard.
     */
    private int audibleItem = -1;
    private long audibleItemStart;

    Playout(PlayerConfig config, List<PlayoutItem> items, long startNanos, PlayoutHandle playback, EventDispatcher events,
            OutputPort port, PlayoutClock time, boolean ownThreads) {
        this.port = port;
        this.time = time;
        this.ownThreads = ownThreads;
        this.config = config;
        this.items = List.copyOf(items);
        this.startNanos = startNanos;
        this.playback = playback;
        this.events = events;
        this.format = config.lineFormat();
        // ~10 ms: fine enough to place the first sample and to react to stop and volume quickly.
        this.chunkFrames = Math.max(64, format.sampleRate() / 100);
    }

    @Override
    public void run() {
        ItemPrefetcher prefetcher = new ItemPrefetcher(items, format,
                ownThreads ? Thread.currentThread().getName() + "-decode" : null);
        Thread watchdog = null;
        try {
            if (items.isEmpty()) {
                events.finished();
                return;
            }
            // Opened now, not at the lead: opening checks the file's hash, which for an hour-long WAV
            // takes longer than the lead, and the first sample must not wait for it.
            prefetcher.request(0);
            if (!sleepUntil(startNanos - config.lead().toNanos())) {
                events.stopped();
                return;
            }
            OutputLine opened;
            try {
                opened = port.open(config.deviceName(), format, config.frames(config.lineBuffer()));
            } catch (NoOutputDeviceException e) {
                events.failed(new PlayoutFailure(Kind.DEVICE_UNAVAILABLE, -1, true, e.getMessage(), e));
                return;
            }
            line = opened;
            LineWriter out = new LineWriter(opened, time, format, chunkFrames);
            writer = out;
            watchdog = ownThreads ? startWatchdog(out) : null;

            // Write first, then start: a line started empty loses or cuts what is written next.
            out.writeSilence(Math.min(config.frames(config.lineBuffer()) / 2, 4L * chunkFrames));
            out.start();

            long first = placeFirstSample(out, prefetcher);
            if (first < 0) {
                finish(out, null, true);
                return;
            }
            mark(first, () -> events.started(instantOf(first)));
            PlayoutFailure fatal = playItems(out, prefetcher);
            finish(out, fatal, playback.stopRequested());
        } catch (OutputLostException e) {
            String detail = stalled ? "the output device stopped taking audio (nothing for " + STALL_NANOS / MILLI
                    + " ms)" : e.getMessage();
            fireMarksAlreadyPlayed();
            int cut = audibleItem;
            LineWriter out = writer;
            if (cut >= 0 && out != null) {
                // What the line had played of it when the device went, not the wall-clock time until the
                // loss was noticed (up to the stall limit of silence).
                events.itemEnded(cut, Math.max(0, out.lastPosition() - audibleItemStart), false);
            }
            events.failed(new PlayoutFailure(Kind.OUTPUT_LOST, cut, true, detail, e));
        } catch (LineBrokenException e) {
            fireMarksAlreadyPlayed();
            events.failed(new PlayoutFailure(Kind.LINE_BROKEN, -1, true, e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.stopped();
        } catch (RuntimeException e) {
            fireMarksAlreadyPlayed();
            events.failed(new PlayoutFailure(Kind.LINE_BROKEN, -1, true, "unexpected error: " + e, e));
        } finally {
            running = false;
            prefetcher.close();
            OutputLine l = line;
            if (l != null) {
                l.close();
            }
            if (watchdog != null) {
                watchdog.interrupt();
            }
            if (!events.hasEnded()) {
                // Defensive: every path above ends with a terminal event; a caller must never wait forever.
                events.failed(new PlayoutFailure(Kind.LINE_BROKEN, -1, true, "playout ended without an outcome", null));
            }
        }
    }

    /**
     * Feeds silence until the line reaches the frame that leaves the output at the start instant,
     * then returns that frame's index; -1 if stopped meanwhile. A start instant already past (or a
     * decoder not yet ready) gives the earliest frame possible.
     */
    private long placeFirstSample(LineWriter out, ItemPrefetcher prefetcher)
            throws LineBrokenException, InterruptedException {
        long wantNanos = startNanos - config.outputLatency().toNanos();
        while (true) {
            if (playback.stopRequested()) {
                return -1;
            }
            long target = out.clock().frameAt(wantNanos);
            long written = out.written();
            if (written >= target) {
                if (!waitFeedingSilence(out, () -> prefetcher.isReady(0))) {
                    return -1;
                }
                return out.written();
            }
            out.writeSilence(Math.min(target - written, chunkFrames));
        }
    }

    /** Writes every item; returns the failure that ended the playout, if one did. */
    private @Nullable PlayoutFailure playItems(LineWriter out, ItemPrefetcher prefetcher)
            throws LineBrokenException, InterruptedException {
        GainStage gain = new GainStage(config.volume());
        int fadeFrames = config.frames(config.fadeOut());
        int rampFrames = (int) (VOLUME_RAMP_NANOS * format.sampleRate() / 1_000_000_000L);
        short[] buffer = new short[chunkFrames * format.channels()];
        boolean fading = false;
        for (int index = 0; index < items.size(); index++) {
            int i = index;
            if (!waitFeedingSilence(out, () -> prefetcher.isReady(i))) {
                return null;
            }
            PcmStream stream;
            try {
                stream = prefetcher.take(i);
            } catch (IOException e) {
                PlayoutFailure failure = itemFailure(i, "could not be opened", e);
                if (failure.fatal()) {
                    return failure;
                }
                mark(out.written(), () -> events.failed(failure));
                continue;
            }
            prefetcher.request(i + 1);
            playback.writing(i);
            double itemGain = items.get(i).gain();
            if (!fading) {
                // A step, not a ramp: the item's first sample gets its own level, the last one's kept its own
                // (and an item after a skipped one starts at its level, joined to the fade's last sample).
                gain.rampTo(level(itemGain), 0);
            }
            long itemStart = out.written();
            mark(itemStart, () -> {
                audibleItem = i;
                audibleItemStart = itemStart;
                events.itemStarted(i, instantOf(itemStart));
            });
            boolean complete = true;
            boolean skipping = false;
            PlayoutFailure failure = null;
            try (stream) {
                while (true) {
                    if (playback.stopRequested() && !fading) {
                        fading = true;
                        gain.rampTo(0, fadeFrames);
                    }
                    if (!fading && !skipping && playback.skipRequested(i)) {
                        // A skip fades like a stop (a cut mid-word is a click on the loudspeakers), then the next item follows.
                        skipping = true;
                        gain.rampTo(0, fadeFrames);
                    }
                    if ((fading || skipping) && gain.isSilenced()) {
                        complete = false;
                        break;
                    }
                    if (!fading && !skipping && level(itemGain) != gain.target()) {
                        gain.rampTo(level(itemGain), rampFrames);
                    }
                    int n = stream.read(buffer, 0, chunkFrames);
                    if (n < 0) {
                        break;
                    }
                    gain.apply(buffer, 0, n, format.channels());
                    out.write(buffer, 0, n);
                    fireDueMarks(out);
                }
            } catch (LineBrokenException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                complete = false;
                failure = itemFailure(i, "failed while decoding", e);
            }
            playback.writing(-1);
            long frames = out.written() - itemStart;
            boolean completed = complete;
            mark(out.written(), () -> {
                audibleItem = -1;
                events.itemEnded(i, frames, completed);
            });
            if (failure != null) {
                if (failure.fatal()) {
                    return failure;
                }
                PlayoutFailure reported = failure;
                mark(out.written(), () -> events.failed(reported));
            }
            if (fading) {
                return null;
            }
        }
        return null;
    }

    /** The playout's volume times the item's own gain, within what the gain stage allows. */
    private double level(double itemGain) {
        return Math.min(GainStage.MAX_GAIN, playback.volume() * itemGain);
    }

    /**
     * Lets the audio already queued play out, closes the line, then reports the terminal event,
     * so that a listener told "finished" or "stopped" can rely on the device being free.
     */
    private void finish(LineWriter out, @Nullable PlayoutFailure fatal, boolean stoppedByCaller)
            throws LineBrokenException {
        long tailNanos = config.outputLatency().toNanos() + TAIL_GUARD_NANOS;
        out.writeSilence(tailNanos * format.sampleRate() / 1_000_000_000L);
        OutputLine l = line;
        if (l != null) {
            l.drain();
            out.observe();
        }
        fireAllMarks();
        if (l != null) {
            l.close();
        }
        if (fatal != null) {
            events.failed(fatal);
        } else if (stoppedByCaller) {
            events.stopped();
        } else {
            events.finished();
        }
    }

    private PlayoutFailure itemFailure(int index, String what, Exception e) {
        boolean fatal = config.onItemFailure() == ItemFailurePolicy.STOP;
        String detail = "item " + index + " (" + items.get(index).label() + ") " + what + ": " + e.getMessage();
        return new PlayoutFailure(Kind.ITEM_FAILED, index, fatal, detail, e);
    }

    /**
     * Waits for {@code ready}, writing silence only when the line is about to run dry: the line
     * keeps its timeline (no underrun), and no more silence is queued than the wait really costs.
     *
     * @return false if stopped meanwhile
     */
    private boolean waitFeedingSilence(LineWriter out, BooleanSupplier ready)
            throws LineBrokenException, InterruptedException {
        long minQueued = MIN_QUEUED_NANOS * format.sampleRate() / 1_000_000_000L;
        int step = Math.max(16, format.sampleRate() / 500);
        while (!ready.getAsBoolean()) {
            if (playback.stopRequested()) {
                return false;
            }
            if (out.written() - out.position() < minQueued) {
                out.writeSilence(step);
            } else {
                time.sleep(MILLI);
            }
            fireDueMarks(out);
        }
        return true;
    }

    private void mark(long frame, Runnable event) {
        marks.addLast(new Mark(frame, event));
    }

    private void fireDueMarks(LineWriter out) {
        fireMarksUpTo(out.position());
    }

    private void fireMarksUpTo(long position) {
        while (!marks.isEmpty() && marks.peekFirst().frame() <= position) {
            marks.removeFirst().event().run();
        }
    }

    /**
     * After a failure, reports only what the line had played: the broadcast log must never show an
     * item as started that was merely written into a buffer that was then lost. The position is the
     * last one read while the line was open (a line closed by the watchdog reads 0).
     */
    private void fireMarksAlreadyPlayed() {
        LineWriter out = writer;
        if (out != null) {
            fireMarksUpTo(out.lastPosition());
        }
        marks.clear();
    }

    private void fireAllMarks() {
        while (!marks.isEmpty()) {
            marks.removeFirst().event().run();
        }
    }

    private Instant instantOf(long frame) {
        LineWriter out = writer;
        long nanos = out != null && out.clock().hasObservations() ? out.clock().nanosAt(frame) : time.nanoTime();
        return time.toInstant(nanos + config.outputLatency().toNanos());
    }

    /** Sleeps until {@code nanoTime}, waking often enough to honour a stop; false if stopped. */
    private boolean sleepUntil(long nanoTime) throws InterruptedException {
        while (true) {
            if (playback.stopRequested()) {
                return false;
            }
            long left = nanoTime - time.nanoTime();
            if (left <= 0) {
                return true;
            }
            time.sleep(Math.max(1, Math.min(left / MILLI, 50)) * MILLI);
        }
    }

    /**
     * Closes the line if writes stop making progress: Java Sound's write blocks for ever on a
     * stuck device, and an unattended station must report that instead of hanging.
     */
    private Thread startWatchdog(LineWriter out) {
        Thread thread = new Thread(() -> {
            try {
                while (running) {
                    Thread.sleep(250);
                    if (running && time.nanoTime() - out.lastProgressNanos() > STALL_NANOS) {
                        stalled = true;
                        OutputLine l = line;
                        if (l != null) {
                            l.close();
                        }
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // Playout over.
            }
        }, Thread.currentThread().getName() + "-watchdog");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
