package vn.loaxa.playout;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.loaxa.audio.output.OutputPort;
import vn.loaxa.audio.output.PlayoutClock;
import vn.loaxa.schedule.PlayoutProperties;

/**
 * The timing core's parts: its checked margins, and where its output lines and its clock come from
 * (the station's sound devices and the system clock; a test of the timing core replaces these two).
 */
@Configuration(proxyBeanMethods = false)
class PlayoutWiring {

    /** Fails the start with the reason when the margins would make a first sample late. */
    @Bean
    PlayoutTiming playoutTiming(EngineProperties engine, AudioOutputProperties audio, PlayoutProperties playout) {
        return PlayoutTiming.of(engine, audio, playout);
    }

    @Bean
    OutputPort outputPort() {
        return OutputPort.javaSound();
    }

    @Bean
    PlayoutClock playoutClock() {
        return PlayoutClock.system();
    }
}
