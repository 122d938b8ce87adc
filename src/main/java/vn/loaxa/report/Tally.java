package vn.loaxa.report;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import vn.loaxa.airlog.AirLogRecords.LoggedSwitch;
import vn.loaxa.airlog.AirLogScan.Row;
import vn.loaxa.report.Report.AiredFile;
import vn.loaxa.report.Report.BulletinRow;
import vn.loaxa.report.Report.EmergencyRow;
import vn.loaxa.report.Report.Figures;

/**
 * Counts a period's log rows in one pass, in chain order: a START opens a broadcast, its ITEMs and
 * END add to it, NOT_AIRED stands alone; starts still open at the end are unfinished. The period's
 * VILLAGE rows, read beforehand, say which villages each broadcast really reached.
 */
final class Tally implements Consumer<Row> {

    static final int TOP_BULLETINS = 10;

    /** The counters of one group (the period, a month, a quarter, a village). */
    static final class Acc {
        final long[] outcome = new long[Outcomes.values().length];
        long planned, airings, airedMs;
        final Set<Long> bulletins = new HashSet<>();

        Figures figures() {
            return new Figures(planned, outcome[0], outcome[1], outcome[2], outcome[3], outcome[4], outcome[5],
                    outcome[6], bulletins.size(), airings, Math.round(airedMs / 1000.0), minutes(airedMs));
        }
    }

    /** Outcomes in Figures order, with UNFINISHED for a start that has no end. */
    enum Outcomes {
        COMPLETED, INTERRUPTED, PREEMPTED, FAILED, MISSED, SKIPPED, UNFINISHED;

        /**
         * A broadcast a person stopped on air (END outcome STOPPED) counts as interrupted: it aired, and
         * was cut before its end (decision 0030). SKIPPED only ever reaches here from NOT_AIRED rows.
         */
        static Outcomes of(String logged) {
            return "STOPPED".equals(logged) ? INTERRUPTED : valueOf(logged);
        }
    }

    static final class TopicAcc {
        String name;
        long broadcasts, airings, airedMs, lastStart = -1;
        final Set<Long> bulletins = new HashSet<>();

        TopicAcc(String name) {
            this.name = name;
        }
    }

    static final class FileAcc {
        String title;
        @Nullable String topic;
        @Nullable Long bulletin;
        long airings, airedMs;
        Instant first, last;

        FileAcc(String title, @Nullable String topic, @Nullable Long bulletin, Instant when) {
            this.title = title;
            this.topic = topic;
            this.bulletin = bulletin;
            this.first = when;
            this.last = when;
        }

        void seen(Instant when) {
            first = when.isBefore(first) ? when : first;
            last = when.isAfter(last) ? when : last;
        }
    }

    /** What one village's loudspeakers carried, beside what was planned for it. */
    static final class Reach {
        long aired, received, shortfall, onFailures, offFailures;
    }

    /** A started broadcast until its END; {@code audio} once an item played for more than zero ms. */
    private static final class Open {
        private final Row start;
        private final Acc[] groups;
        private final Instant aired;
        private final Set<Long> villages;
        /** The topic codes of the bulletins that aired in it ("" for a bulletin without topic). */
        final Set<String> topics = new HashSet<>();
        boolean audio;

        Open(Row start, Acc[] groups, Instant aired, Set<Long> villages) {
            this.start = start;
            this.groups = groups;
            this.aired = aired;
            this.villages = villages;
        }

        Row start() {
            return start;
        }

        Acc[] groups() {
            return groups;
        }

        Instant aired() {
            return aired;
        }
    }

