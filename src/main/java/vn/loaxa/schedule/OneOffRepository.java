package vn.loaxa.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class OneOffRepository {

    private static final String COLUMNS =
            "id, title, starts_at_ms, priority, start_policy, wait_s, created_by, cancelled, reason";

    private final JdbcClient jdbc;

    OneOffRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OneOff> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM one_off WHERE id = ?").param(id).query(this::map).optional();
    }

    /** Starting in {@code [from, to)}, cancelled ones included (the caller decides). */
    List<OneOff> findBetween(Instant from, Instant to) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM one_off WHERE starts_at_ms >= ? AND starts_at_ms < ? ORDER BY starts_at_ms, id")
                .params(from.toEpochMilli(), to.toEpochMilli()).query(this::map).list();
    }

    long insert(OneOff o, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO one_off (title, starts_at_ms, priority, start_policy, wait_s, created_by, created_at,
                            reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(o.title(), o.startsAt().toEpochMilli(), o.priority().name(), o.startPolicy().name(),
                        o.waitSeconds(), o.createdBy(), now.toString(), o.reason())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (int i = 0; i < o.assetIds().size(); i++) {
            jdbc.sql("INSERT INTO one_off_item (one_off_id, position, asset_id, bulletin_id) VALUES (?, ?, ?, ?)")
                    .params(id, i + 1, o.assetIds().get(i), o.bulletinId(i)).update();
        }
        for (long v : o.villageIds()) {
            jdbc.sql("INSERT INTO one_off_village (one_off_id, village_id) VALUES (?, ?)").params(id, v).update();
        }
        return id;
    }

    void cancel(long id, String by, Instant now) {
        jdbc.sql("UPDATE one_off SET cancelled = 1, cancelled_by = ?, cancelled_at = ? WHERE id = ?")
                .params(by, now.toString(), id).update();
    }

    private OneOff map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        var assets = new ArrayList<Long>();
        var bulletins = new ArrayList<@Nullable Long>();
        jdbc.sql("SELECT asset_id, bulletin_id FROM one_off_item WHERE one_off_id = ? ORDER BY position")
                .param(id).query((item, n) -> {
                    assets.add(item.getLong("asset_id"));
                    long b = item.getLong("bulletin_id");
                    bulletins.add(item.wasNull() ? null : b);
                    return n;
                }).list();
        var villages = jdbc.sql("SELECT village_id FROM one_off_village WHERE one_off_id = ? ORDER BY village_id")
                .param(id).query(Long.class).list();
        return new OneOff(id, rs.getString("title"), Instant.ofEpochMilli(rs.getLong("starts_at_ms")),
                Priority.valueOf(rs.getString("priority")), StartPolicy.valueOf(rs.getString("start_policy")),
                rs.getInt("wait_s"), assets, bulletins, villages, rs.getString("created_by"), rs.getInt("cancelled") == 1,
                rs.getString("reason"));
    }
}
