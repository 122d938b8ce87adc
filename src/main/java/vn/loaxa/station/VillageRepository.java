package vn.loaxa.station;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class VillageRepository {

    private final JdbcClient jdbc;

    VillageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Village> findAll() {
        return jdbc.sql("SELECT id, name, position, enabled FROM village ORDER BY position, id")
                .query((rs, n) -> new Village(rs.getLong("id"), rs.getString("name"), rs.getInt("position"),
                        rs.getInt("enabled") == 1))
                .list();
    }

    Optional<Village> findById(long id) {
        return findAll().stream().filter(v -> v.id() == id).findFirst();
    }

    long insert(String name) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO village (name, position) VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM village))")
                .param(name).update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long id, String name, boolean enabled) {
        jdbc.sql("UPDATE village SET name = ?, enabled = ? WHERE id = ?").params(name, enabled ? 1 : 0, id).update();
    }
}
