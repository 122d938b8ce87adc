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
 * @param problem   why the last switch or poll failed; null while all is well (this raises the alert)
 */
public record VillageHealth(long villageId, String name, boolean enabled, DriverKind driver,
                            @Nullable Boolean online, @Nullable Instant lastSeen, boolean on,
                            @Nullable Integer volume, @Nullable String problem, @Nullable Instant problemAt) {

    public boolean alert() {
        return enabled && driver != DriverKind.NONE && (problem != null || Boolean.FALSE.equals(online));
    }
}
