package vn.loaxa.zone;

import java.time.Instant;
import java.util.List;

/**
 * A broadcast's villages, as the engine hands them over once it has decided to start it.
 *
 * @param everyVillage an emergency: every enabled village, whatever the broadcast named
 */
public record ZoneRequest(String occurrenceKey, String title, Instant plannedStart,
                          List<Long> villageIds, boolean everyVillage, String triggeredBy) {
    public ZoneRequest {
        villageIds = List.copyOf(villageIds);
    }
}
