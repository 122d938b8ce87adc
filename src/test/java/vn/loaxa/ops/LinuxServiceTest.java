package vn.loaxa.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/linux: the systemd unit passes systemd's own check, has what an unattended station
 * needs, and matches what install.sh creates; install.sh, run against a temporary root, creates
 * that and keeps a technician's settings.
 */
@DisabledOnOs(OS.WINDOWS)
class LinuxServiceTest {

    static final Path DIR = Path.of("packaging", "linux");
    static final Path UNIT = DIR.resolve("loaxa.service");
    static final Path INSTALL = DIR.resolve("install.sh");

    record Result(int exit, String output) {
    }

    @Test
    void the_unit_passes_systemd_analyze_verify(@TempDir Path root) throws Exception {
        Path analyze = Stream.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (analyze == null) {
            String why = "systemd-analyze is not installed (Debian: apt-get install systemd)";
            assertThat(System.getenv("CI")).as("CI=true but " + why).isNotEqualToIgnoringCase("true");
            Assumptions.abort(why + ": the unit file is not verified by systemd");
        }
        // verify also checks that ExecStart's program exists: it is given one under a temporary root,
        // and only that prefix of the unit is changed.
        Path opt = root.resolve("opt/loaxa");
        Files.createDirectories(opt.resolve("bin"));
        Files.createSymbolicLink(opt.resolve("bin/java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        String unit = Files.readString(UNIT).replace("/opt/loaxa/", opt + "/");
        Path copy = Files.writeString(root.resolve("loaxa.service"), unit);
        Result result = run(List.of(analyze.toString(), "verify", "--man=no", copy.toString()), Map.of());
        // Only what it says about this unit: a host's own units may draw warnings of their own.
        assertThat(result.output().lines().filter(l -> l.contains("loaxa.service")).toList())
                .as("systemd-analyze verify says: " + result.output()).isEmpty();
        assertThat(result.exit()).as(result.output()).isZero();

        // And the check can fail: a misspelt directive is reported.
        Files.writeString(copy, unit.replace("Restart=always", "Restrat=always"));
        assertThat(run(List.of(analyze.toString(), "verify", "--man=no", copy.toString()), Map.of()).output())
                .contains("Restrat");
    }

    @Test
    void the_unit_restarts_stops_gracefully_logs_to_the_journal_and_is_hardened_without_losing_sound()
            throws IOException {
        Map<String, List<String>> service = unit().get("Service");
        assertThat(service.get("Restart")).containsExactly("always");
        assertThat(Integer.parseInt(service.get("RestartSec").getFirst())).isBetween(1, 60);
        assertThat(unit().get("Unit").get("StartLimitIntervalSec")).containsExactly("0");
        assertThat(service.get("User")).containsExactly("loaxa");
        assertThat(service.get("SupplementaryGroups").getFirst().split(" ")).contains("audio");
        // Spring Boot's graceful stop waits up to 30 s for requests; then the air log's last rows.
        assertThat(Integer.parseInt(service.get("TimeoutStopSec").getFirst())).isGreaterThanOrEqualTo(60);
        assertThat(service.get("SuccessExitStatus")).containsExactly("143");
        assertThat(service.get("StandardOutput")).containsExactly("journal");
        assertThat(service.get("LimitNOFILE")).hasSize(1);
        assertThat(service.get("NoNewPrivileges")).containsExactly("yes");
        assertThat(service.get("ProtectSystem")).containsExactly("strict");
        assertThat(service.get("PrivateTmp")).containsExactly("yes");
        // These would hide /dev/snd and serial relay boards, or stop the JIT.
        assertThat(service).doesNotContainKeys("PrivateDevices", "DevicePolicy", "MemoryDenyWriteExecute");
        assertThat(service.get("EnvironmentFile")).containsExactly("-/etc/loaxa/loaxa.env");
        // The jar and the AOT cache named relative to the program's folder, as the build made the cache.
        assertThat(service.get("WorkingDirectory")).containsExactly("/opt/loaxa");
        assertThat(service.get("ExecStart")).containsExactly(
                "/opt/loaxa/bin/java @/opt/loaxa/loaxa.jvmopts @/opt/loaxa/loaxa-aot.jvmopts $JAVA_OPTS -jar app/loaxa.jar");
    }

    @Test
    void every_folder_the_unit_uses_is_one_install_sh_creates_and_the_only_ones_it_may_write(@TempDir Path root)
            throws Exception {
        Map<String, List<String>> service = unit().get("Service");
        Map<String, String> environment = new LinkedHashMap<>();
        service.get("Environment").forEach(e -> environment.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
        List<String> writable = List.of(service.get("ReadWritePaths").getFirst().split(" "));

        Result dry = install(root, List.of("--dry-run", fakeJar(root).toString()));
        assertThat(dry.exit()).as(dry.output()).isZero();
        String created = dry.output();
        for (String key : List.of("LOAXA_STATION_DATA_DIR", "LOAXA_LIBRARY_AUDIO_DIR", "LOAXA_LOGGING_DIR")) {
            String folder = environment.get(key);
            assertThat(created).as(key).contains(" " + root + folder);
            assertThat(writable).as(key + " is writable under ProtectSystem=strict")
                    .anySatisfy(w -> assertThat(folder + "/").startsWith(w + "/"));
        }
        assertThat(created).contains(" " + root + "/var/lib/loaxa ", root + "/opt/loaxa/app/loaxa.jar",
                root + "/opt/loaxa/loaxa.jvmopts", root + "/opt/loaxa/bin/java",
                root + "/etc/systemd/system/loaxa.service", root + "/etc/loaxa/loaxa.env");
        for (String shipped : List.of("LOAXA_SCHEDULES_DIR", "LOAXA_SCHEDULES_AUDIO_DIR")) {
            assertThat(created).as(shipped).contains(root + environment.get(shipped));
        }
    }

    @Test
    void dry_run_against_a_temporary_root_says_what_it_would_do_and_changes_nothing(@TempDir Path root)
            throws Exception {
        Path jar = fakeJar(root);
        Path target = root.resolve("target-root");
        Result dry = install(target, List.of("--dry-run", jar.toString()));
        assertThat(dry.exit()).as(dry.output()).isZero();
        assertThat(dry.output()).contains("dry run: nothing is changed",
                "would run: install -d -m 0700 " + target + "/var/lib/loaxa/data " + target + "/var/lib/loaxa/backups",
                "would run: install -d -m 0750 " + target + "/var/lib/loaxa " + target + "/var/lib/loaxa/audio "
                        + target + "/var/log/loaxa",
                "would run: install -m 0644 " + jar + " " + target + "/opt/loaxa/app/loaxa.jar",
                "would run: install -m 0644 " + DIR.toAbsolutePath().normalize() + "/loaxa.service " + target
                        + "/etc/systemd/system/loaxa.service");
        // A temporary root is no system: no user, no systemctl.
        assertThat(dry.output()).doesNotContain("useradd", "systemctl daemon-reload");
        assertThat(target).doesNotExist();
    }

    @Test
    void on_the_system_it_would_create_the_audio_user_and_enable_the_service(@TempDir Path root) throws Exception {
        Result dry = run(List.of("bash", INSTALL.toString(), "--dry-run", fakeJar(root).toString()), Map.of());
        assertThat(dry.exit()).as(dry.output()).isZero();
        assertThat(dry.output()).containsAnyOf("would run: useradd --system --user-group --groups audio",
                "would run: usermod -a -G audio loaxa");
        assertThat(dry.output()).contains("would run: install -d -m 0700 -o loaxa -g loaxa /var/lib/loaxa/data",
                "would run: systemctl daemon-reload").containsAnyOf("would run: systemctl enable --now loaxa.service",
                "would run: systemctl restart loaxa.service");
    }

    @Test
    void installing_twice_into_a_temporary_root_replaces_the_program_and_keeps_the_settings(@TempDir Path root)
            throws Exception {
        Path target = root.resolve("station");
        Path jar = fakeJar(root);
        Result first = install(target, List.of(jar.toString()));
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("var/lib/loaxa/data"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("var/log/loaxa"))))
                .isEqualTo("rwxr-x---");
        assertThat(Files.readString(target.resolve("etc/systemd/system/loaxa.service"))).isEqualTo(Files.readString(UNIT));
        assertThat(Files.readString(target.resolve("opt/loaxa/loaxa.jvmopts")))
                .isEqualTo(Files.readString(Path.of("packaging", "loaxa.jvmopts")));
        assertThat(target.resolve("opt/loaxa/bin/java")).isExecutable();
        assertThat(target.resolve("opt/loaxa/schedules/gio-son.yaml")).isRegularFile();
        Path env = target.resolve("etc/loaxa/loaxa.env");
        Files.writeString(env, "JAVA_OPTS=-Xmx512m\n");

        Files.writeString(jar, "new release");
        Result second = install(target, List.of(jar.toString()));
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).contains("keeping " + env);
        assertThat(Files.readString(env)).isEqualTo("JAVA_OPTS=-Xmx512m\n");
        assertThat(Files.readString(target.resolve("opt/loaxa/app/loaxa.jar"))).isEqualTo("new release");
        // A plain jar comes without an AOT cache: the argument file the unit passes names none.
        assertThat(Files.readString(target.resolve("opt/loaxa/loaxa-aot.jvmopts"))).startsWith("#")
                .doesNotContain("-XX:AOTCache");
    }

