package vn.loaxa.airlog;

import org.jspecify.annotations.Nullable;

import vn.loaxa.base.HashChain;

/**
 * One air_log row exactly as stored, and its place in the hash chain. The hash covers a canonical
 * text of every column but row_hash, in a fixed order, each value length-prefixed (so no choice of
 * text can make two different rows serialise alike), and the previous row's hash; seq is part of it,
 * so moving or removing a row breaks the chain just as editing one does. The text and the hash are
 * {@link HashChain}'s, shared with the audit trail.
 */
record LogRow(long seq, String kind, long recordedAtMs, @Nullable Long startSeq, String occurrenceKey,
              @Nullable String title, @Nullable Long plannedStartMs, @Nullable Long actualStartMs,
              @Nullable Long actualEndMs, @Nullable Long nominalMs, @Nullable Long actualMs,
              @Nullable String villageIds, @Nullable String villageNames, @Nullable String priority,
              @Nullable String triggerKind, @Nullable String triggeredBy, @Nullable String outcome,
              @Nullable String reason, @Nullable Long itemPosition, @Nullable String itemKind,
              @Nullable String topicCode, @Nullable String topicName, @Nullable Long assetId,
              @Nullable Long bulletinId, @Nullable String assetSha256, @Nullable String playedSha256, String prevHash,
              String rowHash) implements HashChain.Link {

    static final String GENESIS = HashChain.GENESIS;
    private static final String VERSION = "loaxa-airlog-v1";
    /**
     * Rows that carry a played hash (V0012): v1's columns, then played_sha256. A row without one is
     * written and checked as v1, byte for byte as before, so rows older than the column still verify.
     */
    private static final String VERSION_2 = "loaxa-airlog-v2";

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
                itemPosition, itemKind, topicCode, topicName, assetId, bulletinId, assetSha256, null, prevHash,
                rowHash);
    }

    LogRow chained(long newSeq, String newPrevHash) {
        var linked = new LogRow(newSeq, kind, recordedAtMs, startSeq, occurrenceKey, title, plannedStartMs,
                actualStartMs, actualEndMs, nominalMs, actualMs, villageIds, villageNames, priority, triggerKind,
                triggeredBy, outcome, reason, itemPosition, itemKind, topicCode, topicName, assetId, bulletinId,
                assetSha256, playedSha256, newPrevHash, "");
        return linked.withHash(linked.computeHash());
    }

    private LogRow withHash(String hash) {
        return new LogRow(seq, kind, recordedAtMs, startSeq, occurrenceKey, title, plannedStartMs, actualStartMs,
                actualEndMs, nominalMs, actualMs, villageIds, villageNames, priority, triggerKind, triggeredBy,
                outcome, reason, itemPosition, itemKind, topicCode, topicName, assetId, bulletinId, assetSha256,
                playedSha256, prevHash, hash);
    }

    String canonical() {
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
        boolean v2 = text.startsWith(VERSION_2 + "\n");
        if (!v2 && !text.startsWith(VERSION + "\n")) {
            throw new IllegalArgumentException("not an air log row");
        }
        var values = new String[v2 ? 27 : 26];
        int at = (v2 ? VERSION_2 : VERSION).length() + 1;
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
                numOrNull(values[23]), values[24], v2 ? values[25] : null, values[values.length - 1], hash);
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
