package vn.loaxa.station;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

import vn.loaxa.base.StationProperties;

/**
 * Takes the {@link StationLock} when the application context is prepared and not yet refreshed:
 * the configuration is complete (including properties tests add in initializers), and no bean
 * exists yet, so neither the database, nor the web server, nor the playout engine has started.
 * Registered in {@code META-INF/spring.factories}, so every way of starting the application takes
 * it, and the data source needs to know nothing about it.
 */
final class StationLockListener implements ApplicationListener<ApplicationPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(StationLockListener.class);

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        // The same binding as the StationProperties bean will get, defaults included.
        var station = Binder.get(event.getApplicationContext().getEnvironment())
                .bindOrCreate("loaxa.station", StationProperties.class);
        var lock = StationLock.acquire(station.dataDir(), station.timeZone());
        log.info("Data folder {} is this station's (process {}, lock file {})", lock.folder(), lock.holder().pid(),
                StationLock.FILE_NAME);
    }
}
