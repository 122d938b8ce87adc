package vn.loaxa.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import vn.loaxa.station.StationProperties;

/**
 * A fresh station has nobody who could log in. On the first start with no users this creates
 * {@value #USERNAME}, with the password from {@code LOAXA_ADMIN_PASSWORD} or a generated one
 * written once to a file in the data folder, and marks it to be changed at first login.
 */
@Component
@Order(0)
class InitialAdmin implements ApplicationRunner {

    static final String USERNAME = "admin";
    static final String PASSWORD_FILE = "initial-admin-password.txt";
    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
    // No look-alike characters: the password is read off a file and typed by hand.
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserService users;
    private final StationProperties station;
    private final Environment environment;

    InitialAdmin(UserService users, StationProperties station, Environment environment) {
        this.users = users;
        this.station = station;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (users.hasUsers()) {
            return;
        }
        var fromEnvironment = environment.getProperty("LOAXA_ADMIN_PASSWORD", "");
        if (!fromEnvironment.isBlank()) {
            // Creating users is an admin's change; with nobody to log in yet, the station makes it itself.
            SystemIdentity.call(CurrentUser.SYSTEM,
                    () -> users.create(USERNAME, "Quản trị viên", fromEnvironment, EnumSet.of(Role.ADMIN), true));
            log.info("Created the '{}' account with the password from LOAXA_ADMIN_PASSWORD", USERNAME);
            return;
        }
        var password = generate(16);
        var file = station.dataDir().resolve(PASSWORD_FILE);
        // The file is written before the account exists: if the disk is full we fail with no account
        // rather than with an account whose password nobody can read.
        writeOwnerOnly(file, "user: " + USERNAME + System.lineSeparator() + "password: " + password
                + System.lineSeparator());
        try {
            SystemIdentity.call(CurrentUser.SYSTEM,
                    () -> users.create(USERNAME, "Quản trị viên", password, EnumSet.of(Role.ADMIN), true));
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        log.warn("Created the '{}' account. Its password is in {} - log in, change it, then delete that file.",
                USERNAME, file.toAbsolutePath());
    }

    private static String generate(int length) {
        var random = new SecureRandom();
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException windows) {
            // NTFS has no POSIX modes; the data folder's own ACL protects the file there.
        }
    }
}
