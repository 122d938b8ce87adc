package vn.loaxa.schedule;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A prepared emergency message: ordered, it becomes an emergency one-off that plays the siren, then
 * the message, {@code repeatCount} times, to its villages (every village in use when none is named).
 *
 * @param messageAssetId a recorded message, or the speech rendered from {@code messageText} when saved
 * @param messageText    what the message says, shown to whoever orders it; spoken when there is no
 *                       recording and the station has text-to-speech
 * @param spokenText     the text {@code messageAssetId} was rendered from; null for a recording
 */
public record EmergencyPreset(long id, String name, int position, Siren siren, @Nullable Long sirenAssetId,
                              @Nullable Long messageAssetId, @Nullable String messageText,
                              @Nullable String spokenText, List<Long> villageIds, int repeatCount, Instant updatedAt,
                              String updatedBy) {

    /** Most times one order may repeat its siren and message: past that it holds the air too long. */
    public static final int MAX_REPEAT = 5;

    public enum Siren {
        /** No siren: the message alone. */
        NONE,
        /** The station's generated siren. */
        TONE,
        /** A siren recording from the library. */
        ASSET
    }

    public EmergencyPreset {
        villageIds = List.copyOf(villageIds);
    }

    /** Whether it targets every village in use (none named). */
    public boolean allVillages() {
        return villageIds.isEmpty();
    }

    /**
     * What an admin enters; {@code messageAssetId} null with a text asks for the text to be spoken.
     */
    public record Draft(String name, Siren siren, @Nullable Long sirenAssetId, @Nullable Long messageAssetId,
                       @Nullable String messageText, List<Long> villageIds, int repeatCount) {
        public Draft {
            villageIds = List.copyOf(villageIds);
        }
    }
}
