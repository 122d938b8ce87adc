package vn.loaxa.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.LoaXaApplication;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.InitialPassword;

/**
 * The real application held in its start-up runners (where the first-start load of the schedule
 * files runs): the web server already listens then, so this is what a visitor meets.
 */
class StartingUpTest {

    private static final String PASSWORD = "starting-up-test";

    @TempDir
    Path home;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void while_the_start_up_runners_work_the_station_answers_503_starting_and_then_serves() throws Exception {
        // A second application in this JVM replaces Spring Security's static context holder; the shared
        // test context's filters would then write the user where CurrentUser no longer reads it.
        var holder = SecurityContextHolder.getContextHolderStrategy();
        try {
            startsAndServes();
        } finally {
            SecurityContextHolder.setContextHolderStrategy(holder);
        }
    }

    private void startsAndServes() throws Exception {
        HeldRunner.reset();
        var started = CompletableFuture.supplyAsync(this::start);
        try {
            int port = HeldRunner.port.get(90, TimeUnit.SECONDS);
            var api = new Api(port);

            for (var user : new String[] {"admin", null}) {
                var status = api.get("/api/status", user, PASSWORD);
                assertThat(status.statusCode()).as(status.body()).isEqualTo(503);
                assertThat(status.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(json(status.body())).containsEntry("code", "STARTING").containsEntry("detail", "")
                        .containsEntry("error", "Đài đang khởi động, vui lòng thử lại sau giây lát.");
            }
            var english = api.get("/api/library", "admin", PASSWORD, "en");
            assertThat(english.statusCode()).isEqualTo(503);
            assertThat(json(english.body())).containsEntry("code", "STARTING")
                    .containsEntry("error", "The station is starting; please try again in a moment.");

            var page = api.get("/", null, null);
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).contains("<html lang=\"vi\"", "Đài đang khởi động", "http-equiv=\"refresh\"");
            // Answered before Spring Security, with the same headers as every other page.
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValue(vn.loaxa.security.SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(api.get("/login", null, null).statusCode()).isEqualTo(503);

            // The probes answer meanwhile: alive, not ready.
            var readiness = api.get("/actuator/health/readiness", null, null);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(json(readiness.body())).containsEntry("status", "OUT_OF_SERVICE");
            var liveness = api.get("/actuator/health/liveness", null, null);
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(json(liveness.body())).containsEntry("status", "UP");
        } finally {
            HeldRunner.release.countDown();
        }
        try (var context = started.get(90, TimeUnit.SECONDS)) {
            var api = new Api(HeldRunner.port.get());
            // Ready: the first admin's password now opens only its own change (decision 0014).
            var first = api.get("/api/status", "admin", PASSWORD);
            assertThat(first.statusCode()).isEqualTo(403);
            assertThat(json(first.body())).containsEntry("code", "PASSWORD_CHANGE_REQUIRED");
            assertThat(InitialPassword.keep(api, first, "admin", PASSWORD)).isTrue();
            assertThat(api.get("/api/status", "admin", PASSWORD).statusCode()).isEqualTo(200);
            assertThat(api.get("/login", null, null).statusCode()).isEqualTo(200);
            assertThat(api.get("/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
        }
    }

    private Map<String, Object> json(String body) {
        return HealthApiTest.map(json.readValue(body, Map.class));
    }

    private ConfigurableApplicationContext start() {
        var app = new SpringApplication(LoaXaApplication.class, HeldRunner.class);
        return app.run("--server.port=0", "--loaxa.station.data-dir=" + home.resolve("data"),
                "--loaxa.library.audio-dir=" + home.resolve("audio"), "--LOAXA_ADMIN_PASSWORD=" + PASSWORD,
                "--loaxa.playout.enabled=false", "--loaxa.schedules.load-on-first-start=false");
    }

    /** The last runner: tells the test the port, then holds the start-up until the test lets go. */
    @Order(Ordered.LOWEST_PRECEDENCE)
    static final class HeldRunner implements ApplicationRunner {

        static CompletableFuture<Integer> port = new CompletableFuture<>();
        static CountDownLatch release = new CountDownLatch(1);

        private final Environment environment;

        HeldRunner(Environment environment) {
            this.environment = environment;
        }

        static void reset() {
            port = new CompletableFuture<>();
            release = new CountDownLatch(1);
        }

        @Override
        public void run(ApplicationArguments args) throws InterruptedException {
            port.complete(environment.getRequiredProperty("local.server.port", Integer.class));
            release.await(90, TimeUnit.SECONDS);
        }
    }
}
