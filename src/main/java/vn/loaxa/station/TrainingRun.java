package vn.loaxa.station;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
        try {
            var port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            int code = loginStatus(port);
            log.info("Training run: the login page answered {}", code);
            status = code == 200 ? 0 : 1;
        } catch (Exception e) {
            log.error("Training run: the login page did not answer", e);
            status = 1;
        }
        int exit = status;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    /**
     * One plain HTTP/1.1 request on a socket. Not {@code java.net.http.HttpClient}: every class a
     * training run loads goes into the cache and is loaded at each start of the station, and the
     * client brings about 500 (its TLS stack included) that a station never uses, some 4 MB of
     * memory (decision 0037).
     */
    private static int loginStatus(int port) throws Exception {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) Duration.ofMinutes(1).toMillis());
            var out = socket.getOutputStream();
            out.write("GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            var statusLine = in.readLine();
            // "HTTP/1.1 200 " or "HTTP/1.1 200 OK"
            var parts = statusLine == null ? new String[0] : statusLine.split(" ");
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IllegalStateException("not an HTTP answer: " + statusLine);
            }
            return Integer.parseInt(parts[1]);
        }
    }
}
