package vn.loaxa.zone;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Switches IP loudspeaker clusters (Thông tư 39/2020/TT-BTTTT "cụm loa thông minh") through an MQTT
 * 3.1.1 broker. This is the contract a cluster vendor implements.
 *
 * <h2>Topic protocol</h2>
 * Each village has a base topic {@code T}, e.g. {@code gioson/thon1}.
 * <ul>
 * <li><b>Command</b>: the station publishes {@code ON} or {@code OFF} (ASCII) to {@code T/set}, QoS 1,
 *     never retained: a cluster that comes back hours later must not find an ON for a broadcast long
 *     over waiting for it as a retained message.</li>
 * <li><b>Status</b>: the cluster publishes {@code {"online":true,"on":true,"volume":80}} to
 *     {@code T/status}, <em>retained</em>, QoS 1, when it connects, after every command it receives
 *     (even one that changes nothing: that status is its confirmation) and after any local change.
 *     {@code volume} (0..100) is optional.</li>
 * <li><b>Last will</b>: the cluster connects with the will {@code {"online":false}} on
 *     {@code T/status}, retained, so the broker marks it offline when its link dies.</li>
 * <li><b>Sessions</b>: the cluster subscribes to {@code T/set} with QoS 1 and should keep a persistent
 *     session (clean session off, a fixed client id): a command sent while its link is briefly down is
 *     delivered when it is back. The broker queues commands in order and the station follows every ON
 *     with an OFF, so a cluster that was away for long replays them and ends in the station's latest
 *     command.</li>
 * </ul>
 *
 * <h2>What a switch result means</h2>
 * <ul>
 * <li>{@code ACKNOWLEDGED}: a status with {@code "online":true} and the wanted {@code on} arrived after
 *     the command, within the timeout.</li>
 * <li>{@code FAILED} in every other case, with the reason: the broker was unreachable or did not take the
 *     command in time, the cluster is offline (its will or own status says so), has never reported, said
 *     the opposite state, or claims to be online but stayed silent. The last case is not reported as
 *     {@code SENT}: this protocol can confirm, so a silent cluster is a fault (hung firmware, or power
 *     lost less than a keep-alive ago so the broker has not yet fired its will), and the air log must
 *     not count its village as having heard the broadcast.</li>
 * </ul>
 * A command the broker accepted stays the broker's: a cluster with a persistent session still gets it
 * when it comes back, and its status then shows it. A command the broker had not accepted when the
 * timeout ran out is withdrawn from the client, so a broker that returns later is not handed an ON for a
 * broadcast that is over (the OFF that followed it would have failed at once, not been queued).
 *
 * <h2>Connection</h2>
 * The station connects with a fixed client id, clean session off and its in-flight messages in memory:
 * a QoS 1 command sent just before the link or the broker went down is sent again when the connection
 * is back within the switch's timeout; nothing outlives the station process, so a restarted station
 * never replays an old command. The driver reconnects by itself, with a back-off of up to 10 s, and at
 * once when a switch is due. It subscribes to {@code T/status} of every village it has been asked
 * about and keeps each cluster's latest status in memory; {@link #poll} answers from that.
 */
public final class MqttClusterDriver implements ZoneDriver {

    private static final Logger log = LoggerFactory.getLogger(MqttClusterDriver.class);

    private static final int QOS = 1;
    private static final String SET = "/set";
    private static final String STATUS = "/status";
    private static final long FIRST_RETRY_MILLIS = 250;
    private static final long LAST_RETRY_MILLIS = 10_000;
    // A broker sends a topic's retained status right after the SUBACK, flagged retained (MQTT 3.1.1
    // 3.3.1.3); some (Moquette) leave the flag off. So a status that arrives within this window after
    // subscribing and repeats the one held is taken for that copy, and a command waits this long after
    // a new subscription, so that a copy of a status never held cannot pass for its confirmation.
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final MqttSettings settings;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final ScheduledExecutorService connector;

    private final Object lock = new Object();
    // Everything below is guarded by lock. Paho is never called while holding it: its callback thread
    // takes Paho's own locks and then ours.
    private final Map<String, Cluster> clusters = new HashMap<>();
    private boolean connected;
    private boolean connecting;
    private boolean everConnected;
    private long connectionNumber;
    private String connectionProblem = "not connected yet";
    private @Nullable ScheduledFuture<?> retry;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private boolean closed;

