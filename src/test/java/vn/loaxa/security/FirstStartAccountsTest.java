package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.LoaXaApplication;
import vn.loaxa.base.OwnerOnly;
import vn.loaxa.testing.Api;

/**
 * A station's first day, as an integrator with only curl lives it: the generated admin password
 * opens nothing but its own change, the file holding it goes once it is changed, and the data
 * folder is readable by the station's account only, also on an installation from before that rule.
 */
class FirstStartAccountsTest {

    @TempDir
    Path home;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void the_generated_password_only_changes_itself_its_file_goes_and_the_data_is_owner_only() throws Exception {
        boolean posix = OwnerOnly.posix(home);
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(posix, "file modes need a POSIX file system");
        }
        assertThat(posix).as("CI runs on Linux: file modes must be checked").isTrue();
        // A second application in this JVM replaces Spring Security's static context holder (see StartingUpTest).
        var holder = SecurityContextHolder.getContextHolderStrategy();
        try {
            firstDay();
            olderInstallation();
        } finally {
            SecurityContextHolder.setContextHolderStrategy(holder);
        }
    }

    private void firstDay() throws Exception {
        var data = home.resolve("data");
        var file = data.resolve(InitialAdmin.PASSWORD_FILE);
        try (var station = start()) {
            assertOwnerOnly(data, home.resolve("audio"));
            assertThat(data.resolve("loaxa.db-wal")).as("WAL mode while running").exists();
            assertOwnerOnly(file, data.resolve("loaxa.db"), data.resolve("loaxa.db-wal"), data.resolve("loaxa.db-shm"),
                    data.resolve("airlog.journal"), data.resolve("station.lock"));

            var generated = Files.readAllLines(file).get(1).substring("password: ".length());
            var api = new Api(port(station));
            var refused = api.get("/api/status", "admin", generated);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(json.readValue(refused.body(), Map.class)).containsEntry("code", "PASSWORD_CHANGE_REQUIRED");
            assertThat(file).as("not before the change").exists();

            var changed = api.postJson("/api/account/password", "admin", generated,
                    "{\"currentPassword\": \"" + generated + "\", \"newPassword\": \"Gio-Son-quan-tri-2027\"}", null);
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
            assertThat(file).as("the generated password opens nothing any more").doesNotExist();
            assertThat(api.get("/api/status", "admin", generated).statusCode()).isEqualTo(401);
            assertThat(api.get("/api/status", "admin", "Gio-Son-quan-tri-2027").statusCode()).isEqualTo(200);
        }
    }

    /** The modes an older version left (umask 022, a group-writable audio folder): tightened at the next start. */
    private void olderInstallation() throws Exception {
        var data = home.resolve("data");
        var audio = home.resolve("audio");
        Files.writeString(data.resolve("backup-notes.txt"), "sao lưu ngày 01/03/2027");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(audio, PosixFilePermissions.fromString("rwxrwxr-x"));
        for (var f : List.of(data.resolve("loaxa.db"), data.resolve("airlog.journal"), data.resolve("backup-notes.txt"))) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (var station = start()) {
            assertOwnerOnly(data, audio);
            assertOwnerOnly(data.resolve("loaxa.db"), data.resolve("loaxa.db-wal"), data.resolve("loaxa.db-shm"),
                    data.resolve("airlog.journal"), data.resolve("backup-notes.txt"));
            assertThat(data.resolve(InitialAdmin.PASSWORD_FILE)).as("users exist: no new password file").doesNotExist();
            assertThat(new Api(port(station)).get("/api/status", "admin", "Gio-Son-quan-tri-2027").statusCode())
                    .isEqualTo(200);
        }
    }

    private static void assertOwnerOnly(Path... paths) throws Exception {
        for (var path : paths) {
            assertThat(path).exists();
            var expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                    .isEqualTo(expected);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplication(LoaXaApplication.class).run("--server.port=0",
                "--loaxa.station.data-dir=" + home.resolve("data"), "--loaxa.library.audio-dir=" + home.resolve("audio"),
                "--LOAXA_ADMIN_PASSWORD=", "--loaxa.playout.enabled=false", "--loaxa.schedules.load-on-first-start=false");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }
}
