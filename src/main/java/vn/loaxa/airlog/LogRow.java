package vn.loaxa.airlog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import vn.loaxa.airlog.AirLogRecords.BroadcastEnd;
import vn.loaxa.airlog.AirLogRecords.BroadcastStart;
import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogRecords.Started;
import vn.loaxa.airlog.AirLogRecords.VillageSwitch;
import vn.loaxa.base.HashChain;
import vn.loaxa.schedule.Priority;

/**
 * One air_log row exactly as stored, and its place in the hash chain. The hash covers a canonical
 * text of every column but row_hash, in a fixed order, each value length-prefixed (so no choice of
 * text can make two different rows serialise alike), and the previous row's hash; seq is part of it,
 * so moving or removing a row breaks the chain just as editing one does. The text and the hash are
 * {@link HashChain}'s, shared with the audit trail.
 *
 * <p>Rows are made by kind, one factory each ({@link #start}, {@link #item}, {@link #end},
 * {@link #notAired}, {@link #villageSwitch}); {@link #columns()} is the one place a row meets the
 * table's column names.
 */
record LogRow(long seq, String kind, long recordedAtMs, @Nullable Long startSeq, String occurrenceKey,
              @Nullable String title, @Nullable Long plannedStartMs, @Nullable Long actualStartMs,
              @Nullable Long actualEndMs, @Nullable Long nominalMs, @Nullable Long actualMs,
              @Nullable String villageIds, @Nullable String villageNames, @Nullable String priority,
              @Nullable String triggerKind, @Nullable String triggeredBy, @Nullable String outcome,
              @Nullable String reason, @Nullable Long itemPosition, @Nullable String itemKind,
              @Nullable String topicCode, @Nullable String topicName, @Nullable Long assetId,
              @Nullable Long bulletinId, @Nullable String assetSha256, @Nullable String playedSha256,
              @Nullable Long gainCdb, String prevHash, String rowHash) implements HashChain.Link {

    static final String GENESIS = HashChain.GENESIS;
    private static final String VERSION = "loaxa-airlog-v1";
    /**
     * Rows that carry a played hash (V0012): v1's columns, then played_sha256. A row without one is
     * written and checked as v1, byte for byte as before, so rows older than the column still verify.
     */
    private static final String VERSION_2 = "loaxa-airlog-v2";
    /**
     * Rows that carry the loudness gain the player applied (V0018): v2's columns (the played hash may
     * be absent), then gain_cdb. Rows without a gain are written and checked as v1 or v2, as before.
     */
    private static final String VERSION_3 = "loaxa-airlog-v3";

    /** A row without a loudness gain: every row written before V0018, and every kind but an ITEM. */
    LogRow(long seq, String kind, long recordedAtMs, @Nullable Long startSeq, String occurrenceKey,
           @Nullable String title, @Nullable Long plannedStartMs, @Nullable Long actualStartMs,
           @Nullable Long actualEndMs, @Nullable Long nominalMs, @Nullable Long actualMs,
           @Nullable String villageIds, @Nullable String villageNames, @Nullable String priority,
           @Nullable String triggerKind, @Nullable String triggeredBy, @Nullable String outcome,
           @Nullable String reason, @Nullable Long itemPosition, @Nullable String itemKind,
           @Nullable String topicCode, @Nullable String topicName, @Nullable Long assetId,
           @Nullable Long bulletinId, @Nullable String assetSha256, @Nullable String playedSha256, String prevHash,
           String rowHash) {
        this(seq, kind, recordedAtMs, startSeq, occurrenceKey, title, plannedStartMs, actualStartMs, actualEndMs,
                nominalMs, actualMs, villageIds, villageNames, priority, triggerKind, triggeredBy, outcome, reason,
                itemPosition, itemKind, topicCode, topicName, assetId, bulletinId, assetSha256, playedSha256, null,
                prevHash, rowHash);
    }

    /** A row without a played hash (every kind but an ITEM whose file was read and hashed). */
    LogRow(long seq, String kind, long recordedAtMs, @Nullable Long startSeq, String occurrenceKey,
           @Nullable String title, @Nullable Long plannedStartMs, @Nullable Long actualStartMs,
           @Nullable Long actualEndMs, @Nullable Long nominalMs, @Nullable Long actualMs,
           @Nullable String villageIds, @Nullable String villageNames, @Nullable String priority,
           @Nullable String triggerKind, @Nullable String triggeredBy, @Nullable String outcome,
           @Nullable String reason, @Nullable Long itemPosition, @Nullable String itemKind,
           @Nullable String topicCode, @Nullable String topicName, @Nullable Long assetId,
           @Nullable Long bulletinId, @Nullable String assetSha256, String prevHash, String rowHash) {
        this(seq, kind, recordedAtMs, startSeq, occurrenceKey, title, plannedStartMs, actualStartMs, actualEndMs,
                nominalMs, actualMs, villageIds, villageNames, priority, triggerKind, triggeredBy, outcome, reason,
                itemPosition, itemKind, topicCode, topicName, assetId, bulletinId, assetSha256, null, null, prevHash,
                rowHash);
    }

    /** The columns in the order the table, the chained text and the journal hold them. */
    static final List<String> COLUMNS = List.copyOf(new Builder(RowKind.START, "").build().columns().keySet());

    /** The broadcast's START, written before its first sample plays. */
    static LogRow start(BroadcastStart s) {
        return new Builder(RowKind.START, s.occurrenceKey()).title(s.title()).plannedStart(s.plannedStart())
                .actualStart(s.requestedStart()).nominalMs(s.nominalMs()).villages(s.villageIds(), s.villageNames())
                .priority(s.priority()).trigger(s.trigger(), s.triggeredBy()).build();
    }

    /** One ITEM of a started broadcast, as it played (or failed to). */
    static LogRow item(Started broadcast, PlayedItem i) {
        return new Builder(RowKind.ITEM, broadcast.occurrenceKey()).startSeq(broadcast.seq()).title(i.title())
                .actualStart(i.actualStart()).nominalMs(i.nominalMs()).actualMs(i.actualMs())
                .outcome(i.outcome(), i.reason()).itemPosition(i.position()).itemKind(i.kind())
                .topic(i.topicCode(), i.topicName()).asset(i.assetId(), i.bulletinId(), i.sha256())
                .playedSha256(i.playedSha256()).by(i.by()).gainDb(i.gainDb()).build();
    }

    /** The END of a started broadcast: a new row referring to its START, never an edit of it. */
    static LogRow end(Started broadcast, BroadcastEnd e) {
        return new Builder(RowKind.END, broadcast.occurrenceKey()).startSeq(broadcast.seq())
                .actualStart(e.actualStart()).actualEnd(e.actualEnd()).actualMs(e.actualMs())
                .outcome(e.outcome(), e.reason()).by(e.by()).build();
    }

    /** A NOT_AIRED occurrence (MISSED or SKIPPED), with the reason. */
    static LogRow notAired(NotAired n) {
        return new Builder(RowKind.NOT_AIRED, n.occurrenceKey()).title(n.title()).plannedStart(n.plannedStart())
                .nominalMs(n.nominalMs()).villages(n.villageIds(), n.villageNames()).priority(n.priority())
                .trigger(n.trigger(), n.triggeredBy()).outcome(n.outcome(), n.reason()).build();
    }

    /**
     * A VILLAGE switched on or off. Its columns are borrowed: the driver in trigger_kind, the
     * acknowledgement in outcome, ON/OFF in item_kind, the answer's instant in actual_start_ms.
     */
    static LogRow villageSwitch(VillageSwitch v) {
        var b = new Builder(RowKind.VILLAGE, v.occurrenceKey()).title(v.title()).plannedStart(v.plannedStart())
                .actualStart(v.at()).villages(List.of(v.villageId()), List.of(v.villageName()));
        b.triggerKind = v.driver();
        b.triggeredBy = v.triggeredBy();
        b.outcome = v.ack();
        b.reason = v.detail();
        b.itemKind = v.on() ? "ON" : "OFF";
        if (v.startSeq() != null) {
            b.startSeq(v.startSeq());
        }
        return b.build();
    }

    /** This row's content as written at the given instant, not yet in the chain. */
    LogRow stamped(long atMs) {
        return new LogRow(0, kind, atMs, startSeq, occurrenceKey, title, plannedStartMs, actualStartMs, actualEndMs,
                nominalMs, actualMs, villageIds, villageNames, priority, triggerKind, triggeredBy, outcome, reason,
                itemPosition, itemKind, topicCode, topicName, assetId, bulletinId, assetSha256, playedSha256, gainCdb, "",
                "");
    }

    LogRow chained(long newSeq, String newPrevHash) {
        var linked = new LogRow(newSeq, kind, recordedAtMs, startSeq, occurrenceKey, title, plannedStartMs,
                actualStartMs, actualEndMs, nominalMs, actualMs, villageIds, villageNames, priority, triggerKind,
                triggeredBy, outcome, reason, itemPosition, itemKind, topicCode, topicName, assetId, bulletinId,
                assetSha256, playedSha256, gainCdb, newPrevHash, "");
        return linked.withHash(linked.computeHash());
    }

    private LogRow withHash(String hash) {
        return new LogRow(seq, kind, recordedAtMs, startSeq, occurrenceKey, title, plannedStartMs, actualStartMs,
                actualEndMs, nominalMs, actualMs, villageIds, villageNames, priority, triggerKind, triggeredBy,
                outcome, reason, itemPosition, itemKind, topicCode, topicName, assetId, bulletinId, assetSha256,
                playedSha256, gainCdb, prevHash, hash);
    }

    /** Column name to value, in table order: the one place a row meets the table's column names. */
    Map<String, @Nullable Object> columns() {
        var c = new LinkedHashMap<String, @Nullable Object>();
        c.put("seq", seq);
        c.put("kind", kind);
        c.put("recorded_at_ms", recordedAtMs);
        c.put("start_seq", startSeq);
        c.put("occurrence_key", occurrenceKey);
        c.put("title", title);
        c.put("planned_start_ms", plannedStartMs);
        c.put("actual_start_ms", actualStartMs);
        c.put("actual_end_ms", actualEndMs);
        c.put("nominal_ms", nominalMs);
        c.put("actual_ms", actualMs);
        c.put("village_ids", villageIds);
        c.put("village_names", villageNames);
        c.put("priority", priority);
        c.put("trigger_kind", triggerKind);
        c.put("triggered_by", triggeredBy);
        c.put("outcome", outcome);
        c.put("reason", reason);
        c.put("item_position", itemPosition);
        c.put("item_kind", itemKind);
        c.put("topic_code", topicCode);
        c.put("topic_name", topicName);
        c.put("asset_id", assetId);
        c.put("bulletin_id", bulletinId);
        c.put("asset_sha256", assetSha256);
        c.put("played_sha256", playedSha256);
        c.put("gain_cdb", gainCdb);
        c.put("prev_hash", prevHash);
        c.put("row_hash", rowHash);
        return c;
    }

    /** The row read back by column name. */
    static LogRow read(ResultSet rs) throws SQLException {
        return new LogRow(rs.getLong("seq"), rs.getString("kind"), rs.getLong("recorded_at_ms"),
                longOrNull(rs, "start_seq"), rs.getString("occurrence_key"), rs.getString("title"),
                longOrNull(rs, "planned_start_ms"), longOrNull(rs, "actual_start_ms"), longOrNull(rs, "actual_end_ms"),
                longOrNull(rs, "nominal_ms"), longOrNull(rs, "actual_ms"), rs.getString("village_ids"),
                rs.getString("village_names"), rs.getString("priority"), rs.getString("trigger_kind"),
                rs.getString("triggered_by"), rs.getString("outcome"), rs.getString("reason"),
                longOrNull(rs, "item_position"), rs.getString("item_kind"), rs.getString("topic_code"),
                rs.getString("topic_name"), longOrNull(rs, "asset_id"), longOrNull(rs, "bulletin_id"),
                rs.getString("asset_sha256"), rs.getString("played_sha256"), longOrNull(rs, "gain_cdb"),
                rs.getString("prev_hash"),
                rs.getString("row_hash"));
    }

    private static @Nullable Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** The kinds of row the air log holds; the table stores their names. */
    enum RowKind {
        START, ITEM, END, NOT_AIRED, VILLAGE
    }

    /**
     * Named setters for a row's content, so a factory says which column gets which value instead of
     * placing it by position among 28. Sequence, time, link and hash are added when it is appended.
     */
    static final class Builder {
        private final String kind;
        private final String occurrenceKey;
        private @Nullable Long startSeq;
        private @Nullable String title;
        private @Nullable Long plannedStartMs;
        private @Nullable Long actualStartMs;
        private @Nullable Long actualEndMs;
        private @Nullable Long nominalMs;
        private @Nullable Long actualMs;
        private @Nullable String villageIds;
        private @Nullable String villageNames;
        private @Nullable String priority;
        private @Nullable String triggerKind;
        private @Nullable String triggeredBy;
        private @Nullable String outcome;
        private @Nullable String reason;
        private @Nullable Long itemPosition;
        private @Nullable String itemKind;
        private @Nullable String topicCode;
        private @Nullable String topicName;
        private @Nullable Long assetId;
        private @Nullable Long bulletinId;
        private @Nullable String assetSha256;
        private @Nullable String playedSha256;
        private @Nullable Long gainCdb;

        Builder(RowKind kind, String occurrenceKey) {
            this.kind = kind.name();
            this.occurrenceKey = occurrenceKey;
        }

        Builder startSeq(long seq) {
            this.startSeq = seq;
            return this;
        }

        Builder title(String title) {
            this.title = title;
            return this;
        }

        Builder plannedStart(@Nullable Instant at) {
            this.plannedStartMs = ms(at);
            return this;
        }

        Builder actualStart(@Nullable Instant at) {
            this.actualStartMs = ms(at);
            return this;
        }

        Builder actualEnd(Instant at) {
            this.actualEndMs = at.toEpochMilli();
            return this;
        }

        Builder nominalMs(long ms) {
            this.nominalMs = ms;
            return this;
        }

        Builder actualMs(long ms) {
            this.actualMs = ms;
            return this;
        }

        /** Ids as {@code ,1,2,} (so one id is found with LIKE), names joined for people. */
        Builder villages(List<Long> ids, List<String> names) {
            this.villageIds = ids.stream().map(String::valueOf).collect(Collectors.joining(",", ",", ","));
            this.villageNames = String.join(", ", names);
            return this;
        }

        Builder priority(Priority priority) {
            this.priority = priority.name();
            return this;
        }

        Builder trigger(Trigger trigger, String by) {
            this.triggerKind = trigger.name();
            this.triggeredBy = by;
            return this;
        }

        /**
         * Who cut an item or stopped a broadcast on air: ITEM and END rows carry the person in
         * triggered_by (null, as in every older row, when the station ended it).
         */
        Builder by(@Nullable String person) {
            this.triggeredBy = person;
            return this;
        }

        Builder outcome(Outcome outcome, @Nullable String reason) {
            this.outcome = outcome.name();
            this.reason = reason;
            return this;
        }

        Builder itemPosition(int position) {
            this.itemPosition = (long) position;
            return this;
        }

        Builder itemKind(String kind) {
            this.itemKind = kind;
            return this;
        }

        Builder topic(@Nullable String code, @Nullable String name) {
            this.topicCode = code;
            this.topicName = name;
            return this;
        }

        Builder asset(@Nullable Long assetId, @Nullable Long bulletinId, String sha256) {
            this.assetId = assetId;
            this.bulletinId = bulletinId;
            this.assetSha256 = sha256;
            return this;
        }

        Builder playedSha256(@Nullable String sha256) {
            this.playedSha256 = sha256;
            return this;
        }

        /** Kept in hundredths of a dB: an exact integer in the chained text, where a double's digits could vary. */
        Builder gainDb(@Nullable Double db) {
            this.gainCdb = db == null ? null : Math.round(db * 100);
            return this;
        }

        LogRow build() {
            return new LogRow(0, kind, 0, startSeq, occurrenceKey, title, plannedStartMs, actualStartMs, actualEndMs,
                    nominalMs, actualMs, villageIds, villageNames, priority, triggerKind, triggeredBy, outcome, reason,
                    itemPosition, itemKind, topicCode, topicName, assetId, bulletinId, assetSha256, playedSha256,
                    gainCdb, "", "");
        }

        private static @Nullable Long ms(@Nullable Instant at) {
            return at == null ? null : at.toEpochMilli();
        }
    }

    String canonical() {
        if (gainCdb != null) {
            return HashChain.canonical(VERSION_3, seq, kind, recordedAtMs, startSeq, occurrenceKey, title,
                    plannedStartMs, actualStartMs, actualEndMs, nominalMs, actualMs, villageIds, villageNames, priority,
                    triggerKind, triggeredBy, outcome, reason, itemPosition, itemKind, topicCode, topicName, assetId,
                    bulletinId, assetSha256, playedSha256, gainCdb, prevHash);
        }
        if (playedSha256 != null) {
            return HashChain.canonical(VERSION_2, seq, kind, recordedAtMs, startSeq, occurrenceKey, title,
                    plannedStartMs, actualStartMs, actualEndMs, nominalMs, actualMs, villageIds, villageNames, priority,
                    triggerKind, triggeredBy, outcome, reason, itemPosition, itemKind, topicCode, topicName, assetId,
                    bulletinId, assetSha256, playedSha256, prevHash);
        }
        return HashChain.canonical(VERSION, seq, kind, recordedAtMs, startSeq, occurrenceKey, title, plannedStartMs,
                actualStartMs, actualEndMs, nominalMs, actualMs, villageIds, villageNames, priority, triggerKind,
                triggeredBy, outcome, reason, itemPosition, itemKind, topicCode, topicName, assetId, bulletinId,
                assetSha256, prevHash);
    }

    /** The row back from {@link #canonical()} followed by its row hash (the air log journal's record). */
    static LogRow fromCanonical(String text) {
        boolean v3 = text.startsWith(VERSION_3 + "\n");
        boolean v2 = v3 || text.startsWith(VERSION_2 + "\n");
        if (!v2 && !text.startsWith(VERSION + "\n")) {
            throw new IllegalArgumentException("not an air log row");
        }
        var values = new String[v3 ? 28 : v2 ? 27 : 26];
        int at = (v3 ? VERSION_3 : v2 ? VERSION_2 : VERSION).length() + 1;
        for (int i = 0; i < values.length; i++) {
            if (text.startsWith("~\n", at)) {
                at += 2;
                continue;
            }
            int colon = text.indexOf(':', at);
            int length = Integer.parseInt(text.substring(at, colon));
            values[i] = text.substring(colon + 1, colon + 1 + length);
            at = colon + 1 + length;
            if (text.charAt(at) != '\n') {
                throw new IllegalArgumentException("bad value " + i);
            }
            at++;
        }
        var hash = text.substring(at);
        return new LogRow(num(values[0]), values[1], num(values[2]), numOrNull(values[3]), values[4], values[5],
                numOrNull(values[6]), numOrNull(values[7]), numOrNull(values[8]), numOrNull(values[9]),
                numOrNull(values[10]), values[11], values[12], values[13], values[14], values[15], values[16],
                values[17], numOrNull(values[18]), values[19], values[20], values[21], numOrNull(values[22]),
                numOrNull(values[23]), values[24], v2 ? values[25] : null, v3 ? numOrNull(values[26]) : null,
                values[values.length - 1], hash);
    }

    private static long num(@Nullable String v) {
        if (v == null) {
            throw new IllegalArgumentException("missing number");
        }
        return Long.parseLong(v);
    }

    private static @Nullable Long numOrNull(@Nullable String v) {
        return v == null ? null : Long.valueOf(v);
    }

    @Override
    public String computeHash() {
        return HashChain.sha256Hex(canonical());
    }
}
