package vn.loaxa.audio.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test plays through the virtual sound card of {@code .ci/soundcard.sh} and records its FIFO.
 * Without it the test is skipped on a developer machine, but fails when {@code CI=true}: in CI a
 * missing card is a broken pipeline, not a reason to report green.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SoundCardCondition.class)
@Tag("soundcard")
public @interface RequiresSoundCard {
}
