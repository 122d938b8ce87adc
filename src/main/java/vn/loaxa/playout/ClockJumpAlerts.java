package vn.loaxa.playout;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import vn.loaxa.watch.WatchAlerts;
import vn.loaxa.watch.WatchProperties;

/**
 * Turns a jump that {@link ClockWatch} saw into an alert with its size and when it happened, shown
 * for {@code loaxa.watch.clock-jump-shown-for}: a jump is an event, not a state that could clear,
 * and the operator should still see it after the broadcasts it moved.
 */
@Component
class ClockJumpAlerts {

    static final String CODE = "CLOCK_JUMPED";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    ClockJumpAlerts(ClockWatch watch, WatchAlerts alerts, WatchProperties properties, Clock clock) {
        watch.onJump(jump -> {
            var seconds = String.format(Locale.ROOT, "%+.1f", jump.size().toMillis() / 1000.0);
            var before = LOCAL.format(jump.before().atZone(clock.getZone()));
            var after = LOCAL.format(jump.after().atZone(clock.getZone()));
            alerts.raise(CODE, CODE, "watch.alert.clockJumped", List.of(seconds, before, after),
                    "the wall clock jumped " + seconds + " s between " + jump.before() + " and " + jump.after(),
                    clock.instant().plus(properties.clockJumpShownFor()));
        });
    }
}
