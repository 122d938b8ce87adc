package vn.loaxa.playout;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.output.PlayerConfig;

/**
 * The station's output line.
 *
 * @param device        Java Sound device name; blank = the system default
 * @param sampleRate    rate the line is opened at; every item is converted to it
 * @param channels      1 or 2
 * @param lead          how long before a start the line is opened and primed
 * @param outputLatency measured delay between the line clock and the audio leaving the card
 * @param fadeOut       fade length when a broadcast is stopped or interrupted
 * @param volume        master gain, 1.0 = unchanged
 * @param lineBuffer    how much audio the line queues (see {@link PlayoutTiming})
 */
@ConfigurationProperties("loaxa.audio")
public record AudioOutputProperties(
        @DefaultValue("") String device,
        @DefaultValue("44100") int sampleRate,
        @DefaultValue("2") int channels,
        @DefaultValue("1500ms") Duration lead,
        @DefaultValue("0ms") Duration outputLatency,
        @DefaultValue("300ms") Duration fadeOut,
        @DefaultValue("1.0") double volume,
        @DefaultValue("200ms") Duration lineBuffer) {

    /**
     * @param chosenDevice the device in use now (settings may override {@link #device()}); blank = default
     * @param timing       the checked margins: the lead, line buffer, fade and latency come from there
     */
    PlayerConfig toPlayerConfig(String chosenDevice, PlayoutTiming timing) {
        return PlayerConfig.defaults()
                .withDeviceName(chosenDevice.isBlank() ? "default" : chosenDevice)
                .withLineFormat(new PcmFormat(sampleRate, channels))
                .withLineBuffer(timing.lineBuffer())
                .withLead(timing.lead())
                .withOutputLatency(timing.outputLatency())
                .withFadeOut(timing.fadeOut())
                .withVolume(volume);
    }
}
