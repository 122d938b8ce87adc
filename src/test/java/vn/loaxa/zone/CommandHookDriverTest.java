package vn.loaxa.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.zone.SwitchResult.Ack;

@EnabledOnOs({OS.LINUX, OS.MAC})
class CommandHookDriverTest {

    private static final Instant NOW = Instant.parse("2026-03-02T06:59:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void arguments_arrive_verbatim_as_a_list_without_a_shell() throws IOException {
        var program = script("""
                printf '%s\\0' "$0" "$@" > "$(dirname "$0")/args"
                printf '%s' "$LOAXA_VILLAGES" > "$(dirname "$0")/villages"
                shift
                echo "switched $# villages"
                """);
        var zones = List.of(
                zone(1, "Thon 1", "thon-1"),
                zone(2, "Xom Bai; Giua", "x; rm -rf nothing-here"),
                zone(3, "Lang $(touch injected)", "$(touch injected) `touch injected2` \"q' * ? > out"),
                zone(4, "Ban\r\nDong Tam", " -n "));

        var results = driver(program).switchZones(zones, true);

        assertThat(readArgs()).containsExactly(program.toString(), "on", "thon-1", "x; rm -rf nothing-here",
                "$(touch injected) `touch injected2` \"q' * ? > out", " -n ");
        // One name a line: a line break inside a name would shift every name after it.
        assertThat(Files.readString(dir.resolve("villages")))
                .isEqualTo("Thon 1\nXom Bai; Giua\nLang $(touch injected)\nBan Dong Tam");
        assertThat(dir.resolve("injected")).doesNotExist();
        assertThat(dir.resolve("injected2")).doesNotExist();
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(Path.of("injected")).doesNotExist();
        assertThat(results).containsExactly(
                new SwitchResult(1, Ack.ACKNOWLEDGED, NOW, "switched 4 villages"),
                new SwitchResult(2, Ack.ACKNOWLEDGED, NOW, "switched 4 villages"),
                new SwitchResult(3, Ack.ACKNOWLEDGED, NOW, "switched 4 villages"),
                new SwitchResult(4, Ack.ACKNOWLEDGED, NOW, "switched 4 villages"));
    }

    @Test
    void vietnamese_names_and_codes_arrive_intact_on_a_utf_8_locale() throws IOException {
        // The JVM encodes arguments and environment in the locale's charset, so a service run under
        // the C locale would pass '?' instead: the service unit sets a UTF-8 locale.
        assumeThat(System.getProperty("sun.jnu.encoding")).isEqualToIgnoringCase("UTF-8");
        var program = script("""
                printf '%s\\0' "$@" > "$(dirname "$0")/args"
                printf '%s' "$LOAXA_VILLAGES" > "$(dirname "$0")/villages"
                echo "đã bật"
                """);

        var results = driver(program).switchZones(
                List.of(zone(1, "Thôn Đông Hòa", "đông-hòa"), zone(2, "Bản Đồng Tâm", "thon-2")), true);

        assertThat(readArgs()).containsExactly("on", "đông-hòa", "thon-2");
        assertThat(Files.readString(dir.resolve("villages"))).isEqualTo("Thôn Đông Hòa\nBản Đồng Tâm");
        assertThat(results).extracting(SwitchResult::detail).containsExactly("đã bật", "đã bật");
    }

    @Test
    void off_is_the_first_argument_when_switching_off() throws IOException {
        var program = script("printf '%s\\0' \"$@\" > \"$(dirname \"$0\")/args\"\n");

        var results = driver(program).switchZones(List.of(zone(7, "Thôn 7", "thon-7")), false);

        assertThat(readArgs()).containsExactly("off", "thon-7");
        assertThat(results).containsExactly(new SwitchResult(7, Ack.ACKNOWLEDGED, NOW, null));
    }

    @Test
    void a_non_zero_exit_fails_every_zone_with_the_last_error_line() throws IOException {
        var program = script("""
                echo "opening /dev/ttyUSB0"
                echo "warning: slow board" >&2
                echo "relay board does not answer" >&2
                exit 3
                """);

        var results = driver(program).switchZones(List.of(zone(1, "A", "a"), zone(2, "B", "b")), true);

        assertThat(results).containsExactly(
                SwitchResult.failed(1, NOW, "exit 3: relay board does not answer"),
                SwitchResult.failed(2, NOW, "exit 3: relay board does not answer"));
    }

    @Test
    void a_non_zero_exit_without_error_output_says_the_status_or_the_last_output_line() throws IOException {
        assertThat(driver(script("exit 5\n")).switchZones(List.of(zone(1, "A", "a")), true))
                .containsExactly(SwitchResult.failed(1, NOW, "exit 5"));
        assertThat(driver(script("echo 'board busy'\nexit 2\n")).switchZones(List.of(zone(1, "A", "a")), true))
                .containsExactly(SwitchResult.failed(1, NOW, "exit 2: board busy"));
    }

