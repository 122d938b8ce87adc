package vn.loaxa.base;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for the whole station, in its zone, so tests can replace it and nothing reads the JVM default zone. */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

    @Bean
    Clock clock(StationProperties station) {
        return Clock.system(station.timeZone());
    }
}
