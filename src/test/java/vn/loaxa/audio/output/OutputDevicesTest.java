package vn.loaxa.audio.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loaxa.audio.PcmFormat;

/** Runs with or without a sound card: either way, a wrong name must fail fast and say why. */
class OutputDevicesTest {

    @Test
    void unknown_device_name_gives_a_clear_exception_without_hanging() {
        assertTimeoutPreemptively(Duration.ofSeconds(3), () ->
                assertThatThrownBy(() -> OutputDevices.openLine("Loa Xa No Such Card", PcmFormat.CD_STEREO, 4_096))
                        .isInstanceOf(NoOutputDeviceException.class)
                        .hasMessageContaining("No sound output device")
                        .hasMessageContaining("\"Loa Xa No Such Card\"")
                        .satisfies(e -> {
                            NoOutputDeviceException n = (NoOutputDeviceException) e;
                            assertThat(n.requestedName()).isEqualTo("Loa Xa No Such Card");
                            assertThat(n.reason()).isEqualTo(OutputDevices.list().isEmpty()
                                    ? NoOutputDeviceException.Reason.NO_DEVICE
                                    : NoOutputDeviceException.Reason.UNKNOWN_NAME);
                        }));
    }

    @Test
    void player_refuses_an_unknown_device_at_once() {
        Player player = new Player(PlayerConfig.defaults().withDeviceName("Loa Xa No Such Card"));

        assertTimeoutPreemptively(Duration.ofSeconds(3), () ->
                assertThatThrownBy(() -> player.play(List.of(), Instant.now(), new PlayoutListener() {
                }))
                        .isInstanceOf(NoOutputDeviceException.class)
                        .hasMessageContaining("Loa Xa No Such Card"));
    }

    @Test
    void treats_blank_and_default_as_the_system_default() {
        assertThat(OutputDevices.isDefault("")).isTrue();
        assertThat(OutputDevices.isDefault(" Default ")).isTrue();
        assertThat(OutputDevices.isDefault(null)).isTrue();
        assertThat(OutputDevices.isDefault("default [default]")).isFalse();
    }
}
