package vn.loaxa.securitysuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContextManager;

import vn.loaxa.library.LibraryService;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TestAssets;

/**
 * The station the security suite attacks: a real one over real HTTP, on a scratch data folder of its
 * own (never the folder the other tests share, since the suite changes settings and stores whatever
 * the fuzzer gets accepted), with the playout engine off and a sound output that does not exist, so
 * no request of the suite can put anything on air. One account per role; the suite's JUnit classes
 * extend this class and the jqwik properties reach the same cached context through {@link #context()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SuiteStation {

    static final Path ROOT;

    static {
        try {
            ROOT = Files.createTempDirectory("loaxa-security-suite-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The accounts of the suite, one per role; long, uncommon passwords and no forced change. */
    static final Map<Role, Caller> USERS;

    static {
        var users = new LinkedHashMap<Role, Caller>();
        for (var role : Role.values()) {
            users.put(role, new Caller("suite-" + role.name().toLowerCase(java.util.Locale.ROOT),
                    "Suite-" + role.name() + "-pass-7Kq2pLm9!"));
        }
        USERS = Map.copyOf(users);
    }

    /** Who sends a request: {@link #ANONYMOUS} sends no credentials. */
    /** A caller by password (HTTP Basic), or by an API token ({@code bearer}), or nobody. */
    public record Caller(@Nullable String user, @Nullable String password, @Nullable String bearer) {
        static final Caller ANONYMOUS = new Caller(null, null, null);

        public Caller(@Nullable String user, @Nullable String password) {
            this(user, password, null);
        }

        static Caller token(String secret) {
            return new Caller(null, null, secret);
        }
    }

    @DynamicPropertySource
    static void scratchStation(DynamicPropertyRegistry registry) {
        registry.add("loaxa.station.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("loaxa.library.audio-dir", () -> ROOT.resolve("audio").toString());
        registry.add("loaxa.library.max-file-size", () -> "2MB");
        registry.add("LOAXA_ADMIN_PASSWORD", () -> "Suite-initial-admin-4Rz8wQ");
        registry.add("loaxa.schedules.load-on-first-start", () -> "false");
        // Nothing the suite sends may air: no engine, and a sound output that is not there.
        registry.add("loaxa.playout.enabled", () -> "false");
        registry.add("loaxa.audio.device", () -> "loaxa-security-suite-no-such-device");
        // Going live opens no microphone here: the calls reach every check and answer NO_INPUT_DEVICE.
        registry.add("loaxa.live.input-device", () -> "loaxa-security-suite-no-such-input");
        // Texts the fuzzer gets accepted are spoken by espeak-ng: short ones keep the suite quick.
        registry.add("loaxa.tts.max-chars", () -> "200");
    }

    /**
     * Starts the suite's station before Spring's JUnit extension asks for it, so that it starts here,
     * where Spring Security's static context holder is put back (see {@link #context()}).
     */
    @BeforeAll
    static void startTheSuiteStation() {
        context();
    }

    /**
     * The suite's context from Spring's test context cache: the one its JUnit classes use. Vaadin
     * gives each application context its own security context holder; the suite's is made the static
     * one here, so that code on the station's request threads which reads the signed-in user
     * ({@code CurrentUser}: emergency roles, audit rows) sees the suite's callers. The tests of other
     * contexts get theirs back before they run ({@code ContextSecurityHolder}).
     */
    static synchronized ApplicationContext context() {
        try {
            var manager = new TestContextManager(Context.class);
            var context = manager.getTestContext().getApplicationContext();
            SecurityContextHolder.setContextHolderStrategy(context.getBean(SecurityContextHolderStrategy.class));
            return context;
        } catch (RuntimeException e) {
            throw new IllegalStateException("The security suite's station did not start", e);
        }
    }

    /** The HTTP port of the suite's station, its accounts and one audio asset created on first use. */
    static synchronized int port(ApplicationContext context) {
        // The station's own security holder while its services are called here (see context()).
        var holder = SecurityContextHolder.getContextHolderStrategy();
        SecurityContextHolder.setContextHolderStrategy(context.getBean(SecurityContextHolderStrategy.class));
        try {
            var library = context.getBean(LibraryService.class);
            if (library.findAll().isEmpty()) {
                // With the migration's seven villages, requests can name things that exist and get past "unknown".
                TestAssets.wav(library, ROOT, "Bản tin của bộ kiểm tra", 1.0);
            }
            var users = context.getBean(UserService.class);
            USERS.forEach((role, caller) -> {
                if (users.find(caller.user()).isEmpty()) {
                    RunAs.run("admin", "ADMIN", () -> users.create(caller.user(), "Security suite " + role.name(),
                            caller.password(), EnumSet.of(role), false));
                }
            });
        } finally {
            SecurityContextHolder.setContextHolderStrategy(holder);
        }
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Only to name the configuration for {@link TestContextManager}: the same as every subclass's. */
    static final class Context extends SuiteStation {
    }
}
