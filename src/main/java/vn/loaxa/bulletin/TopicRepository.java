package vn.loaxa.bulletin;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class TopicRepository {

    private final JdbcClient jdbc;

    TopicRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Topic> findAll() {
        return jdbc.sql("SELECT id, code, name, position, retired FROM cchc_topic ORDER BY position, id")
                .query((rs, n) -> new Topic(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getInt("position"), rs.getInt("retired") == 1))
                .list();
    }

    Optional<Topic> findById(long id) {
        return findAll().stream().filter(t -> t.id() == id).findFirst();
    }

    long insert(String code, String name) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO cchc_topic (code, name, position)
                        VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM cchc_topic))""")
                .params(code, name).update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long id, String name, boolean retired) {
        jdbc.sql("UPDATE cchc_topic SET name = ?, retired = ? WHERE id = ?").params(name, retired ? 1 : 0, id).update();
    }
}
