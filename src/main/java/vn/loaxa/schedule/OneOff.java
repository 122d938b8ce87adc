package vn.loaxa.schedule;

import java.time.Instant;
import java.util.List;

/** A broadcast at one instant, outside the programmes; an emergency is one at "now" with EMERGENCY priority. */
public record OneOff(long id, String title, Instant startsAt, Priority priority, StartPolicy startPolicy,
                     int waitSeconds, List<Long> assetIds, List<Long> villageIds, String createdBy,
                     boolean cancelled) {

    public OneOff {
        assetIds = List.copyOf(assetIds);
        villageIds = List.copyOf(villageIds);
    }

    public String key() {
        return Occurrence.oneOffKey(id);
    }
}