    @Test
    void per_village_lines_override_the_exit_status_for_the_villages_they_name() throws IOException {
        var zones = List.of(zone(1, "A", "thon-1"), zone(2, "B", "thon-2"), zone(3, "C", "thon-1 x"),
                zone(4, "D", "thon-4"));
        var program = script("""
                echo "thon-1 ok"
                echo "thon-2 fail relay 2 stuck"
                echo "thon-1 x fail no such relay"
                echo "all done"
                """);

        assertThat(driver(program).switchZones(zones, true)).containsExactly(
                new SwitchResult(1, Ack.ACKNOWLEDGED, NOW, "thon-1 ok"),
                SwitchResult.failed(2, NOW, "relay 2 stuck"),
                SwitchResult.failed(3, NOW, "no such relay"),
                new SwitchResult(4, Ack.ACKNOWLEDGED, NOW, "all done"));

        var failing = script("""
                echo "thon-4 ok"
                echo "board lost after the first relay" >&2
                exit 1
                """);
        assertThat(driver(failing).switchZones(zones, false)).containsExactly(
                SwitchResult.failed(1, NOW, "exit 1: board lost after the first relay"),
                SwitchResult.failed(2, NOW, "exit 1: board lost after the first relay"),
                SwitchResult.failed(3, NOW, "exit 1: board lost after the first relay"),
                new SwitchResult(4, Ack.ACKNOWLEDGED, NOW, "thon-4 ok"));
    }

