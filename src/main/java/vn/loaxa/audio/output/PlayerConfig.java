package vn.loaxa.audio.output;

import java.time.Duration;
import vn.loaxa.audio.PcmFormat;

/**
 * How the player uses the output.
 *
 * @param deviceName    Java Sound mixer name; blank or "default" for the system default
 * @param lineFormat    the format the line is opened in; every item is converted to it
 * @param lineBuffer    how much audio the line queues: bounds how late a stop or volume change is
 *                      heard, and how long a hiccup of the decoding thread may be without a dropout
 * @param lead          how long before the start instant the line is opened and primed with silence
 * @param outputLatency delay between the instant the line clock says a frame leaves and the
 *                      instant it really leaves the output, which Java Sound cannot see (a sound
 *                      server's buffer, position granularity); calibrated per station, may be
 *                      negative
 * @param fadeOut       length of the fade when stopped
 * @param volume        gain applied to every sample; 1.0 leaves samples bit-exact
 * @param onItemFailure what to do when an item cannot be opened or decoded
 */
public record PlayerConfig(String deviceName, PcmFormat lineFormat, Duration lineBuffer, Duration lead,
        Duration outputLatency, Duration fadeOut, double volume, ItemFailurePolicy onItemFailure) {

    public enum ItemFailurePolicy {
        /** Report the item and go on with the next one, gaplessly. */
        SKIP_ITEM,
        /** Report the item and end the playout. */
        STOP
    }

    public PlayerConfig {
        if (lineBuffer.toMillis() < 20 || lineBuffer.toMillis() > 2_000) {
            throw new IllegalArgumentException("line buffer must be 20..2000 ms: " + lineBuffer);
        }
        if (lead.isNegative() || fadeOut.isNegative()) {
            throw new IllegalArgumentException("lead and fade must not be negative");
        }
        if (outputLatency.abs().toMillis() > 1_000) {
            // Negative is allowed: it corrects a line clock that runs behind the output.
            throw new IllegalArgumentException("output latency must be within 1 s either way: " + outputLatency);
        }
        if (!(volume >= 0 && volume <= GainStage.MAX_GAIN)) {
            throw new IllegalArgumentException("volume must be within 0.." + GainStage.MAX_GAIN + ": " + volume);
        }
    }

    public static PlayerConfig defaults() {
        return new PlayerConfig("default", PcmFormat.CD_STEREO, Duration.ofMillis(200), Duration.ofMillis(1_500),
                Duration.ZERO, Duration.ofMillis(300), 1.0, ItemFailurePolicy.SKIP_ITEM);
    }

    public PlayerConfig withDeviceName(String name) {
        return new PlayerConfig(name, lineFormat, lineBuffer, lead, outputLatency, fadeOut, volume, onItemFailure);
    }

    /**
     * The line buffer a playout with a live input gets: what waits in the output line is delay from
     * the microphone to the loudspeakers, so it holds 40 ms (never more than configured).
     */
    public PlayerConfig forLive() {
        var live = Duration.ofMillis(Math.min(lineBuffer.toMillis(), LIVE_LINE_BUFFER_MS));
        return new PlayerConfig(deviceName, lineFormat, live, lead, outputLatency, fadeOut, volume, onItemFailure);
    }

    static final long LIVE_LINE_BUFFER_MS = 40;

    public PlayerConfig withLineFormat(PcmFormat format) {
        return new PlayerConfig(deviceName, format, lineBuffer, lead, outputLatency, fadeOut, volume, onItemFailure);
    }

    public PlayerConfig withLineBuffer(Duration buffer) {
        return new PlayerConfig(deviceName, lineFormat, buffer, lead, outputLatency, fadeOut, volume, onItemFailure);
    }

    public PlayerConfig withLead(Duration newLead) {
        return new PlayerConfig(deviceName, lineFormat, lineBuffer, newLead, outputLatency, fadeOut, volume, onItemFailure);
    }

    public PlayerConfig withOutputLatency(Duration latency) {
        return new PlayerConfig(deviceName, lineFormat, lineBuffer, lead, latency, fadeOut, volume, onItemFailure);
    }

    public PlayerConfig withFadeOut(Duration fade) {
        return new PlayerConfig(deviceName, lineFormat, lineBuffer, lead, outputLatency, fade, volume, onItemFailure);
    }

    public PlayerConfig withVolume(double newVolume) {
        return new PlayerConfig(deviceName, lineFormat, lineBuffer, lead, outputLatency, fadeOut, newVolume, onItemFailure);
    }

    public PlayerConfig withOnItemFailure(ItemFailurePolicy policy) {
        return new PlayerConfig(deviceName, lineFormat, lineBuffer, lead, outputLatency, fadeOut, volume, policy);
    }

    int frames(Duration duration) {
        return (int) Math.round(duration.toNanos() * lineFormat.sampleRate() / 1e9);
    }
}
