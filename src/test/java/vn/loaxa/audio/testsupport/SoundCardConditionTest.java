package vn.loaxa.audio.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoundCardConditionTest {

    @TempDir
    Path dir;

    @Test
    void skips_with_instructions_when_the_card_is_missing_outside_ci() {
        SoundCardCondition condition = new SoundCardCondition(Map.<String, String>of()::get, List::of);

        var result = condition.evaluateExecutionCondition(null);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(r -> assertThat(r).contains("PULSE_SERVER").contains(".ci/soundcard.sh start"));
        condition.beforeEach(null); // does not throw outside CI
    }

    @Test
    void fails_instead_of_skipping_when_ci_is_true() {
        SoundCardCondition condition = new SoundCardCondition(Map.of("CI", "true")::get, List::of);

        assertThat(condition.evaluateExecutionCondition(null).isDisabled()).isFalse();
        assertThatThrownBy(() -> condition.beforeEach(null)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("CI=true").hasMessageContaining(".ci/soundcard.sh start");
    }

    @Test
    void requires_a_java_sound_device_even_when_the_environment_is_set() throws Exception {
        Path fifo = Files.createFile(dir.resolve("out.fifo"));
        Map<String, String> env = Map.of("PULSE_SERVER", "unix:/x/native", FifoRecorder.FIFO_ENV, fifo.toString());

        assertThat(new SoundCardCondition(env::get, List::of).missing()).contains("no output device");
        assertThat(new SoundCardCondition(env::get, () -> List.of("default [default]")).missing()).isNull();
    }
}
