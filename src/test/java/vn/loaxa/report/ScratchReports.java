package vn.loaxa.report;

import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.ScratchAirLog;
import vn.loaxa.airlog.ScratchAirLogScan;
import vn.loaxa.station.StationIdentity;
import vn.loaxa.testing.ScratchDatabase;

/** A ReportService over a scratch database, for benchmarks: topics and villages read from its own tables. */
public final class ScratchReports {

    private ScratchReports() {
    }

    public static ReportService open(ScratchDatabase db, ZoneId zone) {
        return open(db, zone, ScratchAirLog.open(db, Clock.system(zone)));
    }

    /** Village switches read through {@code airLog}: the one a test writes with, rows not yet committed included. */
    public static ReportService open(ScratchDatabase db, ZoneId zone, AirLogService airLog) {
        var jdbc = db.jdbc();
        return new ReportService(ScratchAirLogScan.open(db, zone), airLog::villageSwitches, () -> {
            var topics = new LinkedHashMap<String, String>();
            jdbc.sql("SELECT code, name FROM cchc_topic ORDER BY position").query(rs -> {
                topics.put(rs.getString(1), rs.getString(2));
            });
            return (Map<String, String>) topics;
        }, () -> {
            var villages = new LinkedHashMap<Long, String>();
            jdbc.sql("SELECT id, name FROM village ORDER BY position").query(rs -> {
                villages.put(rs.getLong(1), rs.getString(2));
            });
            return (Map<Long, String>) villages;
        }, zone, () -> new StationIdentity("Gio Sơn", "Đài truyền thanh xã Gio Sơn", "Gio Linh", "Quảng Trị", "",
                "Đỗ An Chung", "PHÓ CHỦ TỊCH"), Clock.system(zone));
    }

    /** For the benchmark: the figures without the role check (no user signs in there). */
    public static Report build(ReportService reports, ReportPeriod period) {
        return reports.compute(period);
    }
}
