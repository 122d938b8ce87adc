package vn.loaxa.watch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the checks on their own low-priority daemon threads once the station is ready: disk and
 * clock on one (each quick), the audio hashing on another (minutes, paced), so a long hash never
 * delays a disk warning. None of them runs on a Quartz or playout thread.
 */
@Component
class WatchSchedule {

    private static final Logger log = LoggerFactory.getLogger(WatchSchedule.class);

    private final WatchProperties properties;
    private final DiskWatch disk;
    private final ClockSyncProbe clock;
    private final AudioIntegrityWatch audio;
    private @Nullable ScheduledExecutorService quick;
    private @Nullable ScheduledExecutorService slow;

    WatchSchedule(WatchProperties properties, DiskWatch disk, ClockSyncProbe clock, AudioIntegrityWatch audio) {
        this.properties = properties;
        this.disk = disk;
        this.clock = clock;
        this.audio = audio;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (!properties.enabled() || quick != null) {
            return;
        }
        quick = Executors.newSingleThreadScheduledExecutor(threads("loaxa-watch"));
        slow = Executors.newSingleThreadScheduledExecutor(threads("loaxa-watch-audio"));
        every(quick, "disk", Duration.ZERO, properties.diskEvery(), disk::check);
        every(quick, "clock", Duration.ZERO, properties.clockEvery(), clock::check);
        every(slow, "audio", properties.audioFirstAfter(), properties.audioEvery(), () -> {
            try {
                audio.checkAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void every(ScheduledExecutorService executor, String name, Duration first, Duration every,
                              Runnable check) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                check.run();
            } catch (RuntimeException e) {
                // A check that fails once must not end the schedule: the next run may succeed.
                log.error("The {} check failed", name, e);
            }
        }, first.toMillis(), Math.max(1, every.toMillis()), TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory threads(String name) {
        return r -> {
            var t = new Thread(r, name);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        };
    }

    @PreDestroy
    synchronized void stop() {
        if (quick != null) {
            quick.shutdownNow();
        }
        if (slow != null) {
            slow.shutdownNow();
        }
    }
}
