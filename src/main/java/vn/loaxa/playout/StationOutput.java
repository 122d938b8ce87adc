package vn.loaxa.playout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import vn.loaxa.audio.output.NoOutputDeviceException;
import vn.loaxa.audio.output.OutputPort;
import vn.loaxa.audio.output.PlayoutHandle;
import vn.loaxa.audio.output.Player;
import vn.loaxa.audio.output.PlayoutFailure;
import vn.loaxa.audio.output.PlayoutClock;
import vn.loaxa.audio.output.PlayoutItem;
import vn.loaxa.audio.output.PlayoutListener;
import vn.loaxa.audit.Audited;

/**
 * The station's single output. One broadcast at a time: the loudspeakers carry one programme, so a
 * second request while one plays is refused with {@link StationBusyException} and the caller (the
 * schedule, an emergency) decides what to do about the one on air.
 */
@Service
public class StationOutput {

    private static final Logger log = LoggerFactory.getLogger(StationOutput.class);
    /** How often a lost output is looked for again while nothing plays. */
    static final Duration CHECK_LOST_EVERY = Duration.ofSeconds(5);
    /** A line that works starts moving within a few of its 10 ms periods; a stalled one never does. */
    private static final Duration PLAYS_WITHIN = Duration.ofMillis(500);
    /** The longest a broadcast waits for that check (it takes milliseconds; a stuck sound server, for ever). */
    private static final Duration CHECK_WAIT = Duration.ofSeconds(1);

