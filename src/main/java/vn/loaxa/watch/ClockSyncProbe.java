package vn.loaxa.watch;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the operating system whether its clock is synchronised: {@code timedatectl} on Linux,
 * {@code w32tm} on Windows, as a separate process with a time limit, on the watch's own thread
 * (never the engine's). A broadcast is only as punctual as the clock it is timed by.
 */
@Component
public class ClockSyncProbe {

    private static final Logger log = LoggerFactory.getLogger(ClockSyncProbe.class);
    static final String KEY = "CLOCK_NOT_SYNCED";

    private final WatchAlerts alerts;
    private final WatchProperties properties;
    private final boolean windows;
    private volatile ClockSync last = new ClockSync(ClockSync.State.UNKNOWN, "not checked yet");

    @org.springframework.beans.factory.annotation.Autowired
    ClockSyncProbe(WatchAlerts alerts, WatchProperties properties) {
        this(alerts, properties, System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
    }

    ClockSyncProbe(WatchAlerts alerts, WatchProperties properties, boolean windows) {
        this.alerts = alerts;
        this.properties = properties;
        this.windows = windows;
    }

    /** The last answer (UNKNOWN before the first check). */
    public ClockSync last() {
        return last;
    }

    /** Asks now, raises or clears the alert, and returns the answer. */
    public ClockSync check() {
        var answer = windows
                ? run(List.of(properties.w32tm(), "/query", "/status"), ClockSync::fromW32tm)
                : run(List.of(properties.timedatectl(), "show", "-p", "NTPSynchronized", "--value"),
                ClockSync::fromTimedatectl);
        if (answer.state() == ClockSync.State.NOT_SYNCED) {
            alerts.raise(KEY, KEY, "watch.alert.clockNotSynced", List.of(answer.note()),
                    "the operating system's clock is not synchronised (" + answer.note() + ")");
        } else {
            alerts.clear(KEY);
        }
        if (answer.state() == ClockSync.State.UNKNOWN && last.state() != ClockSync.State.UNKNOWN) {
            log.info("The clock's synchronisation cannot be read: {}", answer.note());
        }
        last = answer;
        return answer;
    }

    private interface Parser {
        ClockSync parse(int exitCode, String output);
    }

    private ClockSync run(List<String> command, Parser parser) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return ClockSync.missingTool(command.getFirst(), e.getMessage());
        }
        try {
            process.getOutputStream().close();
            // The tool's whole answer is a few lines; reading it on this thread after it ends could
            // deadlock on a full pipe, so it is read while waiting, bounded in size.
            var read = new java.util.concurrent.atomic.AtomicReference<byte[]>(new byte[0]);
            var reader = Thread.ofVirtual().start(() -> {
                try (var in = process.getInputStream()) {
                    read.set(in.readNBytes(64 * 1024));
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // the process was ended: what was read is all there is
                }
            });
            if (!process.waitFor(properties.clockTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new ClockSync(ClockSync.State.UNKNOWN, command.getFirst() + " gave no answer within "
                        + properties.clockTimeout().toSeconds() + " s");
            }
            reader.join(1000);
            var charset = windows ? Charset.forName(System.getProperty("native.encoding", "UTF-8"),
                    java.nio.charset.StandardCharsets.UTF_8) : java.nio.charset.StandardCharsets.UTF_8;
            var text = new String(read.get(), charset);
            return parser.parse(process.exitValue(), text);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new ClockSync(ClockSync.State.UNKNOWN, "interrupted");
        } catch (IOException e) {
            return ClockSync.missingTool(command.getFirst(), e.getMessage());
        }
    }
}
