package vn.loaxa.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.schedule.EmergencyPreset.Siren;

/** Each write is a short transaction of its own: speech and the siren are made before, never inside one. */
@Repository
class EmergencyPresetRepository {

    private static final String COLUMNS = "id, name, position, siren, siren_asset_id, message_asset_id, message_text, "
            + "spoken_text, village_ids, repeat_count, updated_at_ms, updated_by";

    private final JdbcClient jdbc;

    EmergencyPresetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<EmergencyPreset> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM emergency_preset ORDER BY position, id").query(this::map).list();
    }

    Optional<EmergencyPreset> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM emergency_preset WHERE id = ?").param(id).query(this::map)
                .optional();
    }

    Optional<EmergencyPreset> findByName(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM emergency_preset WHERE name = ?").param(name).query(this::map)
                .optional();
    }

    @Transactional
    long insert(EmergencyPreset p) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO emergency_preset (name, position, siren, siren_asset_id, message_asset_id,
                            message_text, spoken_text, village_ids, repeat_count, updated_at_ms, updated_by)
                        VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM emergency_preset), ?, ?, ?, ?, ?, ?, ?,
                            ?, ?)""")
                .params(p.name(), p.siren().name(), p.sirenAssetId(), p.messageAssetId(), p.messageText(),
                        p.spokenText(), ids(p.villageIds()), p.repeatCount(), p.updatedAt().toEpochMilli(),
                        p.updatedBy())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    @Transactional
    void update(EmergencyPreset p) {
        jdbc.sql("""
                        UPDATE emergency_preset SET name = ?, siren = ?, siren_asset_id = ?, message_asset_id = ?,
                            message_text = ?, spoken_text = ?, village_ids = ?, repeat_count = ?, updated_at_ms = ?,
                            updated_by = ?
                        WHERE id = ?""")
                .params(p.name(), p.siren().name(), p.sirenAssetId(), p.messageAssetId(), p.messageText(),
                        p.spokenText(), ids(p.villageIds()), p.repeatCount(), p.updatedAt().toEpochMilli(),
                        p.updatedBy(), p.id())
                .update();
    }

    /** The generated siren, set on every preset that uses it and has none yet. */
    @Transactional
    void setToneAsset(long assetId) {
        jdbc.sql("UPDATE emergency_preset SET siren_asset_id = ? WHERE siren = 'TONE' AND siren_asset_id IS NULL")
                .param(assetId).update();
    }

    @Transactional
    boolean delete(long id) {
        return jdbc.sql("DELETE FROM emergency_preset WHERE id = ?").param(id).update() > 0;
    }

    private static @Nullable String ids(List<Long> ids) {
        return ids.isEmpty() ? null : ids.stream().map(String::valueOf).collect(Collectors.joining(",", ",", ","));
    }

    private EmergencyPreset map(ResultSet rs, int row) throws SQLException {
        var villages = rs.getString("village_ids");
        List<Long> villageIds = villages == null ? List.of() : Arrays.stream(villages.split(","))
                .filter(s -> !s.isBlank()).map(Long::valueOf).toList();
        return new EmergencyPreset(rs.getLong("id"), rs.getString("name"), rs.getInt("position"),
                Siren.valueOf(rs.getString("siren")), longOrNull(rs, "siren_asset_id"),
                longOrNull(rs, "message_asset_id"), rs.getString("message_text"), rs.getString("spoken_text"),
                villageIds, rs.getInt("repeat_count"), Instant.ofEpochMilli(rs.getLong("updated_at_ms")),
                rs.getString("updated_by"));
    }

    private static @Nullable Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
