package vn.loaxa.base;

import java.nio.file.Path;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the station keeps its state and which clock it lives by.
 *
 * @param dataDir  folder of the SQLite database and the generated admin password
 * @param timeZone the zone every schedule, log row and report is expressed in
 */
@ConfigurationProperties("loaxa.station")
public record StationProperties(
        @DefaultValue("data") Path dataDir,
        @DefaultValue("Asia/Ho_Chi_Minh") ZoneId timeZone) {

    public Path databaseFile() {
        return dataDir.resolve("loaxa.db");
    }
}
