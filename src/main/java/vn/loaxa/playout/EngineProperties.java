package vn.loaxa.playout;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The playout engine's settings; its margins are read through {@link PlayoutTiming}, which checks them. The grace window itself is {@link vn.loaxa.schedule.GraceSettings#grace()}
 * (set in the UI, default {@code loaxa.playout.grace}): the schedule also uses it to refuse one-offs.
 *
 * @param enabled     false only for special set-ups (tests of the web UI alone); a station plays
 * @param horizon     how far ahead Quartz holds one trigger per occurrence
 * @param fireAhead   how long before the planned instant a trigger fires: long enough to resolve the items,
 *                    write the START row and let the player open its line {@code loaxa.audio.lead} early
 * @param replanEvery the periodic re-plan, on top of the re-plan after every schedule change
 * @param lateStart   a broadcast that can no longer start on its instant starts this far from now, so that
 *                    the player still opens the line ahead and places the first sample on a known instant
 * @param decideAhead a broadcast facing a busy station decides this long before its instant: time for the
 *                    one on air to fade out and the new line to open (see {@link PlayoutTiming})
 */
@ConfigurationProperties("loaxa.playout")
public record EngineProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("48h") Duration horizon,
        @DefaultValue("2s") Duration fireAhead,
        @DefaultValue("1m") Duration replanEvery,
        @DefaultValue("500ms") Duration lateStart,
        @DefaultValue("1200ms") Duration decideAhead) {

    /** The values a station gets when it sets none. */
    static EngineProperties defaults() {
        return new EngineProperties(true, Duration.ofHours(48), Duration.ofSeconds(2), Duration.ofMinutes(1),
                Duration.ofMillis(500), Duration.ofMillis(1_200));
    }
}
