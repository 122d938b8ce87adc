package vn.loaxa.airlog;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import vn.loaxa.schedule.Priority;

/** What callers hand the air log, and what it hands back. Every value is a copy, never a reference. */
public final class AirLogRecords {

    private AirLogRecords() {
    }

    /**
     * A broadcast starts: written before its first sample plays.
     *
     * @param requestedStart the instant the player is asked to put the first sample on (the planned
     *                       start, or a moment from now when it is late); what really happened is in the END
     */
    public record BroadcastStart(String occurrenceKey, String title, Instant plannedStart, Instant requestedStart,
                                 long nominalMs, List<Long> villageIds, List<String> villageNames, Priority priority,
                                 Trigger trigger, String triggeredBy) {
        public BroadcastStart {
            villageIds = List.copyOf(villageIds);
            villageNames = List.copyOf(villageNames);
        }
    }

    /**
     * One item of a started broadcast, as it played.
     *
     * @param actualStart  when the item's first sample left the line (the player's line clock); null
     *                     when it never started
     * @param playedSha256 the SHA-256 of the file as the player read it before airing it; null when it
     *                     was never read (not opened, or a generated sound)
     * @param reason       why it was cut, when a person cut it (SKIPPED, STOPPED); null otherwise
     * @param by           who cut it (decision 0030); null when the station did
     * @param gainDb       the loudness gain the player applied to the item (decision 0034); null when
     *                     none was set
     */
    public record PlayedItem(int position, String kind, String title, @Nullable String topicCode,
                             @Nullable String topicName, @Nullable Long assetId, @Nullable Long bulletinId,
                             String sha256, long nominalMs, long actualMs, Outcome outcome,
                             @Nullable Instant actualStart, @Nullable String playedSha256, @Nullable String reason,
                             @Nullable String by, @Nullable Double gainDb) {

        public PlayedItem(int position, String kind, String title, @Nullable String topicCode,
                          @Nullable String topicName, @Nullable Long assetId, @Nullable Long bulletinId,
                          String sha256, long nominalMs, long actualMs, Outcome outcome,
                          @Nullable Instant actualStart, @Nullable String playedSha256) {
            this(position, kind, title, topicCode, topicName, assetId, bulletinId, sha256, nominalMs, actualMs,
                    outcome, actualStart, playedSha256, null, null, null);
        }

        public PlayedItem(int position, String kind, String title, @Nullable String topicCode,
                          @Nullable String topicName, @Nullable Long assetId, @Nullable Long bulletinId,
                          String sha256, long nominalMs, long actualMs, Outcome outcome,
                          @Nullable Instant actualStart) {
            this(position, kind, title, topicCode, topicName, assetId, bulletinId, sha256, nominalMs, actualMs,
                    outcome, actualStart, null);
        }

        public PlayedItem(int position, String kind, String title, @Nullable String topicCode,
                          @Nullable String topicName, @Nullable Long assetId, @Nullable Long bulletinId,
                          String sha256, long nominalMs, long actualMs, Outcome outcome) {
            this(position, kind, title, topicCode, topicName, assetId, bulletinId, sha256, nominalMs, actualMs,
                    outcome, null);
        }
    }

    /**
     * A broadcast ends: a new row referring to its start, never an edit of it.
     *
     * @param actualStart when its first sample left the line, measured; null when nothing played
     * @param by          the person who stopped it (outcome STOPPED, decision 0030); null when the station ended it
     */
    public record BroadcastEnd(Instant actualEnd, long actualMs, Outcome outcome, @Nullable String reason,
                               @Nullable Instant actualStart, @Nullable String by) {

        public BroadcastEnd(Instant actualEnd, long actualMs, Outcome outcome, @Nullable String reason,
                            @Nullable Instant actualStart) {
            this(actualEnd, actualMs, outcome, reason, actualStart, null);
        }

        public BroadcastEnd(Instant actualEnd, long actualMs, Outcome outcome, @Nullable String reason) {
            this(actualEnd, actualMs, outcome, reason, null);
        }
    }

    /**
     * An occurrence that never started (MISSED or SKIPPED), with the reason. Every place that logs
     * something that did not air builds it with {@link #of}: the outcome is chosen by the last call,
     * {@link Builder#missed} or {@link Builder#skipped}, so it cannot be an aired one.
     */
    public record NotAired(String occurrenceKey, String title, Instant plannedStart, long nominalMs,
                           List<Long> villageIds, List<String> villageNames, Priority priority, Trigger trigger,
                           String triggeredBy, Outcome outcome, String reason) {
        public NotAired {
            if (outcome.aired()) {
                throw new IllegalArgumentException("Not aired means MISSED or SKIPPED, not " + outcome);
            }
            villageIds = List.copyOf(villageIds);
            villageNames = List.copyOf(villageNames);
        }

        /** The occurrence that will not air; who and where follow, then why. */
        public static Builder of(String occurrenceKey, String title, Instant plannedStart, long nominalMs,
                                 Priority priority) {
            return new Builder(occurrenceKey, title, plannedStart, nominalMs, priority);
        }

        public static final class Builder {
            private final String occurrenceKey;
            private final String title;
            private final Instant plannedStart;
            private final long nominalMs;
            private final Priority priority;
            private List<Long> villageIds = List.of();
            private List<String> villageNames = List.of();
            private Trigger trigger = Trigger.SCHEDULE;
            private String triggeredBy = "system";

            private Builder(String occurrenceKey, String title, Instant plannedStart, long nominalMs,
                            Priority priority) {
                this.occurrenceKey = occurrenceKey;
                this.title = title;
                this.plannedStart = plannedStart;
                this.nominalMs = nominalMs;
                this.priority = priority;
            }

            /** The villages it would have switched, ids and names in the same order. */
            public Builder villages(List<Long> ids, List<String> names) {
                this.villageIds = ids;
                this.villageNames = names;
                return this;
            }

            /** What would have started it and who (an operator's name, or the system). */
            public Builder triggeredBy(Trigger trigger, String by) {
                this.trigger = trigger;
                this.triggeredBy = by;
                return this;
            }

            /** It could not air: the station was down, the clock jumped, it was too late. */
            public NotAired missed(String reason) {
                return build(Outcome.MISSED, reason);
            }

            /** It was not started on purpose: a start policy or a rule said so. */
            public NotAired skipped(String reason) {
                return build(Outcome.SKIPPED, reason);
            }

            private NotAired build(Outcome outcome, String reason) {
                return new NotAired(occurrenceKey, title, plannedStart, nominalMs, villageIds, villageNames,
                        priority, trigger, triggeredBy, outcome, reason);
            }
        }
    }

