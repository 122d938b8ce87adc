package vn.loaxa.playout;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import vn.loaxa.library.AudioAsset;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.StartPolicy;

/**
 * One-offs written straight into their tables, for engine tests that need a start policy and a
 * priority the operator's one-off form does not offer together; the caller runs it in a write
 * transaction. To village 1, the items in order.
 */
final class OneOffRows {

    private OneOffRows() {
    }

    static long insert(JdbcClient jdbc, String title, Instant at, Priority priority, StartPolicy policy,
                       int waitSeconds, Instant createdAt, AudioAsset... assets) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO one_off (title, starts_at_ms, priority, start_policy, wait_s, created_by, created_at)
                        VALUES (?, ?, ?, ?, ?, 'test', ?)""")
                .params(title, at.toEpochMilli(), priority.name(), policy.name(), waitSeconds, createdAt.toString())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (int i = 0; i < assets.length; i++) {
            jdbc.sql("INSERT INTO one_off_item (one_off_id, position, asset_id) VALUES (?, ?, ?)")
                    .params(id, i + 1, assets[i].id()).update();
        }
        jdbc.sql("INSERT INTO one_off_village (one_off_id, village_id) VALUES (?, 1)").params(id).update();
        return id;
    }
}
