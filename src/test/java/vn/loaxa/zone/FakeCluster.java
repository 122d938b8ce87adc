package vn.loaxa.zone;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;

/**
 * A village's IP loudspeaker cluster, implementing the cluster side of {@link MqttClusterDriver}'s
 * topic protocol: it takes {@code ON}/{@code OFF} from {@code T/set}, reports a retained status on
 * {@code T/status} when it connects and after every command, and leaves a retained
 * {@code {"online":false}} as its last will. It reconnects by itself after losing the broker, unless it
 * was {@linkplain #dropAbruptly() dropped}.
 */
final class FakeCluster implements AutoCloseable {

    private static final long RECONNECT_MILLIS = 300;

    private final String topic;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private volatile boolean on;
    private volatile int volume = 80;
    private volatile boolean silent;
    private volatile boolean away;
    private volatile boolean closed;
    private volatile CountDownLatch ready = new CountDownLatch(1);

    /**
     * @param persistentSession a fixed client id with clean session off, as the protocol recommends;
     *                          false for a cluster that forgets everything when it disconnects
     */
    FakeCluster(String brokerUri, String topic, boolean persistentSession) {
        this.topic = topic;
        try {
            this.client = new MqttAsyncClient(brokerUri, "cluster-" + topic.replace('/', '-'), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
        this.options = new MqttConnectOptions();
        options.setCleanSession(!persistentSession);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(5);
        options.setWill(topic + "/status", "{\"online\":false}".getBytes(StandardCharsets.UTF_8), 1, true);
        client.setCallback(new Callback());
    }

    /** A cluster with a persistent session, connected, subscribed and reporting online and off. */
    static FakeCluster online(String brokerUri, String topic) {
        var cluster = new FakeCluster(brokerUri, topic, true);
        cluster.connect();
        return cluster;
    }

    /** Connects and waits until it is subscribed and has reported its status. */
    void connect() {
        away = false;
        ready = new CountDownLatch(1);
        connectAsync();
        awaitReady();
    }

    /** Comes back after {@link #dropAbruptly()}, with the same client id (and session, if persistent). */
    void comeBack() {
        connect();
    }

    /**
     * Loses its connection without a DISCONNECT, like a cluster whose power or link fails: the broker
     * publishes its last will. It stays away until {@link #comeBack()}.
     */
    void dropAbruptly() {
        away = true;
        try {
            client.disconnectForcibly(0, 100, false);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A silent cluster receives and applies commands but reports nothing, like hung firmware. */
    void silent(boolean silent) {
        this.silent = silent;
    }

    void volume(int volume) {
        this.volume = volume;
    }

    boolean isOn() {
        return on;
    }

    /** The commands received, in order. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    void awaitReady() {
        try {
            if (!ready.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("cluster " + topic + " did not get ready");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            client.disconnectForcibly(0, 100, false);
        } catch (MqttException e) {
            // not connected
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }

    private void connectAsync() {
        if (closed || away) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete takes over
                }

                @Override
                public void onFailure(IMqttToken token, @Nullable Throwable exception) {
                    reconnectLater();
                }
            });
        } catch (MqttException e) {
            reconnectLater();
        }
    }

    private void reconnectLater() {
        // Its own thread: the common pool may have a single thread, busy with the test's own work.
        Thread.ofPlatform().daemon().name("reconnect-" + topic).start(() -> {
            try {
                Thread.sleep(RECONNECT_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            connectAsync();
        });
    }

    private void publishStatus(@Nullable IMqttActionListener then) throws MqttException {
        var json = "{\"online\":true,\"on\":" + on + ",\"volume\":" + volume + "}";
        client.publish(topic + "/status", json.getBytes(StandardCharsets.UTF_8), 1, true, null, then);
    }

    private final class Callback implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            var latch = ready;
            try {
                // Subscribing again is harmless with a persistent session and needed without one.
                client.subscribe(topic + "/set", 1, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        try {
                            publishStatus(new IMqttActionListener() {
                                @Override
                                public void onSuccess(IMqttToken published) {
                                    latch.countDown();
                                }

                                @Override
                                public void onFailure(IMqttToken published, @Nullable Throwable exception) {
                                    // the connection is lost; connectionLost reconnects
                                }
                            });
                        } catch (MqttException e) {
                            // the connection is lost; connectionLost reconnects
                        }
                    }

                    @Override
                    public void onFailure(IMqttToken token, @Nullable Throwable exception) {
                        // the connection is lost; connectionLost reconnects
                    }
                });
            } catch (MqttException e) {
                // the connection is lost; connectionLost reconnects
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            // Also what Moquette 0.17 does now and then to a SUBSCRIBE sent right after CONNACK.
            reconnectLater();
        }

        @Override
        public void messageArrived(String topicName, MqttMessage message) throws MqttException {
            var command = new String(message.getPayload(), StandardCharsets.US_ASCII).strip();
            commands.add(command);
            switch (command) {
                case "ON" -> on = true;
                case "OFF" -> on = false;
                default -> {
                    return;
                }
            }
            if (!silent) {
                publishStatus(null);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    @Override
    public String toString() {
        return "FakeCluster[" + topic + ", on=" + on + ", commands=" + commands + "]";
    }
}
