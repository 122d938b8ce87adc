package vn.loaxa.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import vn.loaxa.airlog.AirLogRecords.LoggedSwitch;
import vn.loaxa.airlog.AirLogScan;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.base.StationTime;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.report.Report.MonthRow;
import vn.loaxa.report.Report.QuarterRow;
import vn.loaxa.report.Report.TopicRow;
import vn.loaxa.report.Report.VillageRow;
import vn.loaxa.schedule.OneOff;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.station.StationIdentity;
import vn.loaxa.station.StationSettings;
import vn.loaxa.station.VillageService;

/**
 * Builds a period's report from the air log in one streaming pass, after one read of the period's
 * village switches (a few rows per broadcast, joined in memory by their START). The current topics
 * and villages only add rows with zeros (so the officer sees what was never broadcast) and give the
 * order; every figure and every name that aired comes from the log's own copies.
 */
@Service
public class ReportService {

    private final AirLogScan scan;
    private final BiFunction<Instant, Instant, List<LoggedSwitch>> switches;
    private final Supplier<Map<String, String>> topics;
    private final Supplier<Map<Long, String>> villages;
    private final ZoneId zone;
    private final Supplier<StationIdentity> identity;
    private final Clock clock;
    /** Why a one-off was ordered, by its occurrence key: kept with the one-off, not in the air log. */
    private final Function<String, @Nullable String> orderReasons;

    @Autowired
    ReportService(AirLogScan scan, AirLogService airLog, TopicService topics, VillageService villages,
                  StationTime stationTime, StationSettings settings, OneOffService oneOffs, Clock clock) {
        this(scan, airLog::villageSwitches, () -> {
            var known = new LinkedHashMap<String, String>();
            topics.findAll().stream().filter(t -> !t.retired()).forEach(t -> known.put(t.code(), t.name()));
            return known;
        }, () -> {
            var known = new LinkedHashMap<Long, String>();
            villages.findAll().stream().filter(v -> v.enabled()).forEach(v -> known.put(v.id(), v.name()));
            return known;
        }, stationTime.zone(), settings::identity, clock,
                key -> oneOffs.byKey(key).map(OneOff::reason).orElse(null));
    }

    /** For benchmarks and tests without Spring: the topics and villages that get rows even with zeros. */
    ReportService(AirLogScan scan, BiFunction<Instant, Instant, List<LoggedSwitch>> switches,
                  Supplier<Map<String, String>> topics, Supplier<Map<Long, String>> villages, ZoneId zone,
                  Supplier<StationIdentity> identity, Clock clock) {
        this(scan, switches, topics, villages, zone, identity, clock, key -> null);
    }

    private ReportService(AirLogScan scan, BiFunction<Instant, Instant, List<LoggedSwitch>> switches,
                          Supplier<Map<String, String>> topics, Supplier<Map<Long, String>> villages, ZoneId zone,
                          Supplier<StationIdentity> identity, Clock clock,
                          Function<String, @Nullable String> orderReasons) {
        this.orderReasons = orderReasons;
        this.scan = scan;
        this.switches = switches;
        this.topics = topics;
        this.villages = villages;
        this.zone = zone;
        this.identity = identity;
        this.clock = clock;
    }

    /** The report of {@code from} to {@code to}, station-local dates, both inclusive. */
    @PreAuthorize("hasAnyRole('ADMIN', 'REPORTER')")
    public Report build(LocalDate from, LocalDate to) {
        return build(ReportPeriod.of(from, to));
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'REPORTER')")
    public Report build(ReportPeriod period) {
        return compute(period);
    }

    /** Without the role check: the exports and the evidence bundle call it after their own. */
    Report compute(ReportPeriod period) {
        return compute(period, switches(period));
    }

    /** The period's VILLAGE rows (village tests included), in log order, for the report and the evidence. */
    List<LoggedSwitch> switches(ReportPeriod period) {
        return switches.apply(start(period), end(period));
    }

    /** With the period's village switches already read, so the evidence bundle reads them once. */
    Report compute(ReportPeriod period, List<LoggedSwitch> villageSwitches) {
        var tally = new Tally(period, zone, topics.get(), villages.get(), villageSwitches);
        scan.scan(start(period), end(period), tally);
        tally.finish();
        return new Report(period, identity.get(), clock.instant(), tally.total.figures(), topicRows(tally),
                monthRows(tally), quarterRows(tally), villageRows(tally), tally.topBulletins(),
                tally.emergencies.stream().map(e -> e.withOrderReason(orderReasons.apply(e.occurrenceKey()))).toList(),
                List.copyOf(tally.lateStarts), tally.airedFiles(), topicRow(Report.NOT_CCHC_CODE, tally.notCchc),
                villageTopics(tally));
    }

    private Instant start(ReportPeriod period) {
        return StationTime.of(zone, clock).startOfDay(period.from());
    }

    private Instant end(ReportPeriod period) {
        return StationTime.of(zone, clock).endOfDay(period.to());
    }

    private static List<TopicRow> topicRows(Tally t) {
        var rows = new ArrayList<TopicRow>();
        t.topics.forEach((code, a) -> rows.add(topicRow(code, a)));
        return rows;
    }

    private static TopicRow topicRow(String code, Tally.TopicAcc a) {
        return new TopicRow(code, a.name, a.broadcasts, a.bulletins.size(), a.airings, Math.round(a.airedMs / 1000.0),
                Tally.minutes(a.airedMs));
    }

    private static List<MonthRow> monthRows(Tally t) {
        var rows = new ArrayList<MonthRow>();
        for (int i = 0; i < t.months.length; i++) {
            rows.add(new MonthRow(t.firstMonth.plusMonths(i), t.months[i].figures()));
        }
        return rows;
    }

    private static List<QuarterRow> quarterRows(Tally t) {
        return t.quarters.entrySet().stream()
                .map(e -> new QuarterRow(e.getKey() / 10, e.getKey() % 10, e.getValue().figures())).toList();
    }

    private static Report.VillageTopics villageTopics(Tally t) {
        var rows = t.villages.keySet().stream().map(id -> new Report.VillageTopicRow(id, t.villageNames.get(id),
                Map.copyOf(t.reachedByTopic.getOrDefault(id, Map.of())), t.reachedBulletins.getOrDefault(id, 0L)))
                .toList();
        return new Report.VillageTopics(rows, Map.copyOf(t.topicReachedAny), t.bulletinsReachedAny);
    }

    private static List<VillageRow> villageRows(Tally t) {
        var none = new Tally.Reach();
        return t.villages.entrySet().stream().map(e -> {
            var r = t.reach.getOrDefault(e.getKey(), none);
            return new VillageRow(e.getKey(), t.villageNames.get(e.getKey()), e.getValue().figures(), r.aired,
                    r.received, r.shortfall, r.onFailures, r.offFailures);
        }).toList();
    }
}
