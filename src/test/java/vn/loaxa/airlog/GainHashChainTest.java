package vn.loaxa.airlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import vn.loaxa.airlog.AirLogRecords.PlayedItem;
import vn.loaxa.airlog.AirLogRecords.Started;
import vn.loaxa.base.HashChain;

/**
 * The loudness gain (V0018) joins the chained text only of rows that have one: rows written before
 * the column hash as they did (v1 and v2), and a row's gain cannot be changed unseen.
 */
class GainHashChainTest {

    private static final String ASSET = "a".repeat(64);
    private static final String PLAYED = "b".repeat(64);

    private static LogRow item(@Nullable String played, @Nullable Double gainDb) {
        var started = new Started(7L, "oneoff:1");
        var played1 = new PlayedItem(0, "BULLETIN", "Bản tin", "TT", "Thời tiết", 3L, 4L, ASSET, 1_000L, 998L,
                Outcome.COMPLETED, Instant.ofEpochMilli(1_764_700_001_000L), played, null, null, gainDb);
        return LogRow.item(started, played1).stamped(1_764_700_002_000L).chained(8, HashChain.GENESIS);
    }

    @Test
    void rows_without_a_gain_keep_their_older_versions() {
        assertThat(item(null, null).canonical()).startsWith("loaxa-airlog-v1\n");
        assertThat(item(PLAYED, null).canonical()).startsWith("loaxa-airlog-v2\n");
    }

    @Test
    void a_gain_is_chained_in_hundredths_of_a_db_and_any_change_to_it_shows() {
        var row = item(PLAYED, -3.47);
        assertThat(row.gainCdb()).isEqualTo(-347L);
        assertThat(row.canonical()).startsWith("loaxa-airlog-v3\n").contains("4:-347\n");
        assertThat(row.computeHash()).isEqualTo(row.rowHash());
        var altered = withGain(row, -300L);
        assertThat(altered.computeHash()).isNotEqualTo(altered.rowHash());
        var dropped = withGain(row, null);
        assertThat(dropped.computeHash()).isNotEqualTo(dropped.rowHash());
    }

    @Test
    void the_journal_reads_every_version_back_whole() {
        for (var row : List.of(item(null, null), item(PLAYED, null), item(PLAYED, 2.5), item(null, 0.0))) {
            var back = LogRow.fromCanonical(row.canonical() + row.rowHash());
            assertThat(back).isEqualTo(row);
            assertThat(back.computeHash()).isEqualTo(row.rowHash());
        }
    }

    private static LogRow withGain(LogRow r, @Nullable Long gainCdb) {
        return new LogRow(r.seq(), r.kind(), r.recordedAtMs(), r.startSeq(), r.occurrenceKey(), r.title(),
                r.plannedStartMs(), r.actualStartMs(), r.actualEndMs(), r.nominalMs(), r.actualMs(), r.villageIds(),
                r.villageNames(), r.priority(), r.triggerKind(), r.triggeredBy(), r.outcome(), r.reason(),
                r.itemPosition(), r.itemKind(), r.topicCode(), r.topicName(), r.assetId(), r.bulletinId(),
                r.assetSha256(), r.playedSha256(), gainCdb, r.prevHash(), r.rowHash());
    }
}
