package vn.loaxa.station;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The build's training start for the AOT cache (decision 0025), never a station's: with
 * {@code loaxa.training-run=true} the packaged station starts as usual on a throw-away data folder
 * (the first start's admin and schedule-file load included), asks for its login page once it is
 * ready, so that the classes and profiles of the web path are in the cache too, and closes. The JVM
 * writes the cache as it exits. A station that does not answer 200 ends the run with exit status 1,
 * which fails the build: the packaged jar must start.
 *
 * <p>Always a bean, and switched by the property when it runs: the packaged station's beans are
 * fixed when the build prepares them (decision 0036), so a bean that exists only under a property
 * given at start-up would never exist there.
 */
@Component
class TrainingRun {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    private final ConfigurableApplicationContext context;

    private final boolean enabled;

    TrainingRun(ConfigurableApplicationContext context, @Value("${loaxa.training-run:false}") boolean enabled) {
        this.context = context;
        this.enabled = enabled;
    }

    @EventListener
    void readinessChanged(AvailabilityChangeEvent<ReadinessState> change) {
        if (enabled && change.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            // Not on the thread that announces readiness: closing the context from it would deadlock.
            Thread.ofPlatform().name("loaxa-training-run").start(this::askAndClose);
        }
    }

    private void askAndClose() {
        int status;
        try (var client = HttpClient.newHttpClient()) {
            var port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                    .timeout(Duration.ofMinutes(1)).build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            log.info("Training run: the login page answered {}", response.statusCode());
            status = response.statusCode() == 200 ? 0 : 1;
        } catch (Exception e) {
            log.error("Training run: the login page did not answer", e);
            status = 1;
        }
        int exit = status;
        System.exit(SpringApplication.exit(context, () -> exit));
    }
}