    /**
     * Starts connecting in the background and returns at once: the station must start even when the
     * broker is down.
     *
     * @throws IllegalArgumentException when the broker URI or client id is unusable
     */
    public MqttClusterDriver(MqttSettings settings, Clock clock) {
        if (settings.clientId().isBlank()) {
            throw new IllegalArgumentException("MQTT client id is blank: a persistent session needs a fixed one");
        }
        if (settings.timeout().isNegative() || settings.timeout().isZero()) {
            throw new IllegalArgumentException("MQTT timeout must be positive: " + settings.timeout());
        }
        this.settings = settings;
        this.clock = clock;
        try {
            this.client = new MqttAsyncClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("MQTT client for " + settings.brokerUri() + ": " + describe(e), e);
        }
        this.options = new MqttConnectOptions();
        options.setCleanSession(false);
        // The driver retries itself: Paho's automatic reconnect never starts when the first attempt fails.
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        // Every village of a commune is commanded at once; Paho's default window of 10 would refuse the rest.
        options.setMaxInflight(1000);
        if (!settings.username().isBlank()) {
            options.setUserName(settings.username());
            options.setPassword(settings.password().toCharArray());
        }
        client.setCallback(new Callback());
        this.connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "mqtt-zones-" + settings.clientId());
            thread.setDaemon(true);
            return thread;
        });
        synchronized (lock) {
            connectSoon();
        }
    }

    @Override
    public DriverKind kind() {
        return DriverKind.MQTT;
    }

    @Override
    public List<SwitchResult> switchZones(List<ZoneAddress> zones, boolean on) {
        var deadline = System.nanoTime() + settings.timeout().toNanos();
        var results = new SwitchResult[zones.size()];
        // One command per cluster, even when two villages share one.
        var byTopic = new LinkedHashMap<String, List<Integer>>();
        for (var i = 0; i < zones.size(); i++) {
            var zone = zones.get(i);
            var problem = topicProblem(zone);
            if (problem != null) {
                results[i] = SwitchResult.failed(zone.villageId(), clock.instant(), problem);
            } else {
                byTopic.computeIfAbsent(baseTopic(zone), t -> new ArrayList<>()).add(i);
            }
        }
        if (!byTopic.isEmpty()) {
            var outcomes = command(byTopic.keySet(), on, deadline);
            byTopic.forEach((topic, indexes) -> {
                var outcome = outcomes.get(topic);
                for (var i : indexes) {
                    results[i] = new SwitchResult(zones.get(i).villageId(), outcome.ack(), outcome.at(), outcome.detail());
                }
            });
        }
        return List.of(results);
    }

    @Override
    public Optional<List<ZoneStatus>> poll(List<ZoneAddress> zones) {
        var statuses = new ArrayList<ZoneStatus>(zones.size());
        List<String> toSubscribe;
        synchronized (lock) {
            for (var zone : zones) {
                var problem = topicProblem(zone);
                if (problem != null) {
                    statuses.add(new ZoneStatus(zone.villageId(), false, null, null, null, problem));
                    continue;
                }
                var cluster = cluster(baseTopic(zone));
                var latest = cluster.latest;
                if (!connected) {
                    statuses.add(new ZoneStatus(zone.villageId(), false, latest == null ? null : latest.at(), null, null,
                            brokerUnreachable()));
                } else if (latest == null) {
                    statuses.add(new ZoneStatus(zone.villageId(), false, null, null, null, "no status received"));
                } else {
                    statuses.add(new ZoneStatus(zone.villageId(), latest.online(), latest.at(), latest.on(),
                            latest.volume(), latest.problem()));
                }
            }
            toSubscribe = unsubscribed(clusters.keySet());
        }
        // Villages seen here for the first time are reported from the next poll on.
        subscribe(toSubscribe);
        return Optional.of(List.copyOf(statuses));
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (retry != null) {
                retry.cancel(false);
            }
            lock.notifyAll();
        }
        connector.shutdownNow();
        try {
            // A clean DISCONNECT keeps the persistent session: statuses that arrive meanwhile wait for the next start.
            client.disconnectForcibly(0, 1_000, true);
        } catch (MqttException e) {
            log.debug("MQTT disconnect from {}: {}", settings.brokerUri(), describe(e));
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("MQTT client close: {}", describe(e));
        }
    }

    private Map<String, Outcome> command(Set<String> topics, boolean on, long deadline) {
        var outcomes = new HashMap<String, Outcome>();
        List<String> toSubscribe;
        synchronized (lock) {
            for (var topic : topics) {
                cluster(topic);
            }
            if (!connected) {
                connectNow();
            }
            while (!connected && !closed && waitUntil(deadline)) {
                // woken by the connect listener
            }
            if (closed || !connected) {
                var detail = closed ? "the MQTT driver is closed" : brokerUnreachable();
                for (var topic : topics) {
                    outcomes.put(topic, Outcome.failed(clock.instant(), detail));
                }
                return outcomes;
            }
            toSubscribe = unsubscribed(topics);
        }
        subscribe(toSubscribe);
        var ready = awaitSubscribed(topics, deadline);

        var tokens = new HashMap<String, IMqttDeliveryToken>();
        var payload = (on ? "ON" : "OFF").getBytes(StandardCharsets.US_ASCII);
        for (var topic : topics) {
            if (!ready.contains(topic)) {
                String detail;
                synchronized (lock) {
                    var why = connected ? clusters.get(topic).subscribeProblem : brokerUnreachable();
                    detail = "could not subscribe to " + topic + STATUS + " within " + seconds(settings.timeout())
                            + (why == null ? "" : ": " + why);
                }
                outcomes.put(topic, Outcome.failed(clock.instant(), detail));
                continue;
            }
            synchronized (lock) {
                clusters.get(topic).command = new Command(on);
            }
            try {
                var message = new MqttMessage(payload);
                message.setQos(QOS);
                message.setRetained(false);
                tokens.put(topic, client.publish(topic + SET, message));
            } catch (MqttException e) {
                synchronized (lock) {
                    clusters.get(topic).command = null;
                }
                outcomes.put(topic, Outcome.failed(clock.instant(),
                        "MQTT broker " + settings.brokerUri() + " did not take the command for " + topic + ": " + describe(e)));
            }
        }

        synchronized (lock) {
            while (!allConfirmed(tokens.keySet()) && !closed && waitUntil(deadline)) {
                // woken by each status that arrives
            }
        }

        // Token state is read before taking the lock, as every Paho call is.
        var accepted = new HashMap<String, Boolean>();
        var refused = new HashMap<String, MqttException>();
        for (var entry : tokens.entrySet()) {
            accepted.put(entry.getKey(), entry.getValue().isComplete());
            var exception = entry.getValue().getException();
            if (exception != null) {
                refused.put(entry.getKey(), exception);
            }
        }
        var unaccepted = new ArrayList<IMqttDeliveryToken>();
        synchronized (lock) {
            for (var entry : tokens.entrySet()) {
                var topic = entry.getKey();
                var token = entry.getValue();
                var cluster = clusters.get(topic);
                var command = Objects.requireNonNull(cluster.command);
                cluster.command = null;
                if (command.confirmedAt != null && command.confirmation != null) {
                    var volume = command.confirmation.volume();
                    outcomes.put(topic, new Outcome(SwitchResult.Ack.ACKNOWLEDGED, command.confirmedAt,
                            "cluster " + topic + " confirmed " + (on ? "on" : "off")
                                    + (volume == null ? "" : ", volume " + volume)));
                    continue;
                }
                if (!accepted.get(topic)) {
                    unaccepted.add(token);
                }
                outcomes.put(topic, Outcome.failed(clock.instant(),
                        unconfirmed(topic, cluster, command, accepted.get(topic), refused.get(topic))));
            }
        }
        for (var token : unaccepted) {
            try {
                client.removeMessage(token);
            } catch (MqttException e) {
                log.debug("Could not withdraw an unaccepted MQTT command: {}", describe(e));
            }
        }
        return outcomes;
    }

    /** Why a command was not confirmed. Called holding the lock. */
    private String unconfirmed(String topic, Cluster cluster, Command command, boolean accepted,
                               @Nullable MqttException refused) {
        var within = " within " + seconds(settings.timeout());
        if (!accepted) {
            var why = connected ? "" : " (" + brokerUnreachable() + ")";
            return "MQTT broker " + settings.brokerUri() + " did not accept the command for " + topic + within + why
                    + "; the command is withdrawn";
        }
        if (refused != null) {
            return "MQTT broker " + settings.brokerUri() + " refused the command for " + topic + ": " + describe(refused);
        }
        var contrary = command.contrary;
        if (contrary != null) {
            return "cluster " + topic + " reported " + (Boolean.TRUE.equals(contrary.on()) ? "on" : "off")
                    + " after the command to switch " + (command.on ? "on" : "off");
        }
        var prefix = "cluster " + topic + " did not confirm" + within;
        var latest = cluster.latest;
        if (latest == null) {
            return prefix + ": it has never reported its status";
        }
        if (!latest.online()) {
            return prefix + ": it is offline (status of " + latest.at() + ")";
        }
        return prefix + " although its last status (" + latest.at() + ") says online";
    }

    private boolean allConfirmed(Collection<String> topics) {
        for (var topic : topics) {
            var command = clusters.get(topic).command;
            if (command != null && command.confirmedAt == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until every topic's status subscription is acknowledged on the current connection, and
     * then until the newest one is out of its settle window, so that the command's confirmation cannot
     * be taken for a retained copy.
     */
    private Set<String> awaitSubscribed(Set<String> topics, long deadline) {
        synchronized (lock) {
            // A reconnect meanwhile subscribes again, so the wait goes on through it.
            while (!closed && !allSubscribed(topics) && waitUntil(deadline)) {
                // woken by the SUBACK listener
            }
            var ready = new HashSet<String>();
            var settled = System.nanoTime();
            for (var topic : topics) {
                var cluster = clusters.get(topic);
                if (cluster.subscribed) {
                    ready.add(topic);
                    settled = Math.max(settled, cluster.subscribedAtNanos + SETTLE_NANOS);
                }
            }
            var until = Math.min(deadline, settled);
            while (!closed && waitUntil(until)) {
                // only time passes here
            }
            return ready;
        }
    }

    private boolean allSubscribed(Set<String> topics) {
        for (var topic : topics) {
            if (!clusters.get(topic).subscribed) {
                return false;
            }
        }
        return true;
    }

    /** Topics known but not subscribed on this connection, marked as being subscribed now. */
    private List<String> unsubscribed(Collection<String> topics) {
        var list = new ArrayList<String>();
        if (!connected) {
            return list;
        }
        for (var topic : topics) {
            var cluster = clusters.get(topic);
            if (!cluster.subscribed && !cluster.subscribing) {
                cluster.subscribing = true;
                list.add(topic);
            }
        }
        return list;
    }

    private void subscribe(List<String> topics) {
        long number;
        synchronized (lock) {
            number = connectionNumber;
        }
        for (var topic : topics) {
            try {
                client.subscribe(topic + STATUS, QOS, null, new SubscribeListener(topic, number));
            } catch (MqttException e) {
                subscribeFailed(topic, number, describe(e));
            }
        }
    }

    private void subscribeFailed(String topic, long number, String why) {
        boolean current;
        synchronized (lock) {
            var cluster = clusters.get(topic);
            current = cluster != null && number == connectionNumber && !closed;
            if (current) {
                cluster.subscribing = false;
                cluster.subscribeProblem = why;
                lock.notifyAll();
            }
        }
        if (current) {
            log.warn("MQTT subscription to {}{} failed: {}", topic, STATUS, why);
        }
    }

    private Cluster cluster(String topic) {
        return clusters.computeIfAbsent(topic, t -> new Cluster());
    }

    /** Waits on the lock until woken or the deadline; false once the deadline has passed. */
    private boolean waitUntil(long deadline) {
        var left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String brokerUnreachable() {
        return "MQTT broker " + settings.brokerUri() + " unreachable: " + connectionProblem;
    }

    // --- connecting -------------------------------------------------------------------------------

    /** Schedules an attempt right away unless one is running. Called holding the lock. */
    private void connectSoon() {
        if (closed || connected || connecting) {
            return;
        }
        if (retry != null) {
            retry.cancel(false);
        }
        try {
            retry = connector.schedule(this::attemptConnect, 0, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** A switch is due: try now instead of waiting out the back-off. Called holding the lock. */
    private void connectNow() {
        retryMillis = FIRST_RETRY_MILLIS;
        connectSoon();
    }

    private void attemptConnect() {
        synchronized (lock) {
            if (closed || connected || connecting) {
                return;
            }
            connecting = true;
            retry = null;
        }
        if (client.isConnected()) {
            // Paho finished a connect whose outcome we missed; take it rather than fail on "already connected".
            connected();
            return;
        }
        try {
            client.connect(options, null, new ConnectListener());
        } catch (MqttException e) {
            connectFailed(e);
        }
    }

    private void connectFailed(@Nullable Throwable cause) {
        var why = describe(cause);
        boolean first;
        synchronized (lock) {
            connecting = false;
            first = !why.equals(connectionProblem);
            connectionProblem = why;
            scheduleRetry();
            lock.notifyAll();
        }
        if (first) {
            log.warn("MQTT broker {} unreachable, retrying: {}", settings.brokerUri(), why);
        } else {
            log.debug("MQTT broker {} still unreachable: {}", settings.brokerUri(), why);
        }
    }

    /** Called holding the lock. */
    private void scheduleRetry() {
        if (closed || (retry != null && !retry.isDone())) {
            return;
        }
        try {
            retry = connector.schedule(this::attemptConnect, retryMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return;
        }
        retryMillis = Math.min(retryMillis * 2, LAST_RETRY_MILLIS);
    }

    private void connected() {
        List<String> toSubscribe;
        boolean again;
        synchronized (lock) {
            connecting = false;
            if (closed) {
                return;
            }
            connected = true;
            again = everConnected;
            everConnected = true;
            connectionNumber++;
            connectionProblem = "not connected";
            retryMillis = FIRST_RETRY_MILLIS;
            for (var cluster : clusters.values()) {
                cluster.subscribed = false;
                cluster.subscribing = false;
            }
            // The broker may have kept the subscriptions (persistent session) or lost its store; asking
            // again costs one packet and also brings each retained status.
            toSubscribe = unsubscribed(clusters.keySet());
            lock.notifyAll();
        }
        log.info("MQTT broker {} {} as {}", settings.brokerUri(), again ? "reconnected" : "connected", settings.clientId());
        try {
            connector.execute(() -> subscribe(toSubscribe));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void connectionLost(@Nullable Throwable cause) {
        var why = describe(cause);
        synchronized (lock) {
            connected = false;
            connectionProblem = "connection lost: " + why;
            for (var cluster : clusters.values()) {
                cluster.subscribed = false;
                cluster.subscribing = false;
            }
            scheduleRetry();
            lock.notifyAll();
        }
        log.warn("MQTT connection to {} lost, reconnecting: {}", settings.brokerUri(), why);
    }

    private void messageArrived(String topic, MqttMessage message) {
        if (!topic.endsWith(STATUS)) {
            return;
        }
        var base = topic.substring(0, topic.length() - STATUS.length());
        var payload = message.getPayload();
        var now = clock.instant();
        synchronized (lock) {
            var cluster = clusters.get(base);
            if (cluster == null) {
                return;
            }
            var previous = cluster.latest;
            var repeated = previous != null && Arrays.equals(previous.payload(), payload);
            var settling = cluster.subscribedAtNanos != 0 && System.nanoTime() - cluster.subscribedAtNanos < SETTLE_NANOS;
            var replay = message.isRetained() || (settling && repeated);
            // A retained copy of what we already hold says nothing new about when the cluster was last heard.
            var at = replay && repeated ? previous.at() : now;
            var status = Status.parse(payload, at);
            cluster.latest = status;
            var command = cluster.command;
            if (command != null && !replay && command.confirmedAt == null) {
                if (status.online() && Objects.equals(status.on(), command.on)) {
                    command.confirmedAt = now;
                    command.confirmation = status;
                } else if (status.on() != null) {
                    command.contrary = status;
                }
            }
            lock.notifyAll();
        }
        if (log.isDebugEnabled()) {
            log.debug("MQTT status {}: {}", topic, new String(payload, StandardCharsets.UTF_8));
        }
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static @Nullable String topicProblem(ZoneAddress zone) {
        var topic = zone.mqttTopic();
        if (topic == null || topic.isBlank()) {
            return "village " + zone.villageName() + " has no MQTT topic";
        }
        var base = topic.strip();
        if (base.contains("+") || base.contains("#") || base.endsWith("/")) {
            return "MQTT topic '" + base + "' of village " + zone.villageName() + " is not a plain topic";
        }
        return null;
    }

    private static String baseTopic(ZoneAddress zone) {
        return Objects.requireNonNull(zone.mqttTopic()).strip();
    }

    private static String describe(@Nullable Throwable e) {
        if (e == null) {
            return "unknown reason";
        }
        var message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        var cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            return message + ": " + cause.getMessage();
        }
        return message;
    }

    static String seconds(Duration duration) {
        var millis = duration.toMillis();
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    // --- state ------------------------------------------------------------------------------------

    /** One cluster as the station knows it. Guarded by the driver's lock. */
    private static final class Cluster {
        @Nullable Status latest;
        boolean subscribed;
        boolean subscribing;
        long subscribedAtNanos;
        @Nullable String subscribeProblem;
        @Nullable Command command;
    }

    /** A command waiting for its confirmation. Guarded by the driver's lock. */
    private static final class Command {
        final boolean on;
        @Nullable Instant confirmedAt;
        @Nullable Status confirmation;
        @Nullable Status contrary;

        Command(boolean on) {
            this.on = on;
        }
    }

    private record Outcome(SwitchResult.Ack ack, Instant at, @Nullable String detail) {
        static Outcome failed(Instant at, String detail) {
            return new Outcome(SwitchResult.Ack.FAILED, at, detail);
        }
    }

    /** A status message as the cluster sent it. */
    private record Status(boolean online, @Nullable Boolean on, @Nullable Integer volume, Instant at,
                          byte[] payload, @Nullable String problem) {

        static Status parse(byte[] payload, Instant at) {
            try {
                var json = JsonMapper.shared().readTree(payload);
                if (!json.isObject()) {
                    return unreadable(payload, at);
                }
                // A status without "online" came from the cluster itself, so it is alive.
                var online = bool(json, "online");
                var volume = json.path("volume");
                return new Status(online == null || online, bool(json, "on"),
                        volume.isIntegralNumber() ? volume.intValue() : null, at, payload, null);
            } catch (JacksonException e) {
                return unreadable(payload, at);
            }
        }

        private static @Nullable Boolean bool(JsonNode json, String field) {
            var node = json.path(field);
            return node.isBoolean() ? node.booleanValue() : null;
        }

        private static Status unreadable(byte[] payload, Instant at) {
            var text = new String(payload, StandardCharsets.UTF_8);
            if (text.length() > 80) {
                text = text.substring(0, 80) + "…";
            }
            return new Status(true, null, null, at, payload, "status not understood: " + text);
        }
    }

    // --- Paho callbacks (Paho's threads) ------------------------------------------------------------

    private final class Callback implements MqttCallback {

        @Override
        public void connectionLost(Throwable cause) {
            MqttClusterDriver.this.connectionLost(cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttClusterDriver.this.messageArrived(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // the PUBACK alone confirms nothing about the cluster
        }
    }

    private final class ConnectListener implements IMqttActionListener {

        @Override
        public void onSuccess(IMqttToken token) {
            connected();
        }

        @Override
        public void onFailure(IMqttToken token, @Nullable Throwable exception) {
            connectFailed(exception);
        }
    }

    private final class SubscribeListener implements IMqttActionListener {

        private final String topic;
        private final long number;

        SubscribeListener(String topic, long number) {
            this.topic = topic;
            this.number = number;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            var granted = token.getGrantedQos();
            if (granted != null && granted.length > 0 && granted[0] == 0x80) {
                subscribeFailed(topic, number, "the broker refused it (not authorised?)");
                return;
            }
            synchronized (lock) {
                var cluster = clusters.get(topic);
                if (cluster != null && number == connectionNumber && connected) {
                    cluster.subscribing = false;
                    cluster.subscribed = true;
                    cluster.subscribedAtNanos = System.nanoTime();
                    cluster.subscribeProblem = null;
                    lock.notifyAll();
                }
            }
        }

        @Override
        public void onFailure(IMqttToken token, @Nullable Throwable exception) {
            subscribeFailed(topic, number, describe(exception));
        }
    }
}
