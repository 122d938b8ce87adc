package vn.loaxa.zone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import org.jspecify.annotations.Nullable;

/**
 * An in-process MQTT broker (Moquette) on a free local port, with its store on disk: stopping and
 * starting it again keeps persistent sessions, their subscriptions and queued QoS 1 messages, and
 * retained messages, like a real broker with persistence that is restarted. Clients reach it through
 * a {@link Relay} that works around a Moquette bug (see there); a stopped broker refuses them.
 */
final class EmbeddedBroker implements AutoCloseable {

    /** A PUBLISH as the broker received it from a client. */
    record Received(String clientId, String topic, String payload) {
    }

    private final Path dataDir;
    private final int port;
    private final Relay front;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private @Nullable Server server;

    /** Takes free ports now and keeps them across restarts, so clients find the broker where it was. */
    EmbeddedBroker(Path dataDir) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.front = new Relay(port);
    }

    static EmbeddedBroker started(Path dataDir) {
        var broker = new EmbeddedBroker(dataDir);
        broker.start();
        return broker;
    }

    /** Where clients connect. */
    String uri() {
        return front.uri();
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        var props = new Properties();
        props.setProperty("host", "127.0.0.1");
        props.setProperty("port", Integer.toString(port));
        props.setProperty("allow_anonymous", "true");
        props.setProperty("persistence_enabled", "true");
        props.setProperty("data_path", dataDir.toAbsolutePath().toString());
        // H2 keeps sessions, subscriptions, queues and retained messages in one small file; the default
        // segmented queues preallocate 64 MB pages.
        props.setProperty("persistent_queue_type", "h2");
        // Moquette reports each start to its authors unless told not to; tests stay off the network.
        props.setProperty("telemetry_enabled", "false");
        props.setProperty("use_bugsnag", "false");
        props.setProperty("use_metrics", "false");
        // Flush every packet at once: the default batching adds latency the timing asserts do not need.
        props.setProperty("immediate_buffer_flush", "true");
        var started = new Server();
        try {
            started.startServer(new MemoryConfig(props), List.of(new Recorder()));
        } catch (IOException e) {
            throw new UncheckedIOException("MQTT broker did not start on port " + port, e);
        }
        server = started;
    }

    /** Stops listening and closes every client connection; the store stays on disk. */
    synchronized void stop() {
        var running = server;
        if (running != null) {
            server = null;
            running.stopServer();
        }
    }

    void restart() {
        stop();
        start();
    }

    /** Every PUBLISH received since the first start (recorded a moment after it is routed). */
    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** Another way in, for a client whose link the test holds up or cuts, like a failing radio link. */
    Relay relay() {
        return new Relay(port);
    }

    @Override
    public void close() {
        front.close();
        stop();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Recorder extends AbstractInterceptHandler {

        @Override
        public String getID() {
            return "test-recorder";
        }

        @Override
        public void onPublish(InterceptPublishMessage msg) {
            received.add(new Received(msg.getClientID(), msg.getTopicName(),
                    msg.getPayload().toString(StandardCharsets.UTF_8)));
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            // Moquette logs it already
        }
    }

    /**
     * Relays TCP connections from its own port to the broker's, reading the MQTT packets clients send.
     * {@link #hold()} stops passing them on (they wait in the relay), {@link #cut()} drops every
     * connection and whatever was held, so a client's PUBLISH can be made to vanish after the client
     * has sent it. {@link #published()} lists every PUBLISH clients sent, held or not.
     *
     * <p>The relay clears the DUP flag of what it passes on. Moquette 0.17 routes a QoS 1 PUBLISH with
     * DUP set only to the subscribers it failed to reach the first time; for a packet id it never saw
     * (the first copy was lost, or it restarted since) that is nobody, and the retain(0) it then calls
     * kills a session event loop, stranding every client on it (PostOffice.receivedPublishQos1 and
     * publish2Subscribers). Other brokers route such a resend like any PUBLISH (MQTT 3.1.1 §4.3.2), and
     * clients do resend after a broker restart, so every client goes through a relay.
     */
    static final class Relay implements AutoCloseable {

        /** A PUBLISH as a client sent it. */
        record Sent(String topic, String payload, boolean dup) {
        }

        private final int target;
        private final ServerSocket server;
        private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
        private final List<Sent> published = new CopyOnWriteArrayList<>();
        private final AtomicLong held = new AtomicLong();
        private volatile boolean holding;
        private volatile boolean closed;

        private Relay(int target) {
            this.target = target;
            try {
                this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.ofPlatform().daemon().name("relay-accept-" + server.getLocalPort()).start(this::accept);
        }

        String uri() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        /** From now on, packets from clients are read but not passed on. */
        void hold() {
            holding = true;
        }

        /** How many bytes from clients have been held back so far. */
        long heldBytes() {
            return held.get();
        }

        List<Sent> published() {
            return List.copyOf(published);
        }

        /** Closes every relayed connection, dropping held bytes; new connections are relayed normally. */
        void cut() {
            // Close before releasing the hold, or a pump could still pass on what it held.
            for (var socket : sockets) {
                closeQuietly(socket);
            }
            sockets.clear();
            holding = false;
        }

        @Override
        public void close() {
            closed = true;
            closeQuietly(server);
            cut();
        }

        private void accept() {
            while (!closed) {
                Socket downstream;
                try {
                    downstream = server.accept();
                } catch (IOException e) {
                    return;
                }
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException e) {
                    // broker down: the client sees its connection refused, as it would without the relay
                    closeQuietly(downstream);
                    continue;
                }
                sockets.add(downstream);
                sockets.add(upstream);
                Thread.ofPlatform().daemon().start(() -> toBroker(downstream, upstream));
                Thread.ofPlatform().daemon().start(() -> toClient(upstream, downstream));
            }
        }

        private void toBroker(Socket from, Socket to) {
            var pending = new byte[8192];
            var length = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    if (length == pending.length) {
                        pending = Arrays.copyOf(pending, pending.length * 2);
                    }
                    var n = in.read(pending, length, pending.length - length);
                    if (n < 0) {
                        return;
                    }
                    var parsed = readPackets(pending, length, length + n);
                    length += n;
                    if (holding) {
                        // Keep reading, so that what follows is seen too; pass nothing on until cut.
                        held.addAndGet(n);
                        continue;
                    }
                    out.write(pending, 0, parsed);
                    out.flush();
                    System.arraycopy(pending, parsed, pending, 0, length - parsed);
                    length -= parsed;
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeBoth(from, to);
            }
        }

        /**
         * Records the complete PUBLISH packets that end after {@code from} and clears their DUP flag;
         * returns how many bytes from the start of the buffer are complete packets.
         */
        private int readPackets(byte[] buffer, int from, int length) {
            var at = 0;
            while (at + 2 <= length) {
                var remaining = 0;
                var multiplier = 1;
                var i = at + 1;
                while (true) {
                    if (i >= length) {
                        return at;
                    }
                    var digit = buffer[i++] & 0xFF;
                    remaining += (digit & 0x7F) * multiplier;
                    multiplier *= 128;
                    if ((digit & 0x80) == 0) {
                        break;
                    }
                }
                if (i + remaining > length) {
                    return at;
                }
                var header = buffer[at] & 0xFF;
                if ((header >> 4) == 3 && i + remaining > from) {
                    var qos = (header >> 1) & 3;
                    var topicLength = ((buffer[i] & 0xFF) << 8) | (buffer[i + 1] & 0xFF);
                    var topic = new String(buffer, i + 2, topicLength, StandardCharsets.UTF_8);
                    var payloadAt = i + 2 + topicLength + (qos > 0 ? 2 : 0);
                    var payload = new String(buffer, payloadAt, i + remaining - payloadAt, StandardCharsets.UTF_8);
                    published.add(new Sent(topic, payload, (header & 0x08) != 0));
                    buffer[at] = (byte) (header & ~0x08);
                }
                at = i + remaining;
            }
            return at;
        }

        private void toClient(Socket from, Socket to) {
            var buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeBoth(from, to);
            }
        }

        private void closeBoth(Socket from, Socket to) {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }

        private static void closeQuietly(AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // already closed
            }
        }
    }
}
