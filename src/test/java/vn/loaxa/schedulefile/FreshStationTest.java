package vn.loaxa.schedulefile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.loaxa.security.UserAccount;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.RunAs;

/**
 * Base of tests on a station that started on an empty data folder and loaded schedules/ (the Gio Sơn
 * files) by itself. One context for all of them; tests that change the schedule put it back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class FreshStationTest {

    static final Path ROOT;
    static final String ADMIN_PASSWORD = "gio-son-test";

    static {
        try {
            ROOT = Files.createTempDirectory("loaxa-gio-son-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first admin must change its password before the API serves it; these tests keep it (see SpringTest). */
    @BeforeEach
    void initialAdminPasswordKept(@Autowired UserService users) {
        if (users.find("admin").map(UserAccount::mustChangePassword).orElse(false)) {
            RunAs.run("admin", "ADMIN", () -> {
                users.changePassword("admin", ADMIN_PASSWORD);
                return null;
            });
        }
    }

    @DynamicPropertySource
    static void emptyStation(DynamicPropertyRegistry registry) {
        registry.add("loaxa.station.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("loaxa.library.audio-dir", () -> ROOT.resolve("audio").toString());
        registry.add("LOAXA_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("loaxa.schedules.load-on-first-start", () -> "true");
    }
}
