package vn.loaxa.airlog;

import java.time.Clock;
import java.time.ZoneId;

import vn.loaxa.testing.ScratchDatabase;

/** The report's view of the air log over a scratch database, without Spring. */
public final class ScratchAirLogScan {

    private ScratchAirLogScan() {
    }

    public static AirLogScan open(ScratchDatabase db, ZoneId zone) {
        return new AirLogScan(db.jdbc(), ScratchAirLog.open(db, Clock.system(zone)),
                vn.loaxa.base.StationTime.of(zone, Clock.system(zone)));
    }
}
