package vn.loaxa.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import vn.loaxa.base.StationTime;
import vn.loaxa.report.Coverage.Kind;
import vn.loaxa.report.Coverage.TopicLine;
import vn.loaxa.report.Coverage.Warning;
import vn.loaxa.schedule.ScheduleService;
import vn.loaxa.schedulefile.CampaignService;

/**
 * The CCHC coverage board of a quarter. It reads the air log through the report's own computation
 * (nothing is counted twice in two ways), the campaigns that the schedule file set, and the plan the
 * engine would follow for the rest of the quarter. Commune leaders (APPROVER) see it too: it tells
 * them which topics of the plan still need bulletins approved.
 */
@Service
public class CoverageService {

    private final ReportService reports;
    private final CampaignService campaigns;
    private final ScheduleService schedule;
    private final StationTime stationTime;

    CoverageService(ReportService reports, CampaignService campaigns, ScheduleService schedule,
                    StationTime stationTime) {
        this.reports = reports;
        this.campaigns = campaigns;
        this.schedule = schedule;
        this.stationTime = stationTime;
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'REPORTER', 'APPROVER')")
    public Coverage quarter(int year, int quarter) {
        var period = ReportPeriod.quarter(year, quarter);
        var report = reports.compute(period);
        var running = campaigns.findAll().stream()
                .filter(c -> !c.to().isBefore(period.from()) && !c.from().isAfter(period.to())).toList();
        var emphasised = new LinkedHashSet<String>();
        running.forEach(c -> emphasised.addAll(c.topicCodes()));

        var queued = new HashMap<String, Long>();
        var now = stationTime.now();
        var end = stationTime.endOfDay(period.to());
        if (now.isBefore(end)) {
            var start = stationTime.startOfDay(period.from());
            for (var o : schedule.plan(now.isAfter(start) ? now : start, end)) {
                for (var item : o.items()) {
                    if (item.bulletinId() != null && item.topicCode() != null) {
                        queued.merge(item.topicCode(), 1L, Long::sum);
                    }
                }
            }
        }

        var topics = new ArrayList<TopicLine>();
        for (var t : report.byTopic()) {
            topics.add(new TopicLine(t.code(), t.name(), emphasised.contains(t.code()),
                    queued.getOrDefault(t.code(), 0L), t.airings(), t.bulletins(), t.minutes()));
        }
        topics.sort(Comparator.comparing((TopicLine t) -> !t.emphasised()));

        var warnings = new ArrayList<Warning>();
        boolean begun = !stationTime.today().isBefore(period.from());
        if (begun) {
            for (var code : emphasised) {
                var line = topics.stream().filter(t -> t.code().equals(code)).findFirst();
                // A campaign may name a topic since retired: it still deserves its warning.
                if (line.map(t -> t.airings() == 0).orElse(true)) {
                    warnings.add(new Warning(Kind.EMPHASISED_NOT_AIRED, line.map(TopicLine::name).orElse(code),
                            queued.getOrDefault(code, 0L)));
                }
            }
            for (var v : report.byVillage()) {
                if (v.figures().airings() == 0) {
                    warnings.add(new Warning(Kind.VILLAGE_NOTHING_AIRED, v.name(), 0));
                }
            }
        }
        return new Coverage(year, quarter, period, report, running.stream().map(c -> c.name()).toList(),
                topics, warnings);
    }

    /** The quarter of today, in the station's zone: where the board opens. */
    public ReportPeriod currentQuarter() {
        return ReportPeriod.quarterOf(stationTime.today());
    }
}
