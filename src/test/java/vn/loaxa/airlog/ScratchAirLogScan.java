package vn.loaxa.airlog;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

import vn.loaxa.base.StationProperties;
import vn.loaxa.testing.ScratchDatabase;

/** The report's view of the air log over a scratch database, without Spring. */
public final class ScratchAirLogScan {

    private ScratchAirLogScan() {
    }

    public static AirLogScan open(ScratchDatabase db, ZoneId zone) {
        return new AirLogScan(db.jdbc(), ScratchAirLog.open(db, Clock.system(zone)),
                new StationProperties(Path.of("data"), zone));
    }
}
