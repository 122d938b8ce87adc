package vn.loaxa.zone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches villages by running the operator's program, without a shell, as
 * {@code program on|off code1 code2 ...} with the villages' {@link ZoneAddress#code() codes} as
 * separate arguments, passed verbatim (nothing in a code is interpreted). The environment is the
 * station's, plus {@code LOAXA_VILLAGES}: the villages' names, one per line, in the order of the codes
 * (arguments and environment are encoded in the service's locale, so Vietnamese names need a UTF-8
 * locale). Standard input is closed at once.
 *
 * <p>Exit status 0 means every village was switched ({@code ACKNOWLEDGED}, with the program's last
 * output line as detail); any other status, or no exit within the timeout (the program and every
 * process it started are then killed), means none was ({@code FAILED}, with the exit status and the
 * last line of standard error). A program that knows better per village may print, on standard
 * output, one line per village:
 *
 * <pre>
 * thon-1 ok
 * thon-2 fail relay 2 does not answer
 * </pre>
 *
 * <p>A village named in such a line takes that result whatever the exit status; the others take the
 * exit status's. Only the last {@value #OUTPUT_LIMIT} bytes of each output stream are kept, so a
 * program that prints without end costs no memory.
 */
public final class CommandHookDriver implements ZoneDriver {

    private static final Logger log = LoggerFactory.getLogger(CommandHookDriver.class);

    static final int OUTPUT_LIMIT = 2_048;
    /** Longest line looked at for a per-village result; status lines are short. */
    private static final int STATUS_LINE_LIMIT = 512;
    /** Longest output line quoted in a result's detail. */
    private static final int DETAIL_LIMIT = 300;
    /** After the program ends, how long its output may take to drain (a background child may hold it open). */
    private static final Duration DRAIN = Duration.ofSeconds(1);

    private final CommandSettings settings;
    private final Clock clock;
    private volatile @Nullable Process running;
    private volatile boolean closed;

    public CommandHookDriver(CommandSettings settings, Clock clock) {
        if (settings.timeout().isNegative() || settings.timeout().isZero()) {
            throw new IllegalArgumentException("the switching program's timeout must be positive: "
                    + settings.timeout());
        }
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public DriverKind kind() {
        return DriverKind.COMMAND;
    }

    @Override
    public List<SwitchResult> switchZones(List<ZoneAddress> zones, boolean on) {
        if (zones.isEmpty()) {
            return List.of();
        }
        if (closed) {
            return allFailed(zones, "the driver is closed");
        }
        var problem = checkProgram(settings.program());
        if (problem != null) {
            return allFailed(zones, problem);
        }
        var command = new ArrayList<String>();
        command.add(settings.program());
        command.add(on ? "on" : "off");
        var villages = new StringBuilder();
        for (var zone : zones) {
            command.add(zone.code());
            if (!villages.isEmpty()) {
                villages.append('\n');
            }
            villages.append(zone.villageName().replaceAll("[\\r\\n]+", " "));
        }
        var builder = new ProcessBuilder(command);
        builder.environment().put("LOAXA_VILLAGES", villages.toString());

        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            return allFailed(zones, "could not start " + settings.program() + ": " + e.getMessage());
        }
        running = process;
        try {
            return await(process, zones);
        } finally {
            running = null;
        }
    }

