package vn.loaxa.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Which pool a thread's statement goes to: web users share theirs, the engine and the player never wait on them. */
class DatabaseRoutingTest {

    private final DatabaseConfig.Routing routing = new DatabaseConfig.Routing();

    @Test
    void web_users_read_on_their_pool_and_the_engine_on_its_own() {
        assertThat(routing.determineCurrentLookupKey()).isEqualTo(DatabaseConfig.Pool.UI_READ);
        assertThat(DatabaseLane.engine(routing::determineCurrentLookupKey)).isEqualTo(DatabaseConfig.Pool.ENGINE_READ);
    }

    @Test
    void a_lookup_that_slipped_onto_the_players_thread_takes_the_engines_connections() throws Exception {
        var pool = new AtomicReference<Object>();
        var thread = new Thread(() -> pool.set(routing.determineCurrentLookupKey()),
                DatabaseConfig.Routing.PLAYER_THREADS + "7-decode");
        thread.start();
        thread.join();
        assertThat(pool.get()).isEqualTo(DatabaseConfig.Pool.ENGINE_READ);
    }
}
