package vn.loaxa.airlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import vn.loaxa.base.HashChain;

/**
 * The played hash joins the chained text only of rows that have one, so a row written before the
 * column existed hashes exactly as it did then, and the new column cannot be altered unseen.
 */
class PlayedHashChainTest {

    private static final String ASSET = "a".repeat(64);
    private static final String PLAYED = "b".repeat(64);

    private static LogRow item(String played) {
        return new LogRow(0, "ITEM", 1_764_700_000_000L, 7L, "oneoff:1", "Bản tin", null, 1_764_700_001_000L, null,
                1_000L, 998L, null, null, null, null, null, "COMPLETED", null, 0L, "BULLETIN", "TT", "Thời tiết", 3L,
                4L, ASSET, played, "", "").chained(8, HashChain.GENESIS);
    }

    @Test
    void a_row_without_a_played_hash_hashes_exactly_as_rows_did_before_the_column() {
        var row = item(null);
        // The text and hash of version 1, written out by hand as the station wrote them before V0012.
        var v1 = HashChain.canonical("loaxa-airlog-v1", 8L, "ITEM", 1_764_700_000_000L, 7L, "oneoff:1", "Bản tin",
                null, 1_764_700_001_000L, null, 1_000L, 998L, null, null, null, null, null, "COMPLETED", null, 0L,
                "BULLETIN", "TT", "Thời tiết", 3L, 4L, ASSET, HashChain.GENESIS);
        assertThat(row.canonical()).isEqualTo(v1);
        assertThat(row.rowHash()).isEqualTo(HashChain.sha256Hex(v1));
    }

    @Test
    void a_row_with_a_played_hash_chains_it_and_any_change_to_it_shows() {
        var row = item(PLAYED);
        assertThat(row.canonical()).startsWith("loaxa-airlog-v2\n").contains("64:" + PLAYED + "\n");
        assertThat(row.rowHash()).isNotEqualTo(item(null).rowHash());
        var altered = new LogRow(row.seq(), row.kind(), row.recordedAtMs(), row.startSeq(), row.occurrenceKey(),
                row.title(), row.plannedStartMs(), row.actualStartMs(), row.actualEndMs(), row.nominalMs(),
                row.actualMs(), row.villageIds(), row.villageNames(), row.priority(), row.triggerKind(),
                row.triggeredBy(), row.outcome(), row.reason(), row.itemPosition(), row.itemKind(), row.topicCode(),
                row.topicName(), row.assetId(), row.bulletinId(), row.assetSha256(), ASSET, row.prevHash(),
                row.rowHash());
        assertThat(altered.computeHash()).isNotEqualTo(altered.rowHash());
        var dropped = new LogRow(row.seq(), row.kind(), row.recordedAtMs(), row.startSeq(), row.occurrenceKey(),
                row.title(), row.plannedStartMs(), row.actualStartMs(), row.actualEndMs(), row.nominalMs(),
                row.actualMs(), row.villageIds(), row.villageNames(), row.priority(), row.triggerKind(),
                row.triggeredBy(), row.outcome(), row.reason(), row.itemPosition(), row.itemKind(), row.topicCode(),
                row.topicName(), row.assetId(), row.bulletinId(), row.assetSha256(), null, row.prevHash(),
                row.rowHash());
        assertThat(dropped.computeHash()).isNotEqualTo(dropped.rowHash());
    }

    @Test
    void the_journal_reads_both_versions_back_whole() {
        for (var row : new LogRow[] {item(null), item(PLAYED)}) {
            var back = LogRow.fromCanonical(row.canonical() + row.rowHash());
            assertThat(back).isEqualTo(row);
            assertThat(back.computeHash()).isEqualTo(row.rowHash());
        }
    }
}
