package vn.loaxa.watch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param enabled             whether the periodic checks run (the alerts registry is always there)
 * @param diskEvery           how often the data and audio folders' disks are measured
 * @param diskMinFree         below this much free space a disk is reported (an admin's setting wins)
 * @param diskMinFreePercent  or below this share of the disk's size
 * @param clockEvery          how often the clock's synchronisation is asked of the operating system
 * @param clockTimeout        how long the tool asked may take before it counts as no answer
 * @param timedatectl         the Linux tool (a path or a name found on PATH)
 * @param w32tm               the Windows tool
 * @param audioEvery          how often every stored audio file is hashed again
 * @param audioFirstAfter     the first full check after start-up (not at once: start-up is busy)
 * @param audioReadRate       bytes per second the full check reads at most, so playout is never starved
 * @param clockJumpShownFor   how long a clock jump stays an alert
 */
@ConfigurationProperties("loaxa.watch")
public record WatchProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") Duration diskEvery,
        @DefaultValue("1GB") DataSize diskMinFree,
        @DefaultValue("5") int diskMinFreePercent,
        @DefaultValue("10m") Duration clockEvery,
        @DefaultValue("10s") Duration clockTimeout,
        @DefaultValue("timedatectl") String timedatectl,
        @DefaultValue("w32tm") String w32tm,
        @DefaultValue("7d") Duration audioEvery,
        @DefaultValue("10m") Duration audioFirstAfter,
        @DefaultValue("20MB") DataSize audioReadRate,
        @DefaultValue("1h") Duration clockJumpShownFor) {
}
