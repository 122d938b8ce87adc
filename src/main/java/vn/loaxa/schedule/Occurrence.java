package vn.loaxa.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One broadcast the schedule asks for. The key is what makes it play at most once: it is the same
 * whenever and however often the schedule is planned, and the air log records it.
 *
 * @param key      {@code P<programmeId>@yyyy-MM-dd}, {@code O<oneOffId>}, or {@code L<epoch ms>} for a live broadcast
 * @param date     the programme's local date; null for a one-off
 * @param items    what plays, in order, already cut to the maximum length
 * @param dropped  what the schedule named but will not play, with the reason
 */
public record Occurrence(String key, Source source, long sourceId, String title, @Nullable LocalDate date,
                         Instant plannedStart, Priority priority, StartPolicy startPolicy, int waitSeconds,
                         List<Long> villageIds, List<Item> items, List<Dropped> dropped,
                         @Nullable Integer maxLengthSeconds) {

    /** LIVE: a person speaking into the station's microphone now; never planned, never in the schedule. */
    public enum Source { PROGRAMME, ONE_OFF, LIVE }

    /** LIVE: the microphone's audio as it is spoken, recorded as it airs. */
    public enum ItemKind { OPENING, BULLETIN, CLOSING, ASSET, LIVE }

    public enum DropReason { OVER_MAX_LENGTH, NOT_APPROVED, OUTSIDE_VALIDITY, DELETED, ASSET_MISSING, DUPLICATE }

    /** An item to play, with the values the air log copies. */
    public record Item(ItemKind kind, long assetId, @Nullable Long bulletinId, String title, @Nullable String topicCode,
                       @Nullable String topicName, String sha256, long durationMs) {
    }

    public record Dropped(ItemKind kind, long assetId, @Nullable Long bulletinId, String title, DropReason reason) {
    }

    public Occurrence {
        villageIds = List.copyOf(villageIds);
        items = List.copyOf(items);
        dropped = List.copyOf(dropped);
    }

    public long nominalMs() {
        return items.stream().mapToLong(Item::durationMs).sum();
    }

    public static String programmeKey(long programmeId, LocalDate date) {
        return "P" + programmeId + "@" + date;
    }

    public static String oneOffKey(long oneOffId) {
        return "O" + oneOffId;
    }

    public static String liveKey(Instant ordered) {
        return "L" + ordered.toEpochMilli();
    }

    /** Whether the key is a live broadcast's: someone speaking, with no length known in advance. */
    public static boolean isLiveKey(String key) {
        return key.matches("L\\d+");
    }
}
