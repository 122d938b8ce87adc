package vn.loaxa.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The probe runs a real process: a stand-in {@code timedatectl} script that answers as the real one
 * does, one that hangs, and one that is not there.
 */
class ClockSyncProbeTest {

    @TempDir
    Path tmp;

    @Test
    void an_unsynchronised_clock_raises_the_alert_and_a_synchronised_one_clears_it() throws IOException {
        var alerts = new WatchAlerts(Clock.systemUTC());
        var answer = tmp.resolve("answer");
        var tool = script("timedatectl", "#!/bin/sh\n[ \"$*\" = \"show -p NTPSynchronized --value\" ] || exit 9\ncat '"
                + answer + "'\n");
        var probe = new ClockSyncProbe(alerts, properties(tool.toString(), Duration.ofSeconds(10)), false);

        Files.writeString(answer, "no\n");
        assertThat(probe.check().state()).isEqualTo(ClockSync.State.NOT_SYNCED);
        assertThat(alerts.current()).singleElement().satisfies(c -> {
            assertThat(c.code()).isEqualTo("CLOCK_NOT_SYNCED");
            assertThat(c.args()).containsExactly("timedatectl: NTPSynchronized=no");
        });

        Files.writeString(answer, "yes\n");
        assertThat(probe.check().state()).isEqualTo(ClockSync.State.SYNCED);
        assertThat(alerts.current()).isEmpty();
        assertThat(probe.last().state()).isEqualTo(ClockSync.State.SYNCED);
    }

    @Test
    void a_missing_tool_is_unknown_and_no_alarm() {
        var alerts = new WatchAlerts(Clock.systemUTC());
        var probe = new ClockSyncProbe(alerts, properties(tmp.resolve("no-such-tool").toString(),
                Duration.ofSeconds(5)), false);

        var sync = probe.check();

        assertThat(sync.state()).isEqualTo(ClockSync.State.UNKNOWN);
        assertThat(sync.note()).contains("no-such-tool could not be run");
        assertThat(alerts.current()).isEmpty();
    }

    @Test
    void a_tool_that_hangs_is_ended_after_the_timeout_and_is_unknown() throws IOException {
        var alerts = new WatchAlerts(Clock.systemUTC());
        var tool = script("slow", "#!/bin/sh\nexec sleep 30\n");
        var probe = new ClockSyncProbe(alerts, properties(tool.toString(), Duration.ofMillis(500)), false);

        long started = System.nanoTime();
        var sync = probe.check();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(sync.state()).isEqualTo(ClockSync.State.UNKNOWN);
        assertThat(sync.note()).contains("gave no answer");
        assertThat(alerts.current()).isEmpty();
    }

    @Test
    void on_windows_it_asks_w32tm_and_reads_the_local_cmos_clock_as_not_synchronised() throws IOException {
        var alerts = new WatchAlerts(Clock.systemUTC());
        var tool = script("w32tm", "#!/bin/sh\n[ \"$*\" = \"/query /status\" ] || exit 9\nprintf 'Leap Indicator: "
                + "3(not synchronized)\\r\\nStratum: 0 (unspecified)\\r\\nLast Successful Sync Time: unspecified\\r\\n"
                + "Source: Local CMOS Clock\\r\\n'\n");
        var probe = new ClockSyncProbe(alerts, properties("timedatectl-not-used", Duration.ofSeconds(10),
                tool.toString()), true);

        assertThat(probe.check().state()).isEqualTo(ClockSync.State.NOT_SYNCED);
        assertThat(alerts.current()).singleElement().satisfies(c ->
                assertThat(c.args().getFirst().toString()).contains("Local CMOS Clock"));
    }

    private Path script(String name, String text) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        var file = tmp.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    static WatchProperties properties(String timedatectl, Duration timeout) {
        return properties(timedatectl, timeout, "w32tm");
    }

    static WatchProperties properties(String timedatectl, Duration timeout, String w32tm) {
        return new WatchProperties(true, Duration.ofMinutes(5), DataSize.ofGigabytes(1), 5, Duration.ofMinutes(10),
                timeout, timedatectl, w32tm, Duration.ofDays(7), Duration.ofMinutes(10), DataSize.ofMegabytes(20),
                Duration.ofHours(1));
    }
}
