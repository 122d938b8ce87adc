package vn.loaxa.watch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The conditions the station's own checks have found and not yet seen go away. A check raises a
 * condition under a key of its own each time it finds it (the first time starts it, later ones
 * renew its numbers and keep its start) and clears it when it finds it gone; a condition that is
 * an event rather than a state (a clock jump) carries when it stops being shown. The start and
 * the end are logged at WARN so the app log tells when the station was in trouble.
 */
@Component
public class WatchAlerts {

    private static final Logger log = LoggerFactory.getLogger(WatchAlerts.class);

    /**
     * @param key        what the condition is about (a code and a subject, e.g. a disk)
     * @param messageKey translation key; its arguments are {@code args}
     * @param until      when an event stops being shown; null for a state, cleared by its check
     */
    public record Condition(String key, String code, String messageKey, List<Object> args, Instant since,
                            @Nullable Instant until) {

        private static final java.time.format.DateTimeFormatter LOCAL =
                java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

        /** The message's arguments: {@code args}, then since when, as the station's local time. */
        public Object[] messageArgs(java.time.ZoneId zone) {
            var all = new ArrayList<Object>(args);
            all.add(LOCAL.format(since.atZone(zone)));
            return all.toArray();
        }
    }

    private final Map<String, Condition> active = new ConcurrentHashMap<>();
    private final Clock clock;

    public WatchAlerts(Clock clock) {
        this.clock = clock;
    }

    /** Starts the condition, or renews its numbers; {@code message} is for the app log (English). */
    public void raise(String key, String code, String messageKey, List<Object> args, String message) {
        raise(key, code, messageKey, args, message, null);
    }

    public void raise(String key, String code, String messageKey, List<Object> args, String message,
                      @Nullable Instant until) {
        var now = clock.instant();
        var started = new boolean[1];
        active.compute(key, (k, old) -> {
            started[0] = old == null || until != null;
            return new Condition(key, code, messageKey, List.copyOf(args), started[0] ? now : old.since(), until);
        });
        if (started[0]) {
            log.warn("Alert {} started: {}", code, message);
        }
    }

    /** Ends the condition if it was on. */
    public void clear(String key) {
        var gone = active.remove(key);
        if (gone != null) {
            log.warn("Alert {} ended ({} since {})", gone.code(), key, gone.since());
        }
    }

    /** Ends every condition whose key {@code matches} and is not in {@code stillOn}. */
    public void clearOthers(Predicate<String> matches, java.util.Set<String> stillOn) {
        for (var key : List.copyOf(active.keySet())) {
            if (matches.test(key) && !stillOn.contains(key)) {
                clear(key);
            }
        }
    }

    /** What is on now, oldest first; events past their time are ended here. */
    public List<Condition> current() {
        var now = clock.instant();
        var on = new ArrayList<Condition>();
        for (var c : List.copyOf(active.values())) {
            if (c.until() != null && !now.isBefore(c.until())) {
                if (active.remove(c.key(), c)) {
                    log.warn("Alert {} ended ({} since {}, shown until {})", c.code(), c.key(), c.since(), c.until());
                }
            } else {
                on.add(c);
            }
        }
        on.sort(Comparator.comparing(Condition::since).thenComparing(Condition::key));
        return on;
    }
}