    private List<SwitchResult> await(Process process, List<ZoneAddress> zones) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The program already closed its end: nothing to tell it anyway.
        }
        var codes = zones.stream().map(ZoneAddress::code).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        var stdout = new OutputCapture(codes);
        var stderr = new OutputCapture(List.of());
        var outReader = stdout.drain(process.getInputStream(), "command-hook-stdout");
        var errReader = stderr.drain(process.getErrorStream(), "command-hook-stderr");

        boolean exited;
        try {
            exited = process.waitFor(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            return results(zones, stdout, clock.instant(), null, "interrupted while waiting, stopped");
        }
        var at = clock.instant();
        if (!exited) {
            killTree(process);
        }
        join(outReader);
        join(errReader);
        if (!exited) {
            log.warn("switching program {} gave no answer within {}, killed", settings.program(), settings.timeout());
            return results(zones, stdout, at, null, "no answer within " + describe(settings.timeout()) + ", stopped");
        }
        var exit = process.exitValue();
        if (exit == 0) {
            var last = stdout.lastLine();
            return results(zones, stdout, at, last != null ? last : stderr.lastLine(), null);
        }
        var last = stderr.lastLine();
        if (last == null) {
            last = stdout.lastLine();
        }
        log.warn("switching program {} exited with {}: {}", settings.program(), exit, last);
        return results(zones, stdout, at, null, last == null ? "exit " + exit : "exit " + exit + ": " + last);
    }

    /** Per-village lines first, then the program's overall outcome: {@code failure} null means exit 0. */
    private static List<SwitchResult> results(List<ZoneAddress> zones, OutputCapture stdout, Instant at,
                                              @Nullable String detail, @Nullable String failure) {
        var results = new ArrayList<SwitchResult>(zones.size());
        for (var zone : zones) {
            var reported = stdout.reported.get(zone.code());
            if (reported != null) {
                results.add(reported.ok()
                        ? new SwitchResult(zone.villageId(), SwitchResult.Ack.ACKNOWLEDGED, at, reported.detail())
                        : SwitchResult.failed(zone.villageId(), at, reported.detail()));
            } else if (failure == null) {
                results.add(new SwitchResult(zone.villageId(), SwitchResult.Ack.ACKNOWLEDGED, at, detail));
            } else {
                results.add(SwitchResult.failed(zone.villageId(), at, failure));
            }
        }
        return results;
    }

    private List<SwitchResult> allFailed(List<ZoneAddress> zones, String reason) {
        var at = clock.instant();
        return zones.stream().map(z -> SwitchResult.failed(z.villageId(), at, reason)).toList();
    }

    /** Why the program cannot be run, or null when it looks runnable. */
    private static @Nullable String checkProgram(String program) {
        if (program.isBlank()) {
            return "no switching program is set";
        }
        Path path;
        try {
            path = Path.of(program);
        } catch (InvalidPathException e) {
            return "the switching program's path is not valid: " + e.getMessage();
        }
        if (!path.isAbsolute()) {
            // A bare name would be looked up on the service's PATH, which the operator cannot see.
            return "the switching program must be given as an absolute path: " + program;
        }
        if (!Files.exists(path)) {
            return "switching program not found: " + program;
        }
        if (Files.isDirectory(path)) {
            return "the switching program is a directory: " + program;
        }
        if (!Files.isExecutable(path)) {
            return "the switching program is not executable: " + program;
        }
        return null;
    }

    /**
     * Kills the program and everything it started. The descendants are listed before the program
     * dies: afterwards they belong to init and can no longer be found from it.
     */
    private static void killTree(Process process) {
        var descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread reader) {
        try {
            reader.join(DRAIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1_000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Stops a program still running; the driver is not used again. */
    @Override
    public void close() {
        closed = true;
        var process = running;
        if (process != null) {
            killTree(process);
        }
    }

    /** A per-village line: {@code <code> ok} or {@code <code> fail <reason>}. */
    record Reported(boolean ok, String detail) {
    }

    /**
     * Reads one output stream to its end, keeping only its last {@link #OUTPUT_LIMIT} bytes and the
     * per-village lines for the given codes.
     */
    static final class OutputCapture {

        private final List<String> codes;
        final Map<String, Reported> reported = new ConcurrentHashMap<>();
        private final byte[] tail = new byte[OUTPUT_LIMIT];
        private long total;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean lineTooLong;

        /** {@code codes} longest first, so that a code that prefixes another cannot steal its lines. */
        OutputCapture(List<String> codes) {
            this.codes = codes;
        }

        Thread drain(InputStream in, String threadName) {
            var thread = new Thread(() -> {
                try (in) {
                    var buffer = new byte[8_192];
                    int n;
                    while ((n = in.read(buffer)) != -1) {
                        accept(buffer, 0, n);
                    }
                } catch (IOException e) {
                    // The pipe broke when the program was killed: what arrived is all there is.
                }
                synchronized (this) {
                    endLine();
                }
            }, threadName);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        synchronized void accept(byte[] bytes, int offset, int length) {
            for (var i = offset; i < offset + length; i++) {
                tail[(int) (total++ % OUTPUT_LIMIT)] = bytes[i];
                if (codes.isEmpty()) {
                    continue;
                }
                if (bytes[i] == '\n') {
                    endLine();
                } else if (line.size() < STATUS_LINE_LIMIT) {
                    line.write(bytes[i]);
                } else {
                    lineTooLong = true;
                }
            }
        }

        private void endLine() {
            if (!lineTooLong && line.size() > 0) {
                parse(line.toString(StandardCharsets.UTF_8).strip());
            }
            line.reset();
            lineTooLong = false;
        }

        private void parse(String text) {
            for (var code : codes) {
                if (text.length() > code.length() && text.startsWith(code) && text.charAt(code.length()) == ' ') {
                    var rest = text.substring(code.length() + 1).strip();
                    if (rest.equals("ok")) {
                        reported.put(code, new Reported(true, text));
                    } else if (rest.equals("fail")) {
                        reported.put(code, new Reported(false, "the program reported a failure"));
                    } else if (rest.startsWith("fail ")) {
                        reported.put(code, new Reported(false, quote(rest.substring(5).strip())));
                    }
                    return;
                }
            }
        }

        /** The bytes kept, oldest first. */
        synchronized byte[] tail() {
            var kept = (int) Math.min(total, OUTPUT_LIMIT);
            var out = new byte[kept];
            var start = (int) ((total - kept) % OUTPUT_LIMIT);
            for (var i = 0; i < kept; i++) {
                out[i] = tail[(start + i) % OUTPUT_LIMIT];
            }
            return out;
        }

        synchronized long total() {
            return total;
        }

        /** The last non-blank line kept, or null when there was none. */
        @Nullable String lastLine() {
            var lines = new String(tail(), StandardCharsets.UTF_8).split("\\R");
            for (var i = lines.length - 1; i >= 0; i--) {
                var text = lines[i].strip();
                if (!text.isEmpty()) {
                    return quote(text);
                }
            }
            return null;
        }

        private static String quote(String text) {
            return text.length() <= DETAIL_LIMIT ? text : "…" + text.substring(text.length() - DETAIL_LIMIT);
        }
    }
}
