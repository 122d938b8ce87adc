package vn.loaxa.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import vn.loaxa.schedule.Occurrence.DropReason;
import vn.loaxa.schedule.Occurrence.Dropped;
import vn.loaxa.schedule.Occurrence.Item;
import vn.loaxa.schedule.Occurrence.ItemKind;
import vn.loaxa.schedule.ScheduleSnapshot.AssetInfo;

/**
 * Turns a schedule into the broadcasts planned in {@code [from, to)}. A pure function: no database,
 * no clock, the zone from the argument; the same snapshot and range always give the same list, which
 * is what lets the engine re-plan at any time and lets tests simulate a year in memory.
 */
public final class OccurrencePlanner {

    /** Same instant: emergencies first, then by key, so the order never depends on input order. */
    public static final Comparator<Occurrence> ORDER = Comparator.comparing(Occurrence::plannedStart)
            .thenComparing(Occurrence::priority, Comparator.reverseOrder())
            .thenComparing(Occurrence::key);

    private OccurrencePlanner() {
    }

    public static List<Occurrence> plan(ScheduleSnapshot schedule, Instant from, Instant to, ZoneId zone) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        Map<Long, List<QueueEntry>> queue = schedule.queue().stream()
                .sorted(Comparator.comparingInt(QueueEntry::position).thenComparingLong(QueueEntry::id))
                .collect(Collectors.groupingBy(QueueEntry::programmeId));
        // One day of margin each side: which local dates touch the range depends on the zone's offset.
        var firstDay = from.atZone(zone).toLocalDate().minusDays(1);
        var lastDay = to.atZone(zone).toLocalDate().plusDays(1);
        var out = new ArrayList<Occurrence>();
        for (var p : schedule.programmes()) {
            if (!p.enabled() || p.days().isEmpty()) {
                continue;
            }
            var day = p.validFrom().isAfter(firstDay) ? p.validFrom() : firstDay;
            var end = p.validTo() != null && p.validTo().isBefore(lastDay) ? p.validTo() : lastDay;
            for (; !day.isAfter(end); day = day.plusDays(1)) {
                if (!p.days().contains(day.getDayOfWeek())) {
                    continue;
                }
                var at = ZonedDateTime.of(day, p.startTime(), zone).toInstant();
                if (at.isBefore(from) || !at.isBefore(to) || at.isBefore(p.activeSince())) {
                    continue;
                }
                out.add(programmeOccurrence(p, day, at, queue.getOrDefault(p.id(), List.of()), schedule));
            }
        }
        for (var o : schedule.oneOffs()) {
            if (!o.cancelled() && !o.startsAt().isBefore(from) && o.startsAt().isBefore(to)) {
                out.add(oneOffOccurrence(o, schedule, zone));
            }
        }
        out.sort(ORDER);
        return out;
    }

    private static Occurrence programmeOccurrence(Programme p, LocalDate day, Instant at, List<QueueEntry> queue,
                                                  ScheduleSnapshot s) {
        var dropped = new ArrayList<Dropped>();
        var opening = frame(ItemKind.OPENING, p.openingAssetId(), s, dropped);
        var closing = frame(ItemKind.CLOSING, p.closingAssetId(), s, dropped);
        // Opening and closing always play (the station must identify itself); bulletins fill the rest.
        long budget = p.maxLengthSeconds() * 1000L - length(opening) - length(closing);
        var bulletins = new ArrayList<Item>();
        var seen = new HashSet<Long>();
        boolean full = false;
        for (var entry : queue) {
            if (!entry.covers(day)) {
                continue;
            }
            var b = s.bulletins().get(entry.bulletinId());
            var asset = b == null ? null : s.assets().get(b.assetId());
            var title = b == null ? "#" + entry.bulletinId() : b.title();
            long assetId = b == null ? -1 : b.assetId();
            var reason = b == null || b.deleted() ? DropReason.DELETED
                    : !b.approved() ? DropReason.NOT_APPROVED
                    : !b.validOn(day) ? DropReason.OUTSIDE_VALIDITY
                    : asset == null || !asset.present() ? DropReason.ASSET_MISSING
                    : !seen.add(b.id()) ? DropReason.DUPLICATE
                    : null;
            if (reason == null && (full || asset.durationMs() > budget)) {
                // Order is the operator's: once one does not fit, nothing after it jumps ahead.
                full = true;
                reason = DropReason.OVER_MAX_LENGTH;
            }
            if (reason != null) {
                dropped.add(new Dropped(ItemKind.BULLETIN, assetId, entry.bulletinId(), title, reason));
                continue;
            }
            budget -= asset.durationMs();
            bulletins.add(new Item(ItemKind.BULLETIN, asset.id(), b.id(), b.title(), b.topicCode(), b.topicName(),
                    asset.sha256(), asset.durationMs()));
        }
        var items = new ArrayList<Item>();
        if (opening != null) {
            items.add(opening);
        }
        items.addAll(bulletins);
        if (closing != null) {
            items.add(closing);
        }
        return new Occurrence(Occurrence.programmeKey(p.id(), day), Occurrence.Source.PROGRAMME, p.id(), p.name(),
                day, at, p.priority(), p.startPolicy(), p.waitSeconds(), p.villageIds(), items, dropped,
                p.maxLengthSeconds());
    }

    /**
     * An item that names a bulletin airs as that bulletin (its topic goes into the air log), under
     * the rules of the queue: withdrawn, deleted or out of its validity on the day, it is dropped
     * with the reason. An emergency plays whatever it was given, since it cannot wait for anyone.
     */
    private static Occurrence oneOffOccurrence(OneOff o, ScheduleSnapshot s, ZoneId zone) {
        var items = new ArrayList<Item>();
        var dropped = new ArrayList<Dropped>();
        boolean emergency = o.priority() == Priority.EMERGENCY;
        var day = o.startsAt().atZone(zone).toLocalDate();
        for (int i = 0; i < o.assetIds().size(); i++) {
            long assetId = o.assetIds().get(i);
            var bulletinId = o.bulletinId(i);
            var b = bulletinId == null ? null : s.bulletins().get(bulletinId);
            if (bulletinId != null && !emergency) {
                var reason = b == null || b.deleted() ? DropReason.DELETED
                        : !b.approved() ? DropReason.NOT_APPROVED
                        : !b.validOn(day) ? DropReason.OUTSIDE_VALIDITY
                        : null;
                if (reason != null) {
                    dropped.add(new Dropped(ItemKind.BULLETIN, assetId, bulletinId, b == null ? "#" + bulletinId
                            : b.title(), reason));
                    continue;
                }
            }
            var item = frame(b == null ? ItemKind.ASSET : ItemKind.BULLETIN, assetId, s, dropped);
            if (item != null) {
                items.add(b == null ? item : new Item(ItemKind.BULLETIN, item.assetId(), b.id(), b.title(),
                        b.topicCode(), b.topicName(), item.sha256(), item.durationMs()));
            }
        }
        // An emergency cuts whatever plays, whatever the stored policy says.
        var policy = emergency ? StartPolicy.CUT : o.startPolicy();
        return new Occurrence(o.key(), Occurrence.Source.ONE_OFF, o.id(), o.title(), null, o.startsAt(),
                o.priority(), policy, o.waitSeconds(), o.villageIds(), items, dropped, null);
    }

    private static @Nullable Item frame(ItemKind kind, @Nullable Long assetId, ScheduleSnapshot s,
                                        List<Dropped> dropped) {
        if (assetId == null) {
            return null;
        }
        AssetInfo a = s.assets().get(assetId);
        if (a == null || !a.present()) {
            dropped.add(new Dropped(kind, assetId, null, a == null ? "#" + assetId : a.title(), DropReason.ASSET_MISSING));
            return null;
        }
        return new Item(kind, a.id(), null, a.title(), null, null, a.sha256(), a.durationMs());
    }

    private static long length(@Nullable Item item) {
        return item == null ? 0 : item.durationMs();
    }
}