    @Test
    void standard_input_is_closed() throws IOException {
        var program = script("""
                if read line; then echo "read $line"; else echo "stdin closed"; fi
                """);
        var started = System.nanoTime();

        var results = new CommandHookDriver(new CommandSettings(program.toString(), Duration.ofSeconds(20)), CLOCK)
                .switchZones(List.of(zone(1, "A", "a")), true);

        assertThat(results).containsExactly(new SwitchResult(1, Ack.ACKNOWLEDGED, NOW, "stdin closed"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_program_that_does_not_answer_is_killed_with_its_children() throws Exception {
        var program = script("""
                echo $$ > "$(dirname "$0")/pid"
                sleep 60 &
                echo $! > "$(dirname "$0")/child"
                echo "thon-1 ok"
                wait
                """);
        var driver = new CommandHookDriver(new CommandSettings(program.toString(), Duration.ofMillis(1_500)), CLOCK);
        var started = System.nanoTime();

        var results = driver.switchZones(List.of(zone(1, "A", "thon-1"), zone(2, "B", "thon-2")), true);

        var took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(results).containsExactly(
                new SwitchResult(1, Ack.ACKNOWLEDGED, NOW, "thon-1 ok"),
                SwitchResult.failed(2, NOW, "no answer within 1500 ms, stopped"));
        assertThat(took).isBetween(Duration.ofMillis(1_400), Duration.ofSeconds(5));
        var shell = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
        var child = Long.parseLong(Files.readString(dir.resolve("child")).strip());
        assertThat(gone(shell)).as("the program %d", shell).isTrue();
        assertThat(gone(child)).as("its child sleep %d", child).isTrue();
    }

    @Test
    void the_timeout_is_reported_in_seconds_when_whole() throws IOException {
        var program = script("sleep 60\n");

        var results = new CommandHookDriver(new CommandSettings(program.toString(), Duration.ofSeconds(1)), CLOCK)
                .switchZones(List.of(zone(1, "A", "a")), true);

        assertThat(results).containsExactly(SwitchResult.failed(1, NOW, "no answer within 1 s, stopped"));
    }

    @Test
    void huge_output_is_drained_but_only_its_tail_kept() throws IOException {
        // 64 MB on each stream: the program must not block on a full pipe, and the driver keeps 2 KB.
        var program = script("""
                head -c 67108864 /dev/zero | tr '\\0' 'o'
                echo
                head -c 67108864 /dev/zero | tr '\\0' 'e' >&2
                echo >&2
                echo "relay 4 jammed" >&2
                exit 4
                """);

        var results = new CommandHookDriver(new CommandSettings(program.toString(), Duration.ofSeconds(60)), CLOCK)
                .switchZones(List.of(zone(1, "A", "a")), true);

        assertThat(results).containsExactly(SwitchResult.failed(1, NOW, "exit 4: relay 4 jammed"));
    }

    @Test
    void output_capture_keeps_the_last_2_kb_and_quotes_a_long_last_line_shortened() {
        var capture = new CommandHookDriver.OutputCapture(List.of("thon-1"));
        var chunk = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        for (var i = 0; i < 1_000; i++) {
            capture.accept(chunk, 0, chunk.length);
        }
        var end = "\nthon-1 fail cáp đứt\nlast words\n".getBytes(StandardCharsets.UTF_8);
        capture.accept(end, 0, end.length);

        assertThat(capture.total()).isEqualTo(10_000_000L + end.length);
        assertThat(capture.tail()).hasSize(CommandHookDriver.OUTPUT_LIMIT);
        assertThat(new String(capture.tail(), StandardCharsets.UTF_8)).endsWith("xxx\nthon-1 fail cáp đứt\nlast words\n");
        assertThat(capture.lastLine()).isEqualTo("last words");
        assertThat(capture.reported).containsOnlyKeys("thon-1");
        assertThat(capture.reported.get("thon-1")).isEqualTo(new CommandHookDriver.Reported(false, "cáp đứt"));

        var longLine = new CommandHookDriver.OutputCapture(List.of());
        var bytes = ("y".repeat(1_000) + "z").getBytes(StandardCharsets.UTF_8);
        longLine.accept(bytes, 0, bytes.length);
        assertThat(longLine.lastLine()).hasSize(301).startsWith("…").endsWith("yz");
    }

    @Test
    void a_missing_or_unusable_program_fails_every_zone_with_the_reason() throws IOException {
        var zones = List.of(zone(1, "A", "a"), zone(2, "B", "b"));
        var missing = dir.resolve("no-such-program");
        var notExecutable = Files.writeString(dir.resolve("plain.sh"), "#!/bin/sh\nexit 0\n");

        assertThat(driver(missing).switchZones(zones, true)).containsExactly(
                SwitchResult.failed(1, NOW, "switching program not found: " + missing),
                SwitchResult.failed(2, NOW, "switching program not found: " + missing));
        assertThat(driver(notExecutable).switchZones(zones, true)).containsExactly(
                SwitchResult.failed(1, NOW, "the switching program is not executable: " + notExecutable),
                SwitchResult.failed(2, NOW, "the switching program is not executable: " + notExecutable));
        assertThat(driver(dir).switchZones(zones, true)).extracting(SwitchResult::detail)
                .containsOnly("the switching program is a directory: " + dir);
        assertThat(new CommandHookDriver(new CommandSettings("  ", Duration.ofSeconds(5)), CLOCK)
                .switchZones(zones, true)).extracting(SwitchResult::detail)
                .containsOnly("no switching program is set");
        assertThat(new CommandHookDriver(new CommandSettings("switch.sh", Duration.ofSeconds(5)), CLOCK)
                .switchZones(zones, true)).extracting(SwitchResult::detail)
                .containsOnly("the switching program must be given as an absolute path: switch.sh");
    }

    @Test
    void a_program_the_system_cannot_start_is_a_failure_not_an_exception() throws IOException {
        var noInterpreter = script("exit 0\n");
        Files.writeString(noInterpreter, "#!/no/such/interpreter\nexit 0\n");

        var results = driver(noInterpreter).switchZones(List.of(zone(1, "A", "a")), true);

        assertThat(results).hasSize(1);
        assertThat(results.getFirst().ack()).isEqualTo(Ack.FAILED);
        assertThat(results.getFirst().detail()).startsWith("could not start " + noInterpreter + ": ");
        var nulInCode = driver(script("exit 0\n")).switchZones(List.of(zone(1, "A", "a\0b")), true);
        assertThat(nulInCode.getFirst().ack()).isEqualTo(Ack.FAILED);
        assertThat(nulInCode.getFirst().detail()).startsWith("could not start ");
    }

    @Test
    void no_zones_run_nothing_and_a_closed_driver_runs_nothing_either() throws IOException {
        var program = script("touch \"$(dirname \"$0\")/ran\"\n");
        var driver = driver(program);

        assertThat(driver.kind()).isEqualTo(DriverKind.COMMAND);
        assertThat(driver.switchZones(List.of(), true)).isEmpty();
        driver.close();
        assertThat(driver.switchZones(List.of(zone(1, "A", "a")), true))
                .containsExactly(SwitchResult.failed(1, NOW, "the driver is closed"));
        assertThat(dir.resolve("ran")).doesNotExist();
        assertThatThrownBy(() -> new CommandHookDriver(new CommandSettings(program.toString(), Duration.ZERO), CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout must be positive");
    }

    private CommandHookDriver driver(Path program) {
        return new CommandHookDriver(new CommandSettings(program.toString(), Duration.ofSeconds(10)), CLOCK);
    }

    private Path script(String body) throws IOException {
        var path = dir.resolve("switch.sh");
        Files.writeString(path, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path;
    }

    private List<String> readArgs() throws IOException {
        var text = Files.readString(dir.resolve("args"), StandardCharsets.UTF_8);
        return Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1));
    }

    private static ZoneAddress zone(long id, String name, String code) {
        return new ZoneAddress(id, name, code, null, null, null, null);
    }

    /** Dead or a zombie: a killed child waits to be reaped by whichever init adopted it. */
    private static boolean gone(long pid) throws InterruptedException {
        for (var i = 0; i < 50; i++) {
            var handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive() || zombie(pid)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean zombie(long pid) {
        try {
            var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
