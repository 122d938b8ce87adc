package vn.loaxa.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class WriteGateTest {

    @Test
    void the_engine_enters_before_ui_writers_that_were_already_waiting() throws Exception {
        var gate = new WriteGate();
        var order = new CopyOnWriteArrayList<String>();
        assertThat(gate.enter(false, Duration.ofSeconds(1))).isTrue();
        var uiWaiting = new CountDownLatch(3);
        var threads = new java.util.ArrayList<Thread>();
        for (int i = 0; i < 3; i++) {
            var name = "ui" + i;
            threads.add(Thread.ofPlatform().start(() -> {
                uiWaiting.countDown();
                enterAndLeave(gate, false, name, order);
            }));
        }
        uiWaiting.await();
        Thread.sleep(100);
        threads.add(Thread.ofPlatform().start(() -> enterAndLeave(gate, true, "engine", order)));
        Thread.sleep(100);
        gate.leave();
        for (var t : threads) {
            t.join(5_000);
        }
        assertThat(order).hasSize(4);
        assertThat(order.getFirst()).isEqualTo("engine");
    }

    @Test
    void a_ui_writer_gives_up_after_its_bound_while_the_gate_is_held() throws Exception {
        var gate = new WriteGate();
        assertThat(gate.enter(true, Duration.ZERO)).isTrue();
        var result = new boolean[1];
        var t = Thread.ofPlatform().start(() -> {
            try {
                result[0] = gate.enter(false, Duration.ofMillis(200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.join(5_000);
        assertThat(result[0]).isFalse();
        gate.leave();
        assertThat(gate.enter(false, Duration.ofMillis(200))).isTrue();
        gate.leave();
    }

    @Test
    void the_holder_may_enter_again_and_the_longest_hold_is_measured() throws Exception {
        var gate = new WriteGate();
        assertThat(gate.enter(false, Duration.ofSeconds(1))).isTrue();
        assertThat(gate.enter(false, Duration.ofSeconds(1))).isTrue();
        TimeUnit.MILLISECONDS.sleep(30);
        gate.leave();
        gate.leave();
        assertThat(gate.longestHold()).isBetween(Duration.ofMillis(25), Duration.ofSeconds(5));
    }

    private static void enterAndLeave(WriteGate gate, boolean engine, String name, List<String> order) {
        try {
            if (gate.enter(engine, Duration.ofSeconds(5))) {
                order.add(name);
                gate.leave();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
