package vn.loaxa.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A programme (chương trình): a recurring slot on some days of the week at one start time, within
 * a date range, to some villages, opened and closed by the station's signature tune and ID.
 *
 * @param activeSince when it was created or last enabled: it has no occurrences before that
 */
public record Programme(long id, String name, Set<DayOfWeek> days, LocalTime startTime, LocalDate validFrom,
                        @Nullable LocalDate validTo, int maxLengthSeconds, Priority priority, StartPolicy startPolicy,
                        int waitSeconds, @Nullable Long openingAssetId, @Nullable Long closingAssetId,
                        List<Long> villageIds, boolean enabled, Instant activeSince) {

    public Programme {
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
        villageIds = List.copyOf(villageIds);
    }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }

    /** Bit 0 = Monday ... bit 6 = Sunday, as stored. */
    public static int mask(Set<DayOfWeek> days) {
        int m = 0;
        for (var d : days) {
            m |= 1 << (d.getValue() - 1);
        }
        return m;
    }

    public static Set<DayOfWeek> days(int mask) {
        var set = EnumSet.noneOf(DayOfWeek.class);
        for (var d : DayOfWeek.values()) {
            if ((mask & (1 << (d.getValue() - 1))) != 0) {
                set.add(d);
            }
        }
        return set;
    }

    /** What an operator edits. */
    public record Draft(String name, Set<DayOfWeek> days, LocalTime startTime, LocalDate validFrom,
                        @Nullable LocalDate validTo, int maxLengthSeconds, Priority priority, StartPolicy startPolicy,
                        int waitSeconds, @Nullable Long openingAssetId, @Nullable Long closingAssetId,
                        List<Long> villageIds, boolean enabled) {
    }
}
