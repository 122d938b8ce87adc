package vn.loaxa.zone;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A village's loudspeakers as the station last knew them, for the dashboard, {@code /api/status}
 * and {@code GET /api/villages}.
 *
 * @param online    true or false when the driver can poll (Modbus read-back, MQTT status) or the last
 *                  switch told; null when nothing has told yet or the driver cannot know
 * @param lastSeen  when the device last answered (a poll, an acknowledged switch)
 * @param on        whether the loudspeakers are switched on, as far as the station knows
 * @param problem     what the device or driver said when the last switch or poll failed (technical, as
 *                    the driver reports it); null while all is well (this raises the alert)
 * @param problemKind what failed, for a person's sentence in their language; null with no problem
 */
public record VillageHealth(long villageId, String name, boolean enabled, DriverKind driver,
                            @Nullable Boolean online, @Nullable Instant lastSeen, boolean on,
                            @Nullable Integer volume, @Nullable String problem, @Nullable ProblemKind problemKind,
                            @Nullable Instant problemAt) {

    /** What went wrong with a village's loudspeakers. */
    public enum ProblemKind {
        /** They could not be switched on for a broadcast (or a test): the village did not hear it. */
        SWITCH_ON,
        /** They could not be switched off: they may carry what is not meant for them. */
        SWITCH_OFF,
        /** The relay board or cluster does not answer the poll. */
        OFFLINE
    }

    public boolean alert() {
        return enabled && driver != DriverKind.NONE && (problem != null || Boolean.FALSE.equals(online));
    }
}