    /**
     * One village switched on or off for a broadcast (or for a village test): the evidence of which
     * villages' loudspeakers carried it.
     *
     * @param occurrenceKey the broadcast's key, or the village test's own key ({@code TEST@...})
     * @param startSeq      the broadcast's START row; null for a village test
     * @param driver        how it was switched: the driver kind (MODBUS, DTMF, MQTT...)
     * @param ack           ACKNOWLEDGED (the device confirmed), SENT (no way to confirm) or FAILED
     * @param at            when the driver knew the outcome
     * @param detail        what confirmed it or why it failed
     */
    public record VillageSwitch(String occurrenceKey, @Nullable Long startSeq, String title,
                                @Nullable Instant plannedStart, long villageId, String villageName, boolean on,
                                String driver, String ack, Instant at, @Nullable String detail,
                                String triggeredBy) {
    }

    /** A VILLAGE row as read back, for reports, exports and the evidence bundle. */
    public record LoggedSwitch(long seq, String occurrenceKey, @Nullable Long startSeq, String title,
                               @Nullable Instant plannedStart, long villageId, String villageName, boolean on,
                               String driver, String ack, Instant at, @Nullable String detail, String triggeredBy) {
        public boolean switched() {
            return !"FAILED".equals(ack);
        }
    }

    /** The handle of a started broadcast, for its items and its end. */
    public record Started(long seq, String occurrenceKey) {
    }

    /**
     * @param firstBadRow the sequence number of the first row that no longer matches; null when intact
     * @param problem     what did not match, for the person checking
     * @param headHash    the last row's hash: written into a report, it pins the log as it was then
     */
    public record Verification(boolean intact, long checkedRows, @Nullable Long firstBadRow,
                               @Nullable String problem, @Nullable String headHash) {
    }

    /**
     * A broadcast as the log tells it: its START (or NOT_AIRED) row joined with its END and items.
     *
     * @param actualStart  when the first sample left the line, as the player measured it (the requested
     *                     instant for a broadcast still on air, and for rows written before it was measured)
     * @param startErrorMs {@code actualStart - plannedStart}: a few ms on time, the lateness of a late start
     * @param endedBy      who stopped it on air (END outcome STOPPED, decision 0030); null when the
     *                     station ended it, and for rows that never started
     */
    public record LoggedBroadcast(long seq, String occurrenceKey, String title, Instant plannedStart,
                                  @Nullable Instant actualStart, @Nullable Long startErrorMs,
                                  @Nullable Instant actualEnd, long nominalMs,
                                  @Nullable Long actualMs, List<Long> villageIds, String villageNames, Priority priority,
                                  Trigger trigger, String triggeredBy, @Nullable Outcome outcome,
                                  @Nullable String reason, @Nullable String endedBy, List<LoggedItem> items) {
    }

    /**
     * @param actualStart  when the item's first sample left the line, measured; null in older rows
     * @param playedSha256 the SHA-256 of the file as read right before it aired; null in rows older
     *                     than V0012 and for items never opened
     * @param gainDb       the loudness gain applied at playout; null in rows older than V0018
     * @param reason       why it was cut (SKIPPED, STOPPED); null otherwise
     * @param by           who skipped it or stopped its broadcast on air (decision 0030); null when
     *                     the station ended it
     */
    public record LoggedItem(long seq, int position, String kind, String title, @Nullable String topicCode,
                             @Nullable String topicName, String sha256, long nominalMs, long actualMs,
                             Outcome outcome, @Nullable Instant actualStart, @Nullable String playedSha256,
                             @Nullable Double gainDb, @Nullable String reason, @Nullable String by) {
    }

    /** Filters over planned start in {@code [from, to)}; null filters match everything. */
    public record Query(Instant from, Instant to, @Nullable Long villageId, @Nullable String topicCode,
                        @Nullable Outcome outcome, int page, int size) {
        public Query {
            if (page < 0 || size < 1) {
                throw new IllegalArgumentException("page >= 0 and size >= 1");
            }
        }
    }

    public record Page(List<LoggedBroadcast> rows, long total, int page, int size) {
    }
}
