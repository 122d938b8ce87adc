package vn.loaxa.audio.output;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays an ordered list of items as one continuous stream on one open output line, starting at a
 * wall-clock instant.
 *
 * <p>The line is opened {@link PlayerConfig#lead()} ahead, written with silence and only then
 * started, and kept fed with silence until the frame that leaves the output at the start instant
 * (line position + {@link PlayerConfig#outputLatency()}); the first item's first sample goes
 * exactly there. Items follow each other with no added samples; the next item is opened and its
 * head decoded while the current one plays.
 */
public final class Player {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final PlayerConfig config;
    private final OutputPort port;
    private final PlayoutClock clock;

    /** On the station's sound devices and the system clock. */
    public Player(PlayerConfig config) {
        this(config, OutputPort.javaSound(), PlayoutClock.system());
    }

    public Player(PlayerConfig config, OutputPort port, PlayoutClock clock) {
        this.config = config;
        this.port = port;
        this.clock = clock;
    }

    public PlayerConfig config() {
        return config;
    }

    /**
     * Schedules a playout and returns at once. A start instant already past means "as soon as
     * possible"; the {@code started} event tells when it really was.
     *
     * @throws NoOutputDeviceException now, if there is no output device or none of the configured
     *                                 name (a device that disappears later is reported as a failure)
     */
    public PlayoutHandle play(List<PlayoutItem> items, Instant startAt, PlayoutListener listener)
            throws NoOutputDeviceException {
        port.require(config.deviceName());
        String name = "loaxa-playout-" + COUNTER.incrementAndGet();
        PlayerConfig config = items.stream().anyMatch(PlayoutItem::live) ? this.config.forLive() : this.config;
        PlayoutHandle playback = new PlayoutHandle(config.volume());
        if (clock instanceof PlayoutClock.Virtual virtual) {
            EventDispatcher inline = new EventDispatcher(listener, playback, null);
            virtual.start(new Playout(config, items, clock.toNanoTime(startAt), playback, inline, port, clock, false),
                    name);
            return playback;
        }
        EventDispatcher events = new EventDispatcher(listener, playback, name + "-events");
        Playout playout = new Playout(config, items, clock.toNanoTime(startAt), playback, events, port, clock, true);
        Thread thread = new Thread(playout, name);
        // Audio first: the decoding and writing thread must win over web requests and reports.
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.setDaemon(true);
        thread.start();
        return playback;
    }

    /**
     * Plays on the caller's thread and returns when the playout has ended: items are opened, events
     * delivered, at the moment the playout reaches them, and there is no stall watchdog. On a simulated
     * line and clock this makes a playout deterministic to the frame; the station never plays this way.
     *
     * @param beforeRun given the handle before the first step, so that a test can stop or change the
     *                  volume from a listener
     */
    PlayoutHandle playHere(List<PlayoutItem> items, Instant startAt, PlayoutListener listener,
            java.util.function.Consumer<PlayoutHandle> beforeRun) throws NoOutputDeviceException {
        port.require(config.deviceName());
        PlayoutHandle playback = new PlayoutHandle(config.volume());
        EventDispatcher events = new EventDispatcher(listener, playback, null);
        beforeRun.accept(playback);
        new Playout(config, items, clock.toNanoTime(startAt), playback, events, port, clock, false).run();
        return playback;
    }
}
