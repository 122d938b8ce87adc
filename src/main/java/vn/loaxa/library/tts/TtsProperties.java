package vn.loaxa.library.tts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param espeakPath the espeak-ng program; blank = look for {@code espeak-ng} on the PATH, then in
 *                   {@code C:\Program Files\eSpeak NG\}
 * @param speed      words per minute (espeak-ng's default is 175; a loudspeaker wants slower)
 * @param maxChars   longer texts are refused: split them into several bulletins
 */
@ConfigurationProperties("loaxa.tts")
public record TtsProperties(
        @DefaultValue("") String espeakPath,
        @DefaultValue("150") int speed,
        @DefaultValue("5000") int maxChars) {
}
