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

    /** The one station time every layer converts and formats with: the zone setting on the station's clock. */
    @Bean
    StationTime stationTime(Clock clock, StationProperties station) {
        return StationTime.of(station.timeZone(), clock);
    }
}
