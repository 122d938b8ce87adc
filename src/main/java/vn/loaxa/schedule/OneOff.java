package vn.loaxa.schedule;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A broadcast at one instant, outside the programmes; an emergency is one at "now" with EMERGENCY
 * priority. {@code reason} is why it was ordered: required for an emergency, null when none was given.
 */
public record OneOff(long id, String title, Instant startsAt, Priority priority, StartPolicy startPolicy,
                     int waitSeconds, List<Long> assetIds, List<Long> villageIds, String createdBy,
                     boolean cancelled, @Nullable String reason) {

    public OneOff {
        assetIds = List.copyOf(assetIds);
        villageIds = List.copyOf(villageIds);
    }

    public OneOff(long id, String title, Instant startsAt, Priority priority, StartPolicy startPolicy,
                  int waitSeconds, List<Long> assetIds, List<Long> villageIds, String createdBy, boolean cancelled) {
        this(id, title, startsAt, priority, startPolicy, waitSeconds, assetIds, villageIds, createdBy, cancelled, null);
    }

    public String key() {
        return Occurrence.oneOffKey(id);
    }
}
