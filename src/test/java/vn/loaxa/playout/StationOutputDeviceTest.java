package vn.loaxa.playout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import vn.loaxa.audio.output.NoOutputDeviceException;

/** A station whose configured device is not there must say so at once, never hang or crash. */
class StationOutputDeviceTest {

    private final StationOutput player = new StationOutput(new AudioOutputProperties("Loa không tồn tại", 44_100, 2,
            Duration.ofMillis(1_500), Duration.ZERO, Duration.ofMillis(300), 1.0, Duration.ofMillis(200)), Clock.systemUTC());

    @Test
    @Timeout(10)
    void an_unknown_device_is_reported_as_a_problem_with_what_is_available() {
        var status = player.deviceStatus();

        assertThat(status.ok()).isFalse();
        assertThat(status.device()).isEqualTo("Loa không tồn tại");
        assertThat(status.problem()).isIn("UNKNOWN_NAME", "NO_DEVICE");
        assertThat(status.detail()).isNotBlank();
    }

    @Test
    @Timeout(10)
    void playing_on_a_missing_device_fails_at_once_and_leaves_the_station_free() {
        assertThatThrownBy(() -> player.playTestTone("test")).isInstanceOf(NoOutputDeviceException.class);
        assertThat(player.isBusy()).isFalse();
        assertThat(player.nowPlaying()).isEmpty();
    }
}