    final Acc total = new Acc();
    final Acc[] months;
    final YearMonth firstMonth;
    final Map<Integer, Acc> quarters = new LinkedHashMap<>();
    final Map<Long, Acc> villages = new LinkedHashMap<>();
    final Map<Long, String> villageNames = new HashMap<>();
    final Map<String, TopicAcc> topics = new LinkedHashMap<>();
    /** Raw audio of one-offs: aired, but no CCHC bulletin's. */
    final TopicAcc notCchc = new TopicAcc(Report.NOT_CCHC_NAME);
    final Map<String, FileAcc> files = new LinkedHashMap<>();
    final Map<Long, FileAcc> bulletins = new HashMap<>();
    final List<EmergencyRow> emergencies = new ArrayList<>();
    final List<Report.LateStart> lateStarts = new ArrayList<>();
    final Map<Long, Reach> reach = new HashMap<>();
    /**
     * By village, by topic code: broadcasts that reached the village (as {@link Reach#received}
     * counts them) and aired a bulletin of the topic. The report's village x topic table.
     */
    final Map<Long, Map<String, Long>> reachedByTopic = new HashMap<>();
    /** By village: broadcasts that reached it and aired any bulletin. */
    final Map<Long, Long> reachedBulletins = new HashMap<>();
    /** By topic code: broadcasts of the topic that reached at least one village. */
    final Map<String, Long> topicReachedAny = new HashMap<>();
    /** Broadcasts that aired a bulletin and reached at least one village. */
    long bulletinsReachedAny;
    /**
     * By START seq, each village that has an ON row: true when it was switched on, false when the
     * switch failed. A broadcast missing here was logged without village rows (driver "none").
     */
    private final Map<Long, Map<Long, Boolean>> switchedOn = new HashMap<>();
    private final Map<Long, Open> open = new HashMap<>();
    private final Map<Long, Open> emergencyOpen = new HashMap<>();
    private final long[] monthStarts;

    Tally(ReportPeriod period, ZoneId zone, Map<String, String> knownTopics, Map<Long, String> knownVillages,
          List<LoggedSwitch> switches) {
        firstMonth = YearMonth.from(period.from());
        int count = (int) firstMonth.until(YearMonth.from(period.to()), java.time.temporal.ChronoUnit.MONTHS) + 1;
        months = new Acc[count];
        monthStarts = new long[count];
        for (int i = 0; i < count; i++) {
            var m = firstMonth.plusMonths(i);
            months[i] = new Acc();
            monthStarts[i] = m.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
            quarters.computeIfAbsent(quarterKey(m), k -> new Acc());
        }
        knownTopics.forEach((code, name) -> topics.put(code, new TopicAcc(name)));
        knownVillages.forEach((id, name) -> {
            villages.put(id, new Acc());
            villageNames.put(id, name);
        });
        for (var s : switches) {
            // A village test ("Thử loa các thôn") has no START: evidence of the wiring, never a broadcast.
            if (s.startSeq() == null || s.occurrenceKey().startsWith("TEST@")) {
                continue;
            }
            var ons = switchedOn.computeIfAbsent(s.startSeq(), k -> new HashMap<>());
            // An emergency switches every enabled village, named or not: each one gets a row.
            villages.computeIfAbsent(s.villageId(), k -> new Acc());
            villageNames.putIfAbsent(s.villageId(), s.villageName());
            if (s.on()) {
                ons.put(s.villageId(), s.switched());
            }
            if (!s.switched()) {
                var r = reach(s.villageId());
                if (s.on()) {
                    r.onFailures++;
                } else {
                    r.offFailures++;
                }
            }
        }
    }

    Reach reach(long village) {
        return reach.computeIfAbsent(village, k -> new Reach());
    }

    static int quarterKey(YearMonth m) {
        return m.getYear() * 10 + (m.getMonthValue() + 2) / 3;
    }

    static double minutes(long ms) {
        return Math.round(ms / 6000.0) / 10.0;
    }

    @Override
    public void accept(Row r) {
        switch (r.kind()) {
            case "START", "NOT_AIRED" -> begin(r);
            case "ITEM" -> item(r);
            case "END" -> end(r);
            default -> { }
        }
    }

