package vn.loaxa.playout;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live microphone ({@code loaxa.live.*}).
 *
 * @param inputDevice the Java Sound input to speak into; blank for the system's default microphone
 * @param maxLength   the longest a live broadcast runs before it is ended for the speaker (a
 *                    forgotten microphone must not hold every village for the rest of the day)
 */
@ConfigurationProperties("loaxa.live")
public record LiveProperties(@DefaultValue("") String inputDevice, @DefaultValue("30m") Duration maxLength) {
}
