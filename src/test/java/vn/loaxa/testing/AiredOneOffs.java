package vn.loaxa.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import vn.loaxa.airlog.AirLogRecords.Started;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.playout.PlayoutEngine;

/**
 * Waits until the one-offs a test ordered on the shared station have aired and ended, so the next
 * test finds the station idle. Only those broadcasts count: another test's rows (a known air log
 * with a broadcast that never ended, say) are not this test's to wait for. A broadcast still not
 * ended at the deadline fails the test instead of being left to play into the next one.
 */
public final class AiredOneOffs {

    private AiredOneOffs() {
    }

    public static void awaitEnded(AirLogService airLog, PlayoutEngine engine, Collection<String> keys, Duration limit)
            throws InterruptedException {
        if (keys.isEmpty()) {
            return;
        }
        var deadline = System.nanoTime() + limit.toNanos();
        while (!ended(airLog, engine, keys)) {
            if (System.nanoTime() > deadline) {
                assertThat(airLog.loggedKeys(keys)).as("one-offs this test ordered, logged within %s", limit)
                        .containsExactlyInAnyOrderElementsOf(Set.copyOf(keys));
                assertThat(open(airLog, keys)).as("one-offs this test ordered, ended within %s", limit).isEmpty();
                assertThat(engine.onAirKey()).as("on air %s after this test", limit).isEmpty();
            }
            Thread.sleep(100);
        }
    }

    private static boolean ended(AirLogService airLog, PlayoutEngine engine, Collection<String> keys) {
        return airLog.loggedKeys(keys).size() == Set.copyOf(keys).size() && open(airLog, keys).isEmpty()
                && engine.onAirKey().filter(keys::contains).isEmpty();
    }

    private static Set<String> open(AirLogService airLog, Collection<String> keys) {
        return airLog.unfinished().stream().map(Started::occurrenceKey).filter(keys::contains)
                .collect(Collectors.toSet());
    }
}
