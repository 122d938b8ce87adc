package vn.loaxa.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;
import vn.loaxa.LoaXaApplication;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.ScratchAirLog;
import vn.loaxa.base.WriteGate;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

/**
 * The whole path on the running station: a backup made while the engine's air log and a UI writer
 * keep writing, restored into a fresh folder, and a station started on it whose air log verifies and
 * matches the original row for row; the API and /api/status show it.
 */
class BackupStationTest extends SpringTest {

    @Autowired
    BackupService backups;
    @Autowired
    AirLogService airLog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WriteGate gate;
    @LocalServerPort
    int port;

    @Test
    void a_backup_beside_live_writers_restores_into_a_station_whose_air_log_matches_row_for_row() throws Exception {
        var planned = Instant.parse("2026-06-01T22:30:00Z");
        for (int i = 0; i < 50; i++) {
            ScratchAirLog.writeMorning(airLog, "BK" + i + "@2026-06-02", planned.plusSeconds(600L * i));
        }
        var stop = new AtomicBoolean();
        var logged = new AtomicInteger();
        var errors = new ArrayList<Throwable>();
        var engine = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    ScratchAirLog.writeMorning(airLog, "BKSOAK" + i + "@2026-06-03", planned.plusSeconds(60L * i));
                    logged.incrementAndGet();
                }
            } catch (Throwable t) {
                synchronized (errors) {
                    errors.add(t);
                }
            }
        });
        var ui = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    int n = i;
                    transactions.executeWithoutResult(tx -> jdbc.sql("INSERT OR REPLACE INTO station_setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)")
                            .params("backup.soak", Integer.toString(n), Instant.now().toString(), "operator").update());
                    Thread.sleep(3);
                }
            } catch (Throwable t) {
                synchronized (errors) {
                    errors.add(t);
                }
            }
        });
        Thread.sleep(200);
        gate.resetLongestHold();
        int before = logged.get();
        var run = backups.run("MANUAL", "admin");
        var longest = gate.longestHold().toMillis();
        int during = logged.get() - before;
        stop.set(true);
        engine.join(30_000);
        ui.join(30_000);
        assertThat(errors).isEmpty();
        System.out.printf("Backup on the station: database copy %d ms, %d broadcasts logged during the backup, longest write-lock hold by anyone %d ms%n",
                run.databaseCopyMs(), during, longest);
        assertThat(run.good()).as(String.valueOf(run.problem())).isTrue();
        assertThat(longest).isLessThan(2000);
        assertThat(backups.status().lastGoodAt()).isNotNull();
        assertThat(backups.status().overdue()).isFalse();

        var folder = backups.folder().resolve(run.name());
        var fresh = Files.createTempDirectory("loaxa-restored-");
        int code = RestoreCommand.restore(folder, fresh.resolve("data"), fresh.resolve("audio"), System.out, System.err);
        assertThat(code).isZero();

        var original = jdbc.sql("SELECT seq, row_hash FROM air_log WHERE seq <= ? ORDER BY seq").param(run.airLogRows())
                .query((rs, i) -> rs.getLong(1) + ":" + rs.getString(2)).list();
        var app = new SpringApplication(LoaXaApplication.class);
        try (var restored = app.run("--server.port=0", "--loaxa.station.data-dir=" + fresh.resolve("data"),
                "--loaxa.library.audio-dir=" + fresh.resolve("audio"), "--LOAXA_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                "--loaxa.playout.enabled=false", "--loaxa.schedules.load-on-first-start=false", "--loaxa.backup.enabled=false")) {
            var check = restored.getBean(AirLogService.class).verify();
            assertThat(check.intact()).isTrue();
            assertThat(check.checkedRows()).isEqualTo(run.airLogRows());
            var rows = restored.getBean(JdbcClient.class).sql("SELECT seq, row_hash FROM air_log ORDER BY seq")
                    .query((rs, i) -> rs.getLong(1) + ":" + rs.getString(2)).list();
            assertThat(rows).isEqualTo(original);
            assertThat(rows.size()).isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void a_restore_asked_for_in_the_ui_stops_the_station_and_is_done_at_the_next_start() throws Exception {
        var run = backups.run("MANUAL", "admin");
        assertThat(run.good()).as(String.valueOf(run.problem())).isTrue();
        var restarted = new java.util.concurrent.CountDownLatch(1);
        backups.onRestart(restarted::countDown);
        var request = ROOT.resolve("data").resolve(RestoreAtStart.REQUEST);
        try {
            RunAs.call("admin", "ADMIN", () -> {
                backups.requestRestore(run.name());
                return null;
            });
            assertThat(restarted.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the station stops for the restore").isTrue();
            assertThat(request).exists();
            assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'RESTORE_REQUESTED' AND target_name = ?")
                    .param(run.name()).query(Long.class).single()).isEqualTo(1);

            // The next start: here a station on a folder of its own, given the same request.
            var home = Files.createTempDirectory("loaxa-restart-");
            Files.createDirectories(home.resolve("data"));
            Files.copy(request, home.resolve("data").resolve(RestoreAtStart.REQUEST));
            Files.writeString(Files.createDirectories(home.resolve("audio")).resolve("today.mp3"), "today");
            try (var restored = new SpringApplication(LoaXaApplication.class).run("--server.port=0",
                    "--loaxa.station.data-dir=" + home.resolve("data"), "--loaxa.library.audio-dir=" + home.resolve("audio"),
                    "--LOAXA_ADMIN_PASSWORD=" + ADMIN_PASSWORD, "--loaxa.playout.enabled=false",
                    "--loaxa.schedules.load-on-first-start=false", "--loaxa.backup.enabled=false")) {
                var check = restored.getBean(AirLogService.class).verify();
                assertThat(check.intact()).isTrue();
                assertThat(check.checkedRows()).isEqualTo(run.airLogRows());
            }
            assertThat(home.resolve("data").resolve(RestoreAtStart.REQUEST)).doesNotExist();
            try (var siblings = Files.list(home)) {
                var aside = siblings.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("audio-before-restore-")).toList();
                assertThat(aside).hasSize(1);
                assertThat(home.resolve(aside.getFirst()).resolve("today.mp3")).hasContent("today");
            }
        } finally {
            Files.deleteIfExists(request);
        }
    }

    /** {@code java -jar loaxa.jar restore ...}: the same main, in a process of its own. */
    private static Process restoreCommand(String... args) throws Exception {
        var javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var command = new ArrayList<>(java.util.List.of(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", classpath,
                LoaXaApplication.class.getName(), "restore"));
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void the_restore_command_refuses_while_a_station_runs_on_the_folder_and_restores_into_a_stopped_one() throws Exception {
        var run = backups.run("MANUAL", "admin");
        var folder = backups.folder().resolve(run.name()).toString();

        // This test's station holds ROOT/data: the command, another process, must leave it alone.
        var refused = restoreCommand(folder, "--data-dir", ROOT.resolve("data").toString(), "--audio-dir", ROOT.resolve("audio").toString());
        var refusedText = new String(refused.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(refused.waitFor()).as(refusedText).isEqualTo(RestoreCommand.STATION_RUNNING);
        assertThat(refusedText).contains("đài đang chạy trên thư mục dữ liệu").contains("pid " + ProcessHandle.current().pid());
        assertThat(ROOT.resolve("data").resolve("loaxa.db")).exists();
        try (var siblings = Files.list(ROOT)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("before-restore") || n.contains("restoring"));
        }

        var home = Files.createTempDirectory("loaxa-cli-");
        var done = restoreCommand(folder, "--data-dir=" + home.resolve("data"), "--audio-dir=" + home.resolve("audio"));
        var doneText = new String(done.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(done.waitFor()).as(doneText).isZero();
        assertThat(doneText).contains("Đã khôi phục bản sao lưu " + run.name());
        assertThat(BackupStore.sha256(home.resolve("data").resolve("loaxa.db")))
                .isEqualTo(BackupStore.sha256(backups.folder().resolve(run.name()).resolve(Manifest.DATABASE)));

        var usage = restoreCommand();
        usage.getInputStream().readAllBytes();
        assertThat(usage.waitFor()).isEqualTo(RestoreCommand.USAGE);
    }

    @Test
    void a_restore_of_a_backup_that_no_longer_verifies_is_refused_and_nothing_is_asked() throws Exception {
        var run = backups.run("MANUAL", "admin");
        var folder = backups.folder().resolve(run.name());
        try (var db = new java.io.RandomAccessFile(folder.resolve(Manifest.DATABASE).toFile(), "rw")) {
            db.seek(db.length() / 2);
            db.write(0x5a ^ db.read());
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunAs.call("admin", "ADMIN", () -> {
                    backups.requestRestore(run.name());
                    return null;
                })).isInstanceOfSatisfying(BackupException.class,
                        e -> assertThat(e.code()).isEqualTo(BackupException.Code.VERIFY_FAILED));
        assertThat(ROOT.resolve("data").resolve(RestoreAtStart.REQUEST)).doesNotExist();
        BackupStore.deleteTree(folder);
    }

    @Test
    @SuppressWarnings("unchecked")
    void admins_list_and_start_backups_over_the_api_and_the_status_names_the_last_good_one() throws Exception {
        var api = new Api(port);
        var json = JsonMapper.builder().build();
        var before = ((java.util.List<?>) json.readValue(api.get("/api/backups", "admin", ADMIN_PASSWORD).body(), Map.class).get("runs")).size();
        var started = api.postJson("/api/backups", "admin", ADMIN_PASSWORD, "", "vi");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        Map<String, Object> list = Map.of();
        for (int i = 0; i < 300; i++) {
            list = json.readValue(api.get("/api/backups", "admin", ADMIN_PASSWORD).body(), Map.class);
            if (((java.util.List<?>) list.get("runs")).size() > before && !(Boolean) list.get("running")) {
                break;
            }
            Thread.sleep(100);
        }
        var runs = (java.util.List<Map<String, Object>>) list.get("runs");
        assertThat(runs).hasSizeGreaterThan(before);
        assertThat(runs.getFirst()).containsEntry("outcome", "GOOD").containsEntry("trigger", "MANUAL").containsEntry("actor", "admin");
        var stored = (java.util.List<Map<String, Object>>) list.get("backups");
        assertThat(stored).extracting(m -> m.get("name")).contains(runs.getFirst().get("name"));

        Map<String, Object> status = json.readValue(api.get("/api/status", "admin", ADMIN_PASSWORD).body(), Map.class);
        var backup = (Map<String, Object>) status.get("backup");
        assertThat(backup.get("lastGoodAt")).isNotNull();
        assertThat(backup).containsEntry("overdue", false);
        assertThat((java.util.List<Map<String, Object>>) status.get("alerts")).extracting(a -> a.get("code")).doesNotContain("BACKUP_OVERDUE");
        // The same answer for a monitor, in /actuator/health's backup component.
        Map<String, Object> health = json.readValue(api.get("/actuator/health", null, null).body(), Map.class);
        var backupHealth = (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("backup");
        assertThat(backupHealth).containsEntry("status", "UP");
        assertThat((Map<String, Object>) backupHealth.get("details")).containsEntry("lastGoodAt", backup.get("lastGoodAt"));
        // Written by the audit trail for the person who asked.
        var audited = jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'BACKUP_STARTED' AND actor = 'admin'").query(Long.class).single();
        assertThat(audited).isPositive();
        assertThat(Path.of((String) list.get("folder"))).isDirectory();
    }
}
