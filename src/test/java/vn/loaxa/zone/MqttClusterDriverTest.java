package vn.loaxa.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttClusterDriverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-03-02T23:00:00Z");

    @TempDir
    Path store;

    private final TestClock clock = new TestClock(T0);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker() {
        broker = closing(EmbeddedBroker.started(store));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (var closeable : closeables.reversed()) {
            closeable.close();
        }
    }

    @Test
    void acknowledges_the_clusters_that_confirm_and_fails_the_offline_ones_by_name() {
        var thon1 = cluster("gioson/thon1");
        var thon2 = cluster("gioson/thon2");
        var thon4 = cluster("gioson/thon4");
        var driver = driver(broker.uri());
        var zones = List.of(zone(1, "gioson/thon1"), zone(2, "gioson/thon2"), zone(3, "gioson/thon3"),
                zone(4, "gioson/thon4"), zone(5, null));
        awaitOnline(driver, zones.get(3));
        thon4.dropAbruptly();
        awaitOffline(driver, zones.get(3));

        var switchedAt = T0.plusSeconds(60);
        clock.set(switchedAt);
        var started = System.nanoTime();
        var results = driver.switchZones(zones, true);
        var elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(results).extracting(SwitchResult::villageId).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(results.get(0)).isEqualTo(new SwitchResult(1, SwitchResult.Ack.ACKNOWLEDGED, switchedAt,
                "cluster gioson/thon1 confirmed on, volume 80"));
        assertThat(results.get(1)).isEqualTo(new SwitchResult(2, SwitchResult.Ack.ACKNOWLEDGED, switchedAt,
                "cluster gioson/thon2 confirmed on, volume 80"));
        // Never connected: the broker took the command, nobody confirmed it.
        assertThat(results.get(2)).isEqualTo(SwitchResult.failed(3, switchedAt,
                "cluster gioson/thon3 did not confirm within 2 s: it has never reported its status"));
        // Its last will, received at T0, is what the station knows of it.
        assertThat(results.get(3)).isEqualTo(SwitchResult.failed(4, switchedAt,
                "cluster gioson/thon4 did not confirm within 2 s: it is offline (status of " + T0 + ")"));
        assertThat(results.get(4)).isEqualTo(SwitchResult.failed(5, switchedAt, "village Thôn 5 has no MQTT topic"));
        assertThat(thon1.isOn()).isTrue();
        assertThat(thon2.isOn()).isTrue();
        assertThat(thon1.commands()).containsExactly("ON");
        assertThat(thon4.isOn()).isFalse();
        assertThat(broker.received("gioson/thon3/set")).extracting(EmbeddedBroker.Received::payload).containsExactly("ON");
        // The unconfirmed ones wait the whole timeout, no longer.
        assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.plus(SLACK));
    }

    @Test
    void a_cluster_that_says_it_is_online_but_does_not_confirm_is_not_counted_as_switched() {
        var thon1 = cluster("gioson/thon1");
        thon1.silent(true);
        var driver = driver(broker.uri());
        var zones = List.of(zone(1, "gioson/thon1"));
        awaitOnline(driver, zones.get(0));

        clock.set(T0.plusSeconds(60));
        var results = driver.switchZones(zones, true);

        assertThat(results).containsExactly(SwitchResult.failed(1, T0.plusSeconds(60),
                "cluster gioson/thon1 did not confirm within 2 s although its last status (" + T0 + ") says online"));
        assertThat(results.get(0).switched()).isFalse();
        // It did get the command; what is missing is its word for it.
        assertThat(thon1.commands()).containsExactly("ON");
    }

    @Test
    void poll_answers_from_the_latest_status_of_each_cluster() {
        var thon1 = closing(new FakeCluster(broker.uri(), "gioson/thon1", true));
        thon1.volume(65);
        thon1.connect();
        var thon2 = cluster("gioson/thon2");
        var driver = driver(broker.uri());
        var zones = List.of(zone(1, "gioson/thon1"), zone(2, "gioson/thon2"), zone(3, "gioson/thon3"));

        // The first poll subscribes; the retained statuses arrive a moment later, at T0.
        assertThat(poll(driver, zones)).extracting(ZoneStatus::online).containsOnly(false);
        awaitOnline(driver, zones.get(0));
        awaitOnline(driver, zones.get(1));
        thon2.dropAbruptly();
        awaitOffline(driver, zones.get(1));

        clock.set(T0.plusSeconds(60));
        assertThat(poll(driver, zones)).containsExactly(
                new ZoneStatus(1, true, T0, false, 65, null),
                new ZoneStatus(2, false, T0, null, null, null),
                new ZoneStatus(3, false, null, null, null, "no status received"));

        clock.set(T0.plusSeconds(120));
        assertThat(driver.switchZones(List.of(zones.get(0)), true).get(0).ack()).isEqualTo(SwitchResult.Ack.ACKNOWLEDGED);
        assertThat(poll(driver, zones).get(0)).isEqualTo(new ZoneStatus(1, true, T0.plusSeconds(120), true, 65, null));

        clock.set(T0.plusSeconds(180));
        thon1.dropAbruptly();
        await().atMost(PATIENCE).until(() -> !poll(driver, zones).get(0).online());
        assertThat(poll(driver, zones).get(0)).isEqualTo(new ZoneStatus(1, false, T0.plusSeconds(180), null, null, null));
    }

    @Test
    void a_broker_that_is_down_fails_the_switch_in_time_and_the_driver_reconnects_when_it_is_back() {
        var thon1 = cluster("gioson/thon1");
        var driver = driver(broker.uri());
        var zones = List.of(zone(1, "gioson/thon1"));
        assertThat(driver.switchZones(zones, true).get(0).ack()).isEqualTo(SwitchResult.Ack.ACKNOWLEDGED);

        broker.stop();
        var started = System.nanoTime();
        var results = driver.switchZones(zones, false);
        var elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(results.get(0).ack()).isEqualTo(SwitchResult.Ack.FAILED);
        assertThat(results.get(0).detail()).startsWith("MQTT broker " + broker.uri() + " unreachable: ");
        assertThat(elapsed).isLessThan(TIMEOUT.plus(SLACK));
        var status = poll(driver, zones).get(0);
        assertThat(status.online()).isFalse();
        assertThat(status.detail()).startsWith("MQTT broker " + broker.uri() + " unreachable: ");
        assertThat(thon1.isOn()).isTrue();

        broker.start();
        // Nobody asks the driver to reconnect: poll only reads its cache, which says online again once
        // the driver is connected.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> poll(driver, zones).get(0).online());
        thon1.awaitReady();

        assertThat(driver.switchZones(zones, false).get(0).ack()).isEqualTo(SwitchResult.Ack.ACKNOWLEDGED);
        assertThat(thon1.isOn()).isFalse();
    }

    /**
     * The station's PUBLISH is sent into a link that holds it back; the broker then restarts and the
     * held bytes are dropped with the connection, so no broker ever saw that packet. The command still
     * reaches the cluster: the station sent it a second time, flagged DUP, after reconnecting, because
     * its client kept the unacknowledged QoS 1 message of its persistent session. The broker received
     * the ON once, after its restart. Without that redelivery the switch would fail and the cluster
     * would stay off.
     */
    @Test
    void a_command_sent_while_the_broker_restarts_is_sent_again_and_reaches_the_cluster() throws Exception {
        var thon1 = cluster("gioson/thon1");
        var relay = closing(broker.relay());
        var driver = driver(relay.uri(), Duration.ofSeconds(20));
        var zones = List.of(zone(1, "gioson/thon1"));
        assertThat(driver.switchZones(zones, false).get(0).ack()).isEqualTo(SwitchResult.Ack.ACKNOWLEDGED);

        relay.hold();
        var switching = new CompletableFuture<List<SwitchResult>>();
        Thread.ofPlatform().start(() -> switching.complete(driver.switchZones(zones, true)));
        await().atMost(PATIENCE).until(() -> relay.heldBytes() > 0);
        broker.stop();
        relay.cut();
        assertThat(stationCommands()).extracting(EmbeddedBroker.Received::payload).containsExactly("OFF");
        broker.start();

        var results = switching.get(30, TimeUnit.SECONDS);

        assertThat(results.get(0).ack()).isEqualTo(SwitchResult.Ack.ACKNOWLEDGED);
        assertThat(thon1.isOn()).isTrue();
        assertThat(thon1.commands()).containsExactly("OFF", "ON");
        assertThat(relay.published()).filteredOn(sent -> sent.topic().endsWith("/set")).containsExactly(
                new EmbeddedBroker.Relay.Sent("gioson/thon1/set", "OFF", false),
                new EmbeddedBroker.Relay.Sent("gioson/thon1/set", "ON", false),
                new EmbeddedBroker.Relay.Sent("gioson/thon1/set", "ON", true));
        assertThat(stationCommands()).extracting(EmbeddedBroker.Received::payload).containsExactly("OFF", "ON");
    }

    /**
     * The other side of redelivery: a command the broker has not accepted when the switch gives up
     * must not be delivered later, when the broadcast it was for is over.
     */
    @Test
    void a_command_the_broker_never_accepted_is_withdrawn_when_the_switch_gives_up() {
        var thon1 = cluster("gioson/thon1");
        var relay = closing(broker.relay());
        var driver = driver(relay.uri());
        var zones = List.of(zone(1, "gioson/thon1"));
        assertThat(driver.switchZones(zones, false).get(0).ack()).isEqualTo(SwitchResult.Ack.ACKNOWLEDGED);

        relay.hold();
        var results = driver.switchZones(zones, true);
        relay.cut();

        assertThat(results).containsExactly(SwitchResult.failed(1, T0, "MQTT broker " + relay.uri()
                + " did not accept the command for gioson/thon1 within 2 s; the command is withdrawn"));
        // QoS 1 keeps order: had the ON been sent again after reconnecting, it would arrive before this OFF.
        await().atMost(PATIENCE).until(() -> driver.switchZones(zones, false).get(0).ack() == SwitchResult.Ack.ACKNOWLEDGED);
        assertThat(thon1.commands()).doesNotContain("ON").startsWith("OFF", "OFF");
        assertThat(stationCommands()).extracting(EmbeddedBroker.Received::payload).doesNotContain("ON");
        // Sent once into the held link, never again.
        assertThat(relay.published()).filteredOn(sent -> sent.payload().equals("ON"))
                .containsExactly(new EmbeddedBroker.Relay.Sent("gioson/thon1/set", "ON", false));
        assertThat(thon1.isOn()).isFalse();
    }

    /**
     * A command the broker accepted for a cluster that is away is kept in the cluster's persistent
     * session, on disk, through a broker restart, and delivered when the cluster comes back. The
     * cluster with a clean session is the control: the same command is lost to it, so what carries the
     * command is the session, not a retained message.
     */
    @Test
    void a_queued_command_reaches_a_cluster_with_a_persistent_session_after_a_broker_restart() {
        var persistent = cluster("gioson/thon1");
        var clean = closing(new FakeCluster(broker.uri(), "gioson/thon2", false));
        clean.connect();
        var driver = driver(broker.uri());
        var zones = List.of(zone(1, "gioson/thon1"), zone(2, "gioson/thon2"));
        zones.forEach(zone -> awaitOnline(driver, zone));
        persistent.dropAbruptly();
        clean.dropAbruptly();
        zones.forEach(zone -> awaitOffline(driver, zone));

        assertThat(driver.switchZones(zones, true)).containsExactly(
                SwitchResult.failed(1, T0, "cluster gioson/thon1 did not confirm within 2 s: it is offline (status of " + T0 + ")"),
                SwitchResult.failed(2, T0, "cluster gioson/thon2 did not confirm within 2 s: it is offline (status of " + T0 + ")"));
        assertThat(stationCommands()).extracting(EmbeddedBroker.Received::topic)
                .containsExactly("gioson/thon1/set", "gioson/thon2/set");

        broker.restart();
        persistent.comeBack();
        clean.comeBack();

        await().atMost(PATIENCE).until(persistent::isOn);
        assertThat(persistent.commands()).containsExactly("ON");
        // Its status after the late command reaches the station too.
        await().atMost(PATIENCE).until(() -> Boolean.TRUE.equals(poll(driver, zones).get(0).on()));
        assertThat(clean.commands()).isEmpty();
        assertThat(clean.isOn()).isFalse();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private FakeCluster cluster(String topic) {
        return closing(FakeCluster.online(broker.uri(), topic));
    }

    private MqttClusterDriver driver(String uri) {
        return driver(uri, TIMEOUT);
    }

    private MqttClusterDriver driver(String uri, Duration timeout) {
        return closing(new MqttClusterDriver(new MqttSettings(uri, "", "", "station", timeout), clock));
    }

    private static ZoneAddress zone(long villageId, @Nullable String topic) {
        return new ZoneAddress(villageId, "Thôn " + villageId, "thon-" + villageId, null, null, null, topic);
    }

    private static List<ZoneStatus> poll(ZoneDriver driver, List<ZoneAddress> zones) {
        return driver.poll(zones).orElseThrow();
    }

    private List<EmbeddedBroker.Received> stationCommands() {
        return broker.received().stream()
                .filter(r -> r.clientId().equals("station") && r.topic().endsWith("/set"))
                .toList();
    }

    private static void awaitOnline(ZoneDriver driver, ZoneAddress zone) {
        await().atMost(PATIENCE).until(() -> poll(driver, List.of(zone)).get(0).online());
    }

    /** Until the cluster's last will (or its own word) has reached the station. */
    private static void awaitOffline(ZoneDriver driver, ZoneAddress zone) {
        await().atMost(PATIENCE).until(() -> {
            var status = poll(driver, List.of(zone)).get(0);
            return !status.online() && status.lastSeen() != null && status.detail() == null;
        });
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** A clock the test sets, so that instants in results can be asserted exactly. */
    private static final class TestClock extends Clock {

        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
