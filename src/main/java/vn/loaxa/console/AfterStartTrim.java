package vn.loaxa.console;

import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.vaadin.flow.spring.VaadinServletContextInitializer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.support.AbstractBeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;

import vn.loaxa.playout.PlayoutEngine;
import vn.loaxa.playout.PlayoutScheduler;
import vn.loaxa.playout.StationOutput;

/**
 * Hands back, once the station is ready, the memory its start needed and an idle station does not
 * (decision 0037). Two things stay behind after a start: the class-file readers of Vaadin's route
 * scan (about 1,100 class files' metadata, a few MB, kept by its initializer for as long as the
 * station runs), and an old generation grown to start-up's peak, much of it softly held caches
 * nothing uses again. The readers are dropped; then one full collection drops the unused soft
 * entries and lets the old generation shrink to what is live (the options in
 * {@code loaxa.jvmopts} make both happen in that one collection). The collection stops the station
 * for up to about a hundred milliseconds, so it waits for a moment when nothing is on air or due
 * soon.
 */
@Component
class AfterStartTrim {

    private static final Logger log = LoggerFactory.getLogger(AfterStartTrim.class);

    /** Nothing may be due this soon after the collection: far more than its pause and the engine's lead. */
    static final Duration QUIET_AHEAD = Duration.ofSeconds(15);

    /** After the readiness: the first start's own work (the schedule file's samples) is done by then. */
    private static final Duration FIRST_TRY = Duration.ofSeconds(3);

    private static final Duration RETRY_EVERY = Duration.ofSeconds(30);

    /** About ten minutes: a station that is never quiet that long is left to the JVM. */
    private static final int TRIES = 20;

    private final GenericApplicationContext context;

    private final StationOutput player;

    private final PlayoutEngine engine;

    private final PlayoutScheduler scheduler;

    private final Clock clock;

    private final boolean enabled;

    /**
     * @param enabled off only in the test JVM (pom.xml): it holds several stations and all their
     *                tests, and a full collection of all that would pause the other stations' timing
     *                tests; the stations the tests start as processes hand back as the service does
     */
    AfterStartTrim(ApplicationContext context, StationOutput player, PlayoutEngine engine, PlayoutScheduler scheduler,
            Clock clock, @Value("${loaxa.station.trim-after-start:true}") boolean enabled) {
        // Spring Boot's servlet context is one; the cast fails loudly at start if that ever changes.
        this.context = (GenericApplicationContext) context;
        this.player = player;
        this.engine = engine;
        this.scheduler = scheduler;
        this.clock = clock;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (!enabled) {
            return;
        }
        // Not on the thread that announces readiness: the station answers as soon as it is ready.
        Thread.ofPlatform().daemon().name("loaxa-after-start-trim").start(this::run);
    }

    private void run() {
        try {
            Thread.sleep(FIRST_TRY);
            if (!context.isActive()) {
                return;
            }
            log.debug("Start-up memory: {} class-file reader caches emptied", dropClassReaders());
            for (int i = 0; i < TRIES; i++) {
                if (!context.isActive()) {
                    return;
                }
                if (quiet(clock.instant())) {
                    collect();
                    return;
                }
                Thread.sleep(RETRY_EVERY);
            }
            log.info("Start-up memory: the station was never quiet for {} in the ten minutes after its start;"
                    + " left to the JVM", QUIET_AHEAD);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The station stopping while this waited (a closed context answers no more questions),
            // or a library that changed how it keeps its readers: memory is all that is lost.
            log.info("Start-up memory not handed back: {}",
                    context.isActive() ? e.toString() : "the station is stopping");
        }
    }

    /**
     * Empties the caches of class-file readers the start filled and nothing reads again: Vaadin's
     * route scan (its initializer keeps its reader factory, and the factory's map outlives the
     * context's own cache, which the context empties when its refresh ends), Spring's import-aware
     * post-processor, and the context's current cache. Neither library offers a way to reach its
     * factory, so the fields are found by type; a version where none is found only holds the memory
     * again. Returns how many factories were emptied.
     */
    int dropClassReaders() {
        var holders = new ArrayList<Object>(context.getBeansOfType(VaadinServletContextInitializer.class).values());
        if (context.getAutowireCapableBeanFactory() instanceof AbstractBeanFactory factory) {
            holders.addAll(factory.getBeanPostProcessors());
        }
        int emptied = 0;
        for (var holder : holders) {
            for (var reader : readerFactories(holder)) {
                reader.clearCache();
                emptied++;
            }
        }
        context.getResourceCache(MetadataReader.class).clear();
        return emptied;
    }

    static List<CachingMetadataReaderFactory> readerFactories(Object holder) {
        var found = new ArrayList<CachingMetadataReaderFactory>();
        ReflectionUtils.doWithFields(holder.getClass(), field -> {
            ReflectionUtils.makeAccessible(field);
            if (field.get(holder) instanceof CachingMetadataReaderFactory factory) {
                found.add(factory);
            }
        }, field -> MetadataReaderFactory.class.isAssignableFrom(field.getType())
                && !Modifier.isStatic(field.getModifiers()));
        return found;
    }

    /** True when nothing plays and no trigger is due within {@link #QUIET_AHEAD}. */
    boolean quiet(Instant now) {
        try {
            return quiet(player.isBusy() || engine.onAir().isPresent(), scheduler.triggers().values(), now);
        } catch (Exception e) {
            return false;
        }
    }

    static boolean quiet(boolean playing, Collection<Instant> due, Instant now) {
        var soon = now.plus(QUIET_AHEAD);
        return !playing && due.stream().noneMatch(at -> at.isBefore(soon));
    }

    private void collect() {
        var runtime = Runtime.getRuntime();
        long before = runtime.totalMemory();
        long start = System.nanoTime();
        System.gc();
        log.info("Start-up memory handed back: heap {} MB -> {} MB ({} MB in use), {} ms", before >> 20,
                runtime.totalMemory() >> 20, (runtime.totalMemory() - runtime.freeMemory()) >> 20,
                (System.nanoTime() - start) / 1_000_000);
    }
}
