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

    /**
     * A test class whose context differs from the shared one (a bean replaced, another setting) is a
     * second station in the same JVM and must not share the shared one's folders: two engines on one
     * database would each chain the air log from their own last row. It registers these two in its
     * own {@code @DynamicPropertySource}; the folders here are only their defaults, because the base
     * class's registrations are applied after a subclass's and would otherwise win.
     */
    public static final String OWN_DATA_DIR = "loaxa.test.data-dir";
    public static final String OWN_AUDIO_DIR = "loaxa.test.audio-dir";

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
        registry.add("loaxa.station.data-dir", () -> "${" + OWN_DATA_DIR + ":" + ROOT.resolve("data") + "}");
        registry.add("loaxa.library.audio-dir", () -> "${" + OWN_AUDIO_DIR + ":" + ROOT.resolve("audio") + "}");
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