    private final AudioOutputProperties properties;
    private final PlayoutTiming timing;
    private final OutputPort port;
    private final PlayoutClock playoutClock;
    /** Read for every broadcast, so a device an admin picks in the settings applies without a restart. */
    private final Supplier<String> device;
    private final Clock clock;
    private final AtomicReference<@Nullable OnAir> onAir = new AtomicReference<>();
    /** Taken to reserve the output and by the check for a lost output, so that the two never overlap. */
    private final ReentrantLock output = new ReentrantLock();
    /** The output a broadcast lost, or could not open, and why; null while the output is known to work. */
    private final AtomicReference<@Nullable Lost> lost = new AtomicReference<>();
    private final ScheduledExecutorService outputCheck = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "loaxa-output-check");
        thread.setDaemon(true);
        return thread;
    });

    /** @param problem LOST (gone while playing) or UNAVAILABLE (would not open when a broadcast was due) */
    private record Lost(String problem, String detail) {
    }

    /** The broadcast holding the output; playback is null between reserving the output and starting. */
    private record OnAir(String title, @Nullable PlayoutHandle playback, @Nullable NowPlaying now) {
        OnAir with(NowPlaying n) {
            return new OnAir(title, playback, n);
        }
    }

    @Autowired
    StationOutput(AudioOutputProperties properties, PlayoutTiming timing, PlayoutSettings settings, Clock clock,
                  OutputPort port, PlayoutClock playoutClock) {
        this(properties, timing, settings::outputDevice, clock, port, playoutClock);
    }

    /** For a station without settings (tests): the configured device only, the default engine margins. */
    StationOutput(AudioOutputProperties properties, Clock clock) {
        this(properties, PlayoutTiming.of(EngineProperties.defaults(), properties,
                new vn.loaxa.schedule.PlayoutProperties(Duration.ofMinutes(10))), properties::device, clock,
                OutputPort.javaSound(), PlayoutClock.system());
    }

    private StationOutput(AudioOutputProperties properties, PlayoutTiming timing, Supplier<String> device, Clock clock,
                          OutputPort port, PlayoutClock playoutClock) {
        this.properties = properties;
        this.timing = timing;
        this.port = port;
        this.playoutClock = playoutClock;
        this.device = device;
        this.clock = clock;
        long every = CHECK_LOST_EVERY.toMillis();
        outputCheck.scheduleWithFixedDelay(this::checkLostOutput, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Checks the chosen device without opening a line, and says whether the last broadcast lost it:
     * Java Sound keeps listing a device that has gone (through PulseAudio the "default" device is
     * there whether or not the sound server has a sink), so only a broadcast, or the check of
     * {@link #checkLostOutput()}, finds out.
     */
    public DeviceStatus deviceStatus() {
        var chosen = device.get();
        var name = chosen.isBlank() ? "default" : chosen;
        try {
            port.require(chosen);
            var gone = lost.get();
            if (gone != null) {
                return new DeviceStatus(false, name, gone.problem(), gone.detail(), port.devices());
            }
            return new DeviceStatus(true, name, null, null, port.devices());
        } catch (NoOutputDeviceException e) {
            return new DeviceStatus(false, name, e.reason().name(), e.getMessage(), e.availableNames());
        }
    }

    /**
     * After a broadcast lost the output, tries every few seconds while nothing plays whether a line
     * opens on it again and plays (50 ms of silence, then closed: nothing heard), so that the alert
     * goes when the card is back rather than at the next broadcast. A missing device fails to open (measured
     * through PulseAudio without its sink: "line ... not supported"). Does nothing while the output
     * works, so a healthy station never opens a line it does not play on.
     */
    void checkLostOutput() {
        if (lost.get() == null || !output.tryLock()) {
            return;
        }
        try {
            if (onAir.get() != null) {
                return;
            }
            var config = properties.toPlayerConfig(device.get(), timing);
            var format = config.lineFormat();
            var line = port.open(config.deviceName(), format, format.sampleRate() / 10);
            try {
                // A line that opens may still not play: a suspended or stalled sink takes the line and
                // then no audio, and calling it back would fail the next broadcast after 3 s of
                // silence, then call it back again (measured with `pactl suspend-sink`). So the check
                // plays 50 ms of silence, well within the line's buffer (the write cannot block), and
                // wants the line's position to move.
                var silence = new byte[format.sampleRate() / 20 * format.bytesPerFrame()];
                line.write(silence, 0, silence.length);
                line.start();
                long deadline = System.nanoTime() + PLAYS_WITHIN.toNanos();
                while (line.framePosition() <= 0) {
                    if (System.nanoTime() > deadline) {
                        log.debug("The sound output opens but does not play yet");
                        return;
                    }
                    Thread.sleep(20);
                }
            } finally {
                line.close();
            }
            log.warn("The sound output \"{}\" opens and plays again: its alert ends", config.deviceName());
            lost.set(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NoOutputDeviceException | RuntimeException e) {
            log.debug("The sound output is still gone: {}", e.getMessage());
        } finally {
            output.unlock();
        }
    }

    @PreDestroy
    void close() {
        outputCheck.shutdownNow();
    }

    public Optional<NowPlaying> nowPlaying() {
        var current = onAir.get();
        return current == null ? Optional.empty() : Optional.ofNullable(current.now());
    }

    public boolean isBusy() {
        return onAir.get() != null;
    }

    /**
     * Starts a broadcast at {@code startAt} (or as soon as possible when that is past).
     *
     * @param listener told of every playout event, after this service has updated what is on air
     */
    public PlayoutHandle play(String title, List<ScheduledItem> items, Instant startAt, PlayoutListener listener)
            throws NoOutputDeviceException, StationBusyException {
        var reserved = new OnAir(title, null, null);
        boolean locked = false;
        try {
            locked = output.tryLock(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Without the lock (a check stuck opening a line on a frozen sound server) the broadcast
        // goes on all the same: it must not wait on a device that is broken anyway.
        try {
            if (!onAir.compareAndSet(null, reserved)) {
                var holder = onAir.get();
                throw new StationBusyException(holder == null ? "?" : holder.title());
            }
        } finally {
            if (locked) {
                output.unlock();
            }
        }
        try {
            // A Player only holds its config; a fresh one picks up the device chosen now.
            var player = new Player(properties.toPlayerConfig(device.get(), timing), port, playoutClock);
            var playback = player.play(items.stream().map(ScheduledItem::item).toList(), startAt,
                    new Tracking(title, items, listener));
            // Events may already have replaced the reservation (a very short item); keep theirs.
            onAir.updateAndGet(o -> o != null && o.playback() == null ? new OnAir(title, playback, o.now()) : o);
            return playback;
        } catch (NoOutputDeviceException | RuntimeException e) {
            onAir.compareAndSet(reserved, null);
            throw e;
        }
    }

    /** Fades out whatever is on air; returns once it has stopped (or after the timeout). */
    public boolean stopCurrent(Duration timeout) throws InterruptedException {
        var current = onAir.get();
        if (current == null || current.playback() == null) {
            return true;
        }
        current.playback().stop();
        return current.playback().await(timeout);
    }

    /** A 1 kHz tone for checking the amplifier and loudspeakers from the settings page. */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "TEST_TONE_PLAYED", target = "OUTPUT", details = "{'device': @playoutSettings.outputDevice()}")
    public PlayoutHandle playTestTone(String requestedBy) throws NoOutputDeviceException, StationBusyException {
        log.info("Test tone requested by {}", requestedBy);
        var format = properties.toPlayerConfig("", timing).lineFormat();
        var tone = new PlayoutItem("Test tone 1 kHz", () -> TestTone.open(format, Duration.ofSeconds(3)));
        return play("Test tone", List.of(new ScheduledItem(tone, 3_000)), clock.instant(), new PlayoutListener() { });
    }

    /** Keeps {@link #nowPlaying()} current, then hands each event on. */
    private final class Tracking implements PlayoutListener {
        private final String title;
        private final List<ScheduledItem> items;
        private final PlayoutListener next;
        private volatile Instant startedAt = Instant.EPOCH;

        Tracking(String title, List<ScheduledItem> items, PlayoutListener next) {
            this.title = title;
            this.items = items;
            this.next = next;
        }

        @Override
        public void started(Instant firstSampleOut) {
            startedAt = firstSampleOut;
            // Audio left the line: whatever was lost before is back.
            lost.set(null);
            next.started(firstSampleOut);
        }

        @Override
        public void itemStarted(int index, Instant firstSampleOut) {
            var item = items.get(index);
            var now = new NowPlaying(title, item.item().label(), index, items.size(), firstSampleOut, item.nominalMs(),
                    startedAt);
            onAir.updateAndGet(o -> o == null ? null : o.with(now));
            next.itemStarted(index, firstSampleOut);
        }

        @Override
        public void itemEnded(int index, long framesPlayed, boolean complete) {
            next.itemEnded(index, framesPlayed, complete);
        }

        @Override
        public void finished() {
            onAir.set(null);
            next.finished();
        }

        @Override
        public void stopped() {
            onAir.set(null);
            next.stopped();
        }

        @Override
        public void failed(PlayoutFailure failure) {
            var before = lost.get();
            if (failure.kind() == PlayoutFailure.Kind.OUTPUT_LOST) {
                lost.set(new Lost("LOST", failure.detail()));
            } else if (failure.kind() == PlayoutFailure.Kind.DEVICE_UNAVAILABLE
                    && (before == null || !before.problem().equals("LOST"))) {
                // A device lost during an earlier broadcast and still gone keeps that, the likelier cause.
                lost.set(new Lost("UNAVAILABLE", failure.detail()));
            }
            if (failure.fatal()) {
                onAir.set(null);
            }
            log.warn("Broadcast '{}': {} (item {}): {}", title, failure.kind(), failure.itemIndex(), failure.detail());
            next.failed(failure);
        }
    }
}
