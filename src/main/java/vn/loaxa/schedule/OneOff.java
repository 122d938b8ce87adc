package vn.loaxa.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A broadcast at one instant, outside the programmes; an emergency is one at "now" with EMERGENCY
 * priority. {@code reason} is why it was ordered: required for an emergency, null when none was given.
 * {@code bulletinIds} runs beside {@code assetIds}: the bulletin each item airs, so the air log gets
 * its CCHC topic; null for raw audio (an admin's, an emergency's, or any item stored before one-offs
 * kept their bulletin).
 */
public record OneOff(long id, String title, Instant startsAt, Priority priority, StartPolicy startPolicy,
                     int waitSeconds, List<Long> assetIds, List<@Nullable Long> bulletinIds, List<Long> villageIds,
                     String createdBy, boolean cancelled, @Nullable String reason) {

    public OneOff {
        assetIds = List.copyOf(assetIds);
        if (bulletinIds.size() != assetIds.size()) {
            throw new IllegalArgumentException("one bulletin id (or null) per asset");
        }
        // List.copyOf refuses nulls, and a null here means "raw audio".
        bulletinIds = Collections.unmodifiableList(new ArrayList<>(bulletinIds));
        villageIds = List.copyOf(villageIds);
    }

    /** Raw audio only: no item names a bulletin. */
    public OneOff(long id, String title, Instant startsAt, Priority priority, StartPolicy startPolicy,
                  int waitSeconds, List<Long> assetIds, List<Long> villageIds, String createdBy, boolean cancelled,
                  @Nullable String reason) {
        this(id, title, startsAt, priority, startPolicy, waitSeconds, assetIds, noBulletins(assetIds.size()),
                villageIds, createdBy, cancelled, reason);
    }

    public OneOff(long id, String title, Instant startsAt, Priority priority, StartPolicy startPolicy,
                  int waitSeconds, List<Long> assetIds, List<Long> villageIds, String createdBy, boolean cancelled) {
        this(id, title, startsAt, priority, startPolicy, waitSeconds, assetIds, villageIds, createdBy, cancelled, null);
    }

    public String key() {
        return Occurrence.oneOffKey(id);
    }

    /** The bulletin of item {@code index}, null for raw audio. */
    public @Nullable Long bulletinId(int index) {
        return bulletinIds.get(index);
    }

    private static List<@Nullable Long> noBulletins(int size) {
        return Collections.nCopies(size, null);
    }
}
