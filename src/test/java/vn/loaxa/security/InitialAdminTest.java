package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.security.crypto.password.PasswordEncoder;

import vn.loaxa.LoaXaApplication;

/** Starts the real application on an empty data folder, as a station does on its first day. */
class InitialAdminTest {

    @TempDir
    Path dir;

    @Test
    void first_start_creates_an_admin_whose_generated_password_is_written_once_and_must_be_changed() throws Exception {
        // A second application in this JVM replaces Spring Security's static context holder (see StartingUpTest).
        var holder = org.springframework.security.core.context.SecurityContextHolder.getContextHolderStrategy();
        try {
            startTwice();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.setContextHolderStrategy(holder);
        }
    }

    private void startTwice() throws Exception {
        var first = start();
        try {
            var file = dir.resolve("data").resolve(InitialAdmin.PASSWORD_FILE);
            assertThat(file).exists();
            var lines = Files.readAllLines(file);
            assertThat(lines).first().isEqualTo("user: admin");
            var password = lines.get(1).substring("password: ".length());
            assertThat(password).hasSize(16);

            var users = first.getBean(UserService.class);
            var admin = users.find("admin").orElseThrow();
            assertThat(admin.roles()).containsExactly(Role.ADMIN);
            assertThat(admin.mustChangePassword()).isTrue();
            var hash = users.loadUserByUsername("admin").getPassword();
            assertThat(hash).startsWith("$2").doesNotContain(password);
            assertThat(first.getBean(PasswordEncoder.class).matches(password, hash)).isTrue();
            Files.delete(file);
        } finally {
            first.close();
        }
        // A second start with users present creates nothing and writes no new password.
        var second = start();
        try {
            assertThat(dir.resolve("data").resolve(InitialAdmin.PASSWORD_FILE)).doesNotExist();
            assertThat(second.getBean(UserService.class).findAll()).hasSize(1);
        } finally {
            second.close();
        }
    }

    private org.springframework.context.ConfigurableApplicationContext start() {
        var app = new SpringApplication(LoaXaApplication.class);
        return app.run(List.of("--server.port=0", "--loaxa.station.data-dir=" + dir.resolve("data"),
                "--loaxa.library.audio-dir=" + dir.resolve("audio"), "--LOAXA_ADMIN_PASSWORD=").toArray(String[]::new));
    }
}