    private void begin(Row r) {
        int m = Arrays.binarySearch(monthStarts, r.plannedStartMs());
        int month = m >= 0 ? m : -m - 2;
        var groups = new ArrayList<Acc>(List.of(total, months[month],
                quarters.get(quarterKey(firstMonth.plusMonths(month)))));
        var targets = villagesOf(r);
        targets.forEach((id, name) -> {
            groups.add(villages.computeIfAbsent(id, k -> new Acc()));
            villageNames.put(id, name);
        });
        var accs = groups.toArray(Acc[]::new);
        for (var a : accs) {
            a.planned++;
        }
        var aired = Instant.ofEpochMilli(r.actualStartMs() != null ? r.actualStartMs() : r.plannedStartMs());
        var o = new Open(r, accs, aired, targets.keySet());
        boolean emergency = "EMERGENCY".equals(r.priority()) || "EMERGENCY".equals(r.trigger());
        if (r.kind().equals("START")) {
            open.put(r.seq(), o);
            if (emergency) {
                emergencyOpen.put(r.seq(), o);
            }
        } else {
            count(accs, Outcomes.of(r.outcome()), 0);
            if (emergency) {
                emergency(o, r.outcome(), 0, r.reason(), null);
            }
        }
    }

    private void item(Row r) {
        var o = open.get(r.startSeq());
        if (o == null || r.actualMs() <= 0) {
            return;
        }
        o.audio = true;
        var sha = r.sha256() == null ? "" : r.sha256();
        var title = r.title() == null ? "" : r.title();
        var file = files.computeIfAbsent(sha, k -> new FileAcc(title, r.topicName(), r.bulletinId(), o.aired()));
        file.airings++;
        file.seen(o.aired());
        if (r.bulletinId() == null) {
            // A one-off's raw audio (no bulletin): not in the topic figures, but reported on its own
            // line so the officer sees it aired. A programme's opening and closing are neither.
            if (r.occurrenceKey().startsWith("O")) {
                notCchc.airings++;
                notCchc.airedMs += r.actualMs();
                if (notCchc.lastStart != r.startSeq()) {
                    notCchc.lastStart = r.startSeq();
                    notCchc.broadcasts++;
                }
            }
            return;
        }
        long id = r.bulletinId();
        for (var a : o.groups()) {
            a.airings++;
            a.bulletins.add(id);
        }
        var b = bulletins.computeIfAbsent(id, k -> new FileAcc(title, r.topicName(), id, o.aired()));
        b.airings++;
        b.airedMs += r.actualMs();
        b.seen(o.aired());
        var code = r.topicCode() == null ? "" : r.topicCode();
        o.topics.add(code);
        var t = topics.computeIfAbsent(code, k -> new TopicAcc(r.topicName() == null ? "(không có chủ đề)" : r.topicName()));
        t.airings++;
        t.airedMs += r.actualMs();
        t.bulletins.add(id);
        if (t.lastStart != r.startSeq()) {
            t.lastStart = r.startSeq();
            t.broadcasts++;
        }
    }

    private void end(Row r) {
        var o = open.remove(r.startSeq());
        if (o == null) {
            return;
        }
        var outcome = Outcomes.of(r.outcome());
        count(o.groups(), outcome, r.actualMs());
        if (outcome != Outcomes.FAILED || r.actualMs() > 0 || o.audio) {
            received(o);
        }
        // The end row carries the start the player measured; older rows and those a restart closed do not.
        var s = o.start();
        Long measured = r.actualStartMs() != null ? r.actualStartMs() : r.actualMs() > 0 ? s.actualStartMs() : null;
        var e = emergencyOpen.remove(r.startSeq());
        if (e != null) {
            emergency(e, r.outcome(), r.actualMs(), r.reason(), measured);
        }
        if (measured != null && measured - s.plannedStartMs() > Report.LATE_AFTER_SECONDS * 1000) {
            lateStarts.add(new Report.LateStart(Instant.ofEpochMilli(s.plannedStartMs()), Instant.ofEpochMilli(measured),
                    (measured - s.plannedStartMs()) / 1000, s.title() == null ? "" : s.title(),
                    s.villageNames() == null ? "" : s.villageNames(), r.outcome() == null ? "" : r.outcome(),
                    r.reason()));
        }
    }

