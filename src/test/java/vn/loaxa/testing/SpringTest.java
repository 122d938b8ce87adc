package vn.loaxa.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import vn.loaxa.security.UserAccount;
import vn.loaxa.security.UserService;

/**
 * Base of tests that start the application: one real SQLite file and audio folder in a temporary
 * directory per test JVM, shared by every test class so Spring's context cache can reuse the context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SpringTest {

    public static final Path ROOT;
    public static final String ADMIN_PASSWORD = "admin-test-password";

    /** Writes go through a write transaction: outside one the station's connections only read. */
    @Autowired
    protected TransactionTemplate transactions;

    static {
        try {
            ROOT = Files.createTempDirectory("loaxa-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The admin made from LOAXA_ADMIN_PASSWORD must change that password before the API serves it;
     * the tests keep using it, so it is set again as a password that need not change.
     */
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
    static void stationFolders(DynamicPropertyRegistry registry) {
        registry.add("loaxa.station.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("loaxa.library.audio-dir", () -> ROOT.resolve("audio").toString());
        registry.add("loaxa.library.max-file-size", () -> "2MB");
        registry.add("LOAXA_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        // Tests start from an empty schedule; the Gio Sơn first-start import has its own test.
        registry.add("loaxa.schedules.load-on-first-start", () -> "false");
        // The station's own periodic checks stay off: tests change audio files and disks on purpose, and
        // a weekly hash run landing in another test would turn the shared health DOWN. Watch tests call
        // each check themselves.
        registry.add("loaxa.watch.enabled", () -> "false");
    }
}
