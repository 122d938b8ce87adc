package vn.loaxa.schedulefile;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.StartPolicy;
import vn.loaxa.zone.DriverKind;

/**
 * What one or more schedule files say, as read, before it is checked against the station. A
 * section that is absent (null) leaves that part of the station as it is; a section that is present
 * replaces it. Every value keeps where it came from, so a problem found later still names the line.
 * Village addresses and switching settings are the exception, key by key: a key left out keeps
 * what the station has, because an export leaves out the MQTT password and a hand-written file
 * names only what a technician just wired.
 */
public record ScheduleDocument(@Nullable StationSpec station, @Nullable List<VillageSpec> villages,
                               @Nullable List<ProgrammeSpec> programmes, @Nullable List<CampaignSpec> campaigns,
                               @Nullable List<BulletinSpec> bulletins, @Nullable SwitchingSpec switching) {

    /** A place in a file: the file name, the 1-based line and the field (a dotted path). */
    public record Where(String file, int line, String field) {
    }

    public record StationSpec(String commune, String name, String timeZone, Where at, Where timeZoneAt) {
    }

    /** {@code address} null: the plain form ({@code - Thôn 1}), which leaves the village's addresses alone. */
    public record VillageSpec(String name, @Nullable AddressSpec address, Where at) {

        public VillageSpec(String name, Where at) {
            this(name, null, at);
        }
    }

    /**
     * A value as written, with its place. {@code value} null: written empty ({@code relay: ""}), which
     * clears an address.
     */
    public record Given<T>(@Nullable T value, Where at) {
    }

    /** A village's addresses on the switching drivers; a key left out (null) keeps the stored one. */
    public record AddressSpec(@Nullable Given<String> code, @Nullable Given<Integer> relay,
                              @Nullable Given<String> dtmfOn, @Nullable Given<String> dtmfOff,
                              @Nullable Given<String> mqttTopic) {
    }

    /**
     * The {@code switching} section: the driver and its settings; a key left out (null) keeps the
     * stored setting. Text settings are never null inside a {@link Given}: blank is "".
     */
    public record SwitchingSpec(@Nullable Given<DriverKind> driver, @Nullable Given<Duration> preRoll,
                                @Nullable Given<String> serialPort, @Nullable Given<Integer> baudRate,
                                @Nullable Given<Integer> unitId, @Nullable Given<Duration> serialTimeout,
                                @Nullable Given<String> mqttBroker, @Nullable Given<String> mqttUsername,
                                @Nullable Given<String> mqttPassword, @Nullable Given<String> mqttClientId,
                                @Nullable Given<Duration> mqttTimeout, @Nullable Given<String> commandProgram,
                                @Nullable Given<Duration> commandTimeout, @Nullable Given<Double> dtmfLevel,
                                @Nullable Given<Integer> dtmfToneMs, @Nullable Given<Integer> dtmfPauseMs, Where at) {
    }

    /** {@code villages} null means every village of the station. */
    public record ProgrammeSpec(String name, Set<DayOfWeek> days, LocalTime time, @Nullable LocalDate validFrom,
                                @Nullable LocalDate validTo, int maxLengthSeconds, Priority priority,
                                StartPolicy startPolicy, int waitSeconds, @Nullable AudioRef opening,
                                @Nullable AudioRef closing, @Nullable List<VillageSpec> villages, boolean enabled,
                                @Nullable List<QueueSpec> queue, Where at, Where timeAt) {
    }

    /**
     * A reference to an audio file by name: a file in the samples folder, or an asset of the library.
     * {@code title} (the long form, {@code {file: mo-dau.mp3, title: ...}}) names the asset the file
     * becomes when it is first imported; an asset already in the library keeps its own.
     */
    public record AudioRef(String name, Where at, @Nullable String title) {

        public AudioRef(String name, Where at) {
            this(name, at, null);
        }
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