    @Test
    void a_station_folder_is_installed_whole_with_its_file_times_and_its_aot_cache_on_jdk_25(@TempDir Path root)
            throws Exception {
        Path station = root.resolve("built/station");
        Files.createDirectories(station.resolve("app/lib"));
        Files.writeString(station.resolve("app/loaxa.jar"), "the application");
        Files.writeString(station.resolve("app/lib/spring.jar"), "a library");
        Files.writeString(station.resolve("app/loaxa.aot"), "a cache");
        Files.writeString(station.resolve("loaxa.jvmopts"), Files.readString(Path.of("packaging", "loaxa.jvmopts")));
        Files.writeString(station.resolve("loaxa-aot.jvmopts"), Files.readString(Path.of("packaging", "loaxa-aot.jvmopts")));
        var built = java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(station.resolve("app/lib/spring.jar"), built);

        Path target = root.resolve("installed");
        Result result = install(target, List.of(station.toString()));
        assertThat(result.exit()).as(result.output()).isZero();
        Path opt = target.resolve("opt/loaxa");
        assertThat(Files.readString(opt.resolve("app/loaxa.jar"))).isEqualTo("the application");
        assertThat(Files.getLastModifiedTime(opt.resolve("app/lib/spring.jar"))).as("a changed time voids the cache")
                .isEqualTo(built);
        assertThat(opt.resolve("app/loaxa.aot")).isRegularFile();
        if (Runtime.version().feature() >= 25) {
            assertThat(Files.readString(opt.resolve("loaxa-aot.jvmopts"))).contains("-XX:AOTCache=app/loaxa.aot");
        } else {
            assertThat(Files.readString(opt.resolve("loaxa-aot.jvmopts"))).doesNotContain("-XX:AOTCache");
        }
        // The JVM this test runs on accepts both argument files as the unit passes them, from the
        // unit's working folder, and runs on when the cache there is not one it can use.
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var check = new ProcessBuilder(java, "@" + opt.resolve("loaxa.jvmopts"), "@" + opt.resolve("loaxa-aot.jvmopts"),
                "-version").directory(opt.toFile()).redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(said).isZero();
    }