    /**
     * A broadcast that went on air (an END other than FAILED, or FAILED after some audio): each
     * village it targeted received it unless its ON row failed or is missing while other villages
     * have one; a village switched on that it did not name (an emergency) received it too.
     */
    private void received(Open o) {
        var ons = switchedOn.get(o.start().seq());
        var reached = new ArrayList<Long>();
        for (var v : o.villages) {
            var r = reach(v);
            r.aired++;
            if (ons == null || Boolean.TRUE.equals(ons.get(v))) {
                r.received++;
                reached.add(v);
            } else {
                r.shortfall++;
            }
        }
        if (ons != null) {
            ons.forEach((v, on) -> {
                if (on && !o.villages.contains(v)) {
                    reach(v).received++;
                    reached.add(v);
                }
            });
        }
        // The village x topic table counts with the same rule as "received", so its rows agree with it.
        if (o.topics.isEmpty() || reached.isEmpty()) {
            return;
        }
        for (var v : reached) {
            var byTopic = reachedByTopic.computeIfAbsent(v, k -> new HashMap<>());
            o.topics.forEach(code -> byTopic.merge(code, 1L, Long::sum));
            reachedBulletins.merge(v, 1L, Long::sum);
        }
        o.topics.forEach(code -> topicReachedAny.merge(code, 1L, Long::sum));
        bulletinsReachedAny++;
    }

    /** Starts with no end: still on air, or the station stopped and has not yet closed them. */
    void finish() {
        for (var o : open.values()) {
            count(o.groups(), Outcomes.UNFINISHED, 0);
        }
        for (var e : emergencyOpen.values()) {
            emergency(e, "UNFINISHED", 0, null, e.start().actualStartMs());
        }
        open.clear();
        emergencyOpen.clear();
        emergencies.sort(Comparator.comparing(EmergencyRow::plannedStart));
        lateStarts.sort(Comparator.comparing(Report.LateStart::plannedStart));
    }

    private static void count(Acc[] groups, Outcomes outcome, long airedMs) {
        for (var a : groups) {
            a.outcome[outcome.ordinal()]++;
            a.airedMs += airedMs;
        }
    }

    private void emergency(Open o, @Nullable String outcome, long airedMs, @Nullable String reason,
                           @Nullable Long actualStartMs) {
        var s = o.start();
        emergencies.add(new EmergencyRow(Instant.ofEpochMilli(s.plannedStartMs()),
                actualStartMs == null ? null : Instant.ofEpochMilli(actualStartMs),
                s.title() == null ? "" : s.title(), s.villageNames() == null ? "" : s.villageNames(),
                outcome == null ? "" : outcome, Math.round(airedMs / 1000.0),
                s.triggeredBy() == null ? "" : s.triggeredBy(), reason, s.occurrenceKey(), null));
    }

    /** Village ids and the names copied beside them ("Thôn 1, Thôn 2"); by id when the names do not split evenly. */
    private static Map<Long, String> villagesOf(Row r) {
        var result = new LinkedHashMap<Long, String>();
        if (r.villageIds() == null) {
            return result;
        }
        var ids = Arrays.stream(r.villageIds().split(",")).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
        var names = r.villageNames() == null ? new String[0] : r.villageNames().split(", ");
        for (int i = 0; i < ids.size(); i++) {
            result.put(ids.get(i), names.length == ids.size() ? names[i] : "#" + ids.get(i));
        }
        return result;
    }

    List<BulletinRow> topBulletins() {
        return bulletins.values().stream()
                .sorted(Comparator.comparingLong((FileAcc f) -> -f.airings).thenComparingLong(f -> -f.airedMs)
                        .thenComparing(f -> f.title))
                .limit(TOP_BULLETINS)
                .map(f -> new BulletinRow(f.bulletin, f.title, f.topic, f.airings, Math.round(f.airedMs / 1000.0),
                        minutes(f.airedMs), f.first, f.last))
                .toList();
    }

    List<AiredFile> airedFiles() {
        return files.entrySet().stream().map(e -> new AiredFile(e.getKey(), e.getValue().title, e.getValue().topic,
                e.getValue().bulletin, e.getValue().airings, e.getValue().first, e.getValue().last)).toList();
    }
}
