package vn.loaxa.audio.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    void machine_without_sound_device_gets_a_clear_exception_at_once() throws Exception {
        // A child JVM pointed at a sound server that does not exist sees no device at all,
        // which is what a station PC without a sound card looks like to Java Sound.
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NoDeviceProbe.class.getName());
        builder.environment().put("PULSE_SERVER", "unix:/nonexistent/loaxa/native");
        builder.redirectErrorStream(true);
        long started = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        String out = new String(process.getInputStream().readAllBytes());

        assertThat(out).contains("devices=[]")
                .contains("openLine: NO_DEVICE: No sound output device")
                .contains("play: NO_DEVICE: No sound output device found");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void treats_blank_and_default_as_the_system_default() {
        assertThat(OutputDevices.isDefault("")).isTrue();
        assertThat(OutputDevices.isDefault(" Default ")).isTrue();
        assertThat(OutputDevices.isDefault(null)).isTrue();
        assertThat(OutputDevices.isDefault("default [default]")).isFalse();
    }
}
