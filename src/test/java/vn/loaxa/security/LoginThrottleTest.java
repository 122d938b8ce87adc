package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import vn.loaxa.testing.RunAs;

/** The throttle's arithmetic on a clock the test moves: no waiting. */
class LoginThrottleTest {

    private final MovingClock clock = new MovingClock();
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottleProperties.defaults(), clock);

    @Test
    void five_free_failures_then_delays_of_one_two_four_seconds_then_a_fifteen_minute_lock() {
        for (int i = 0; i < 5; i++) {
            fail("lanhdao", "10.0.0.1");
        }
        assertThat(refusal("lanhdao", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(1));
        // The right password does not help while the account must wait.
        clock.advance(Duration.ofMillis(400));
        assertThat(refusal("lanhdao", "10.0.0.1").retryAfterSeconds()).isEqualTo(1);

        long[] expected = {2, 4, 8, 16};
        clock.advance(Duration.ofMillis(600));
        for (long seconds : expected) {
            fail("lanhdao", "10.0.0.1");
            var wait = refusal("lanhdao", "10.0.0.1");
            assertThat(wait.retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
            assertThat(wait.locked()).isFalse();
            clock.advance(wait.retryAfter());
        }
        fail("lanhdao", "10.0.0.1"); // the tenth within 15 minutes
        var lock = refusal("lanhdao", "10.0.0.1");
        assertThat(lock.locked()).isTrue();
        assertThat(lock.retryAfter()).isEqualTo(Duration.ofMinutes(15));

        clock.advance(Duration.ofMinutes(14));
        assertThat(refusal("lanhdao", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        // Over: the window starts afresh, five free tries again.
        for (int i = 0; i < 5; i++) {
            fail("lanhdao", "10.0.0.1");
        }
        assertThat(refusal("lanhdao", "10.0.0.1").locked()).isFalse();
    }

    @Test
    void failures_older_than_the_window_are_forgotten_and_a_right_password_starts_the_account_afresh() {
        for (int i = 0; i < 4; i++) {
            fail("thuky", "10.0.0.2");
        }
        clock.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 4; i++) {
            fail("thuky", "10.0.0.2");
        }
        throttle.succeeded(throttle.acquire("thuky", "10.0.0.2"));
        for (int i = 0; i < 4; i++) {
            fail("thuky", "10.0.0.2");
        }
        var permit = throttle.acquire("thuky", "10.0.0.2");
        throttle.released(permit);
    }

    @Test
    void names_are_counted_as_typed_known_or_not_without_case() {
        for (int i = 0; i < 5; i++) {
            fail(i % 2 == 0 ? "Admin" : " admin ", "10.0.0." + (3 + i));
        }
        assertThat(refusal("ADMIN", "10.0.0.9").retryAfter()).isEqualTo(Duration.ofSeconds(1));
        // A name nobody has is held back exactly like one that exists: nothing to learn from it.
        for (int i = 0; i < 5; i++) {
            fail("khong-co-ai", "10.0.0.10");
        }
        clock.advance(Duration.ofSeconds(1));
        fail("khong-co-ai", "10.0.0.10");
        assertThat(refusal("khong-co-ai", "10.0.0.11").retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void one_address_trying_many_names_is_slowed_down_then_locked() {
        for (int i = 0; i < 10; i++) {
            fail("ten-" + i, "203.0.113.9");
        }
        var wait = refusal("ten-moi", "203.0.113.9");
        assertThat(wait.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        // The account it tried is not charged with the refusal: from elsewhere it logs in.
        throttle.succeeded(throttle.acquire("ten-moi", "203.0.113.10"));
        // Nor are its neighbours: each address has its own count.
        throttle.released(throttle.acquire("ten-0", "203.0.113.11"));
    }

    @Test
    void an_address_locked_after_twenty_failures_and_a_right_password_elsewhere_does_not_pardon_it() {
        for (int i = 0; i < 20; i++) {
            try {
                fail("ten-" + i, "198.51.100.7");
            } catch (LoginThrottledException wait) {
                clock.advance(wait.retryAfter());
                fail("ten-" + i, "198.51.100.7");
            }
        }
        var lock = refusal("lanhdao", "198.51.100.7");
        assertThat(lock.locked()).isTrue();
        assertThat(lock.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        throttle.succeeded(throttle.acquire("lanhdao", "198.51.100.8"));
        assertThat(refusal("lanhdao", "198.51.100.7").locked()).isTrue();
        var rows = RunAs.run("admin", "ADMIN", throttle::current);
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.kind()).isEqualTo(LoginThrottle.Kind.ADDRESS);
            assertThat(r.key()).isEqualTo("198.51.100.7");
            assertThat(r.lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
            assertThat(r.failures()).isEqualTo(20);
            assertThat(r.lastSeen()).isEqualTo("ten-19");
        });
        assertThat(RunAs.run("admin", "ADMIN", () -> throttle.unlockAddress("198.51.100.7"))).isTrue();
        throttle.succeeded(throttle.acquire("lanhdao", "198.51.100.7"));
    }

    @Test
    void once_delays_apply_only_one_check_per_account_runs_at_a_time() {
        for (int i = 0; i < 5; i++) {
            fail("song-song", "10.0.1.1");
        }
        clock.advance(Duration.ofSeconds(1));
        var first = throttle.acquire("song-song", "10.0.1.2");
        var second = refusal("song-song", "10.0.1.3");
        assertThat(second.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        throttle.failed(first);
        throttle.released(first); // a permit settles once: this changes nothing
        assertThat(refusal("song-song", "10.0.1.3").retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void before_delays_apply_parallel_checks_of_an_account_that_failed_cannot_exceed_its_free_tries() {
        fail("nhieu", "10.0.2.1");
        var permits = new java.util.ArrayList<LoginThrottle.Permit>();
        for (int i = 0; i < 4; i++) {
            permits.add(throttle.acquire("nhieu", "10.0.2." + (10 + i)));
        }
        assertThat(refusal("nhieu", "10.0.2.99").retryAfter()).isEqualTo(Duration.ofSeconds(1));
        permits.forEach(throttle::released);
        throttle.released(throttle.acquire("nhieu", "10.0.2.99"));
    }

    @Test
    void a_script_calling_in_parallel_with_the_right_password_is_not_held_back() {
        // Each HTTP Basic call is a login: a script's parallel calls, even from an office where someone mistyped.
        fail("ai-do-go-sai", "10.0.5.1");
        var permits = new java.util.ArrayList<LoginThrottle.Permit>();
        for (int i = 0; i < LoginThrottle.MAX_PARALLEL; i++) {
            permits.add(throttle.acquire("kich-ban", "10.0.5.1"));
        }
        // A burst of guesses is still bounded.
        refusal("kich-ban", "10.0.5.2");
        permits.forEach(throttle::succeeded);
        throttle.succeeded(throttle.acquire("kich-ban", "10.0.5.1"));
    }

    @Test
    void an_admin_lifts_an_account_lock() {
        for (int i = 0; i < 10; i++) {
            try {
                fail("quen-mat-khau", "10.0.3." + i);
            } catch (LoginThrottledException wait) {
                clock.advance(wait.retryAfter());
                fail("quen-mat-khau", "10.0.3." + i);
            }
        }
        assertThat(refusal("quen-mat-khau", "10.0.3.99").locked()).isTrue();
        assertThat(throttle.unlockAccount("Quen-Mat-Khau")).isTrue();
        assertThat(throttle.unlockAccount("quen-mat-khau")).as("nothing left to lift").isFalse();
        throttle.succeeded(throttle.acquire("quen-mat-khau", "10.0.3.99"));
    }

    @Test
    void ipv6_clients_are_counted_by_their_64_bit_network_and_loopback_stays_itself() {
        assertThat(LoginThrottle.addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(LoginThrottle.addressKey("2001:db8:1:2::9")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(LoginThrottle.addressKey("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(LoginThrottle.addressKey("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(LoginThrottle.addressKey(null)).isEqualTo("?");
        assertThat(LoginThrottle.accountKey("x".repeat(5000))).hasSize(100);
    }

    @Test
    void state_is_forgotten_once_its_window_and_lock_are_over() {
        fail("qua-roi", "10.0.4.1");
        clock.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 5; i++) {
            fail("qua-roi", "10.0.4.2");
        }
        assertThat(RunAs.run("admin", "ADMIN", throttle::current)).extracting(LoginThrottle.Lockout::key)
                .contains("qua-roi");
        // The name and its second address; the first address went by itself once its window was over.
        assertThat(throttle.tracked()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(16));
        assertThat(RunAs.run("admin", "ADMIN", throttle::current)).isEmpty();
        assertThat(throttle.tracked()).as("Caffeine let every entry expire").isZero();
    }

    private void fail(String user, String address) {
        throttle.failed(throttle.acquire(user, address));
    }

    private LoginThrottledException refusal(String user, String address) {
        var thrown = catchThrowableOfType(LoginThrottledException.class, () -> throttle.acquire(user, address));
        assertThat(thrown).as(user + " from " + address + " should wait").isNotNull();
        return thrown;
    }

    static final class MovingClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2027-03-02T01:00:00Z"));

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Ho_Chi_Minh");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
