package vn.loaxa.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class QueueRepository {

    private static final String COLUMNS = "id, programme_id, bulletin_id, from_date, to_date, position";

    private final JdbcClient jdbc;

    QueueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<QueueEntry> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM queue_entry ORDER BY programme_id, position, id")
                .query((rs, n) -> map(rs)).list();
    }

    List<QueueEntry> findByProgramme(long programmeId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM queue_entry WHERE programme_id = ? ORDER BY position, id")
                .param(programmeId).query((rs, n) -> map(rs)).list();
    }

    Optional<QueueEntry> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM queue_entry WHERE id = ?").param(id)
                .query((rs, n) -> map(rs)).optional();
    }

    long append(long programmeId, long bulletinId, LocalDate from, LocalDate to, String by, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO queue_entry (programme_id, bulletin_id, from_date, to_date, position, created_by, created_at)
                        VALUES (?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM queue_entry WHERE programme_id = ?),
                                ?, ?)""")
                .params(programmeId, bulletinId, from.toString(), to.toString(), programmeId, by, now.toString())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void setPosition(long id, int position) {
        jdbc.sql("UPDATE queue_entry SET position = ? WHERE id = ?").params(position, id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM queue_entry WHERE id = ?").param(id).update();
    }

    private static QueueEntry map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new QueueEntry(rs.getLong("id"), rs.getLong("programme_id"), rs.getLong("bulletin_id"),
                LocalDate.parse(rs.getString("from_date")), LocalDate.parse(rs.getString("to_date")),
                rs.getInt("position"));
    }
}
