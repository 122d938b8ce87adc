package vn.loaxa.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.OwnerOnly;
import vn.loaxa.base.Texts;
import vn.loaxa.base.StationProperties;

/**
 * A fresh station has nobody who could log in. On the first start with no users this creates
 * {@value #USERNAME}, with the password from {@code LOAXA_ADMIN_PASSWORD} or a generated one
 * written once to a file in the data folder (readable by the station's account only), and marks it
 * to be changed at first login; the file is deleted when that password changes.
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
            try {
                // Creating users is an admin's change; with nobody to log in yet, the station makes it itself.
                SystemIdentity.call(CurrentUser.SYSTEM,
                        () -> users.create(USERNAME, "Quản trị viên", fromEnvironment, EnumSet.of(Role.ADMIN), true));
            } catch (InvalidInputException weak) {
                // Until it is changed, this password guards the whole station: a guessable one is no start.
                throw new IllegalStateException("LOAXA_ADMIN_PASSWORD is refused (" + weak.code() + ": "
                        + Texts.get(Texts.ENGLISH, weak.messageKey(), weak.args()) + "); choose another one", weak);
            }
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
        log.warn("Created the '{}' account. Its password is in {} - log in and change it; the file is then deleted.",
                USERNAME, file.toAbsolutePath());
    }

    /**
     * Once the admin's password has changed (by the admin, or reset by another admin), the file's
     * password opens nothing: it goes, so no copy of a password lies in the data folder.
     */
    @EventListener
    void passwordChanged(UserService.PasswordChanged changed) {
        if (!USERNAME.equals(changed.username())) {
            return;
        }
        var file = station.dataDir().resolve(PASSWORD_FILE);
        try {
            if (Files.deleteIfExists(file)) {
                log.info("The '{}' password has changed: deleted {}", USERNAME, file.toAbsolutePath());
            }
        } catch (IOException e) {
            log.warn("The '{}' password has changed but {} could not be deleted ({}); delete it by hand",
                    USERNAME, file.toAbsolutePath(), e.getMessage());
        }
    }

    private static String generate(int length) {
        var random = new SecureRandom();
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Created owner-only (0600 on POSIX), so the password is never readable by others, not even for a moment. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try (var channel = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OwnerOnly.fileAttributes(file))) {
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        }
        OwnerOnly.restrictFile(file);
    }
}