    @Test
    void it_refuses_clearly_when_not_root(@TempDir Path root) throws Exception {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            Path setpriv = Path.of("/usr/bin/setpriv");
            Assumptions.assumeTrue(Files.isExecutable(setpriv), "no setpriv to drop root for this check");
            command.addAll(List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        Path jar = fakeJar(root);
        command.addAll(List.of("bash", INSTALL.toAbsolutePath().toString(), jar.toString()));
        Result result = run(command, Map.of());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("must run as root").contains("sudo");
    }

    private static Path fakeJar(Path dir) throws IOException {
        return Files.writeString(dir.resolve("loaxa-test.jar"), "not really a jar");
    }

    private static Result install(Path root, List<String> args) throws Exception {
        var command = new ArrayList<>(List.of("bash", INSTALL.toString()));
        command.addAll(args);
        return run(command, Map.of("LOAXA_ROOT", root.toString()));
    }

    private static Result run(List<String> command, Map<String, String> environment) throws Exception {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        // install.sh looks for Java 21+ first through JAVA_HOME: this test's own.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    /** The unit file as section -> key -> values (a key may repeat, e.g. Environment). */
    private static Map<String, Map<String, List<String>>> unit() throws IOException {
        var sections = new LinkedHashMap<String, Map<String, List<String>>>();
        Map<String, List<String>> current = null;
        for (String raw : Files.readAllLines(UNIT)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            assertThat(eq).as(line).isPositive();
            assertThat(current).as("directive outside a section: " + line).isNotNull();
            current.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
        }
        return sections;
    }
}
