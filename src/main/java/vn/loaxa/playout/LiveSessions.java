package vn.loaxa.playout;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import vn.loaxa.audio.input.LiveCapture;
import vn.loaxa.audio.input.LiveCapture.Recording;

/**
 * The live broadcasts ordered and not yet ended, by key: who speaks, the open input, and who wants
 * the recording once the input closes. Shared by {@link LiveBroadcasts} (which orders and ends them)
 * and {@link BroadcastFactory} (which hands the input to the player and logs the recording's hash).
 */
@Component
class LiveSessions {

    static final class Session {
        final String key;
        final String by;
        final Instant ordered;
        final LiveCapture capture;
        private final List<Consumer<Recording>> onRecorded = new CopyOnWriteArrayList<>();
        private volatile @Nullable Recording recording;

        Session(String key, String by, Instant ordered, LiveCapture capture) {
            this.key = key;
            this.by = by;
            this.ordered = ordered;
            this.capture = capture;
        }

        /** Told the recording when the input closes (at once if it already has). */
        void onRecorded(Consumer<Recording> listener) {
            onRecorded.add(listener);
            var r = recording;
            if (r != null) {
                listener.accept(r);
            }
        }

        void recorded(Recording r) {
            recording = r;
            onRecorded.forEach(l -> l.accept(r));
        }

        @Nullable Recording recording() {
            return recording;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    void add(Session session) {
        sessions.put(session.key, session);
    }

    Optional<Session> get(String key) {
        return Optional.ofNullable(sessions.get(key));
    }

    Optional<Session> remove(String key) {
        return Optional.ofNullable(sessions.remove(key));
    }

    List<Session> all() {
        return List.copyOf(sessions.values());
    }
}
