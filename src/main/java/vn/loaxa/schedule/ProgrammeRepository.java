package vn.loaxa.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ProgrammeRepository {

    private static final String COLUMNS = """
            id, name, days_mask, start_time, valid_from, valid_to, max_length_s, priority, start_policy, wait_s,
            opening_asset_id, closing_asset_id, enabled, active_since_ms""";

    private final JdbcClient jdbc;

    ProgrammeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Programme> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM programme ORDER BY start_time, id").query(this::map).list();
    }

    Optional<Programme> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM programme WHERE id = ?").param(id).query(this::map).optional();
    }

    long insert(Programme.Draft d, Instant activeSince, String by, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO programme (name, days_mask, start_time, valid_from, valid_to, max_length_s, priority,
                            start_policy, wait_s, opening_asset_id, closing_asset_id, enabled, active_since_ms,
                            created_by, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.name(), Programme.mask(d.days()), d.startTime().toString(), d.validFrom().toString(),
                        text(d.validTo()), d.maxLengthSeconds(), d.priority().name(), d.startPolicy().name(),
                        d.waitSeconds(), d.openingAssetId(), d.closingAssetId(), d.enabled() ? 1 : 0,
                        activeSince.toEpochMilli(), by, now.toString(), now.toString())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        setVillages(id, d.villageIds());
        return id;
    }

    void update(long id, Programme.Draft d, Instant activeSince, Instant now) {
        jdbc.sql("""
                        UPDATE programme SET name = ?, days_mask = ?, start_time = ?, valid_from = ?, valid_to = ?,
                            max_length_s = ?, priority = ?, start_policy = ?, wait_s = ?, opening_asset_id = ?,
                            closing_asset_id = ?, enabled = ?, active_since_ms = ?, updated_at = ?
                        WHERE id = ?""")
                .params(d.name(), Programme.mask(d.days()), d.startTime().toString(), d.validFrom().toString(),
                        text(d.validTo()), d.maxLengthSeconds(), d.priority().name(), d.startPolicy().name(),
                        d.waitSeconds(), d.openingAssetId(), d.closingAssetId(), d.enabled() ? 1 : 0,
                        activeSince.toEpochMilli(), now.toString(), id)
                .update();
        setVillages(id, d.villageIds());
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM programme WHERE id = ?").param(id).update();
    }

    private void setVillages(long id, List<Long> villageIds) {
        jdbc.sql("DELETE FROM programme_village WHERE programme_id = ?").param(id).update();
        for (long v : villageIds.stream().distinct().toList()) {
            jdbc.sql("INSERT INTO programme_village (programme_id, village_id) VALUES (?, ?)").params(id, v).update();
        }
    }

    private static @Nullable String text(@Nullable Object o) {
        return o == null ? null : o.toString();
    }

    private Programme map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        var validTo = rs.getString("valid_to");
        long opening = rs.getLong("opening_asset_id");
        Long openingId = rs.wasNull() ? null : opening;
        long closing = rs.getLong("closing_asset_id");
        Long closingId = rs.wasNull() ? null : closing;
        var villages = jdbc.sql("SELECT village_id FROM programme_village WHERE programme_id = ? ORDER BY village_id")
                .param(id).query(Long.class).list();
        return new Programme(id, rs.getString("name"), Programme.days(rs.getInt("days_mask")),
                LocalTime.parse(rs.getString("start_time")), LocalDate.parse(rs.getString("valid_from")),
                validTo == null ? null : LocalDate.parse(validTo), rs.getInt("max_length_s"),
                Priority.valueOf(rs.getString("priority")), StartPolicy.valueOf(rs.getString("start_policy")),
                rs.getInt("wait_s"), openingId, closingId, villages, rs.getInt("enabled") == 1,
                Instant.ofEpochMilli(rs.getLong("active_since_ms")));
    }
}
