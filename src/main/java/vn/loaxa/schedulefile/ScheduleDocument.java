package vn.loaxa.schedulefile;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.StartPolicy;

/**
 * What one or more schedule files say, as read, before it is checked against the station. A
 * section that is absent (null) leaves that part of the station as it is; a section that is present
 * replaces it. Every value keeps where it came from, so a problem found later still names the line.
 */
public record ScheduleDocument(@Nullable StationSpec station, @Nullable List<VillageSpec> villages,
                               @Nullable List<ProgrammeSpec> programmes, @Nullable List<CampaignSpec> campaigns,
                               @Nullable List<BulletinSpec> bulletins) {

    /** A place in a file: the file name, the 1-based line and the field (a dotted path). */
    public record Where(String file, int line, String field) {
    }

    public record StationSpec(String commune, String name, String timeZone, Where at, Where timeZoneAt) {
    }

    public record VillageSpec(String name, Where at) {
    }

    /** {@code villages} null means every village of the station. */
    public record ProgrammeSpec(String name, Set<DayOfWeek> days, LocalTime time, @Nullable LocalDate validFrom,
                                @Nullable LocalDate validTo, int maxLengthSeconds, Priority priority,
                                StartPolicy startPolicy, int waitSeconds, @Nullable AudioRef opening,
                                @Nullable AudioRef closing, @Nullable List<VillageSpec> villages, boolean enabled,
                                @Nullable List<QueueSpec> queue, Where at, Where timeAt) {
    }

    /** A reference to an audio file by name: a file in the samples folder, or an asset of the library. */
    public record AudioRef(String name, Where at) {
    }

    /** {@code from} null: the day of the import; {@code to} null: the bulletin's end, else a year later. */
    public record QueueSpec(String bulletin, @Nullable LocalDate from, @Nullable LocalDate to, Where at) {
    }

    public record CampaignSpec(String name, LocalDate from, LocalDate to, List<TopicRef> topics, String note,
                               Where at) {
    }

    public record TopicRef(String code, Where at) {
    }

    /** {@code validFrom} null: the day of the import. */
    public record BulletinSpec(String title, AudioRef file, TopicRef topic, String author, String source,
                               @Nullable LocalDate validFrom, @Nullable LocalDate validTo, Where at) {
    }
}
