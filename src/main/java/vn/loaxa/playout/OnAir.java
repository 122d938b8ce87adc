package vn.loaxa.playout;

import java.util.List;

import org.jspecify.annotations.Nullable;

import vn.loaxa.schedule.Priority;

/**
 * The broadcast on air as the screens show it.
 *
 * @param allVillages   an emergency with no villages named: it reaches every enabled village
 * @param now           the item the player reports; null while the line is being opened
 * @param programmeItem the programme's item on air (0-based), -1 during the switching tones or before the first
 * @param stopping      a stop was asked for and the fade is under way
 * @param afterItemMs   the nominal length of the items after the one on air
 */
public record OnAir(String key, String title, Priority priority, List<String> villageNames, boolean allVillages,
                    @Nullable NowPlaying now, int programmeItem, boolean stopping, long afterItemMs) {

    public OnAir {
        villageNames = List.copyOf(villageNames);
    }

    public boolean emergency() {
        return priority == Priority.EMERGENCY;
    }

    /** Someone speaking into the microphone: it lasts until they end it, so there is no time left to show. */
    public boolean live() {
        return vn.loaxa.schedule.Occurrence.isLiveKey(key);
    }

    /** How long the item on air has been playing (a live broadcast: how long the person has spoken). */
    public long elapsedMs(java.time.Instant now) {
        var n = this.now;
        return n == null ? 0 : Math.max(0, java.time.Duration.between(n.itemStartedAt(), now).toMillis());
    }

    /** What is left of the programme at {@code elapsedInItemMs} into the item on air: nominal, never negative. */
    public long remainingMs(long elapsedInItemMs) {
        long item = now == null ? 0 : Math.max(0, now.itemDurationMs() - elapsedInItemMs);
        return item + afterItemMs;
    }
}
