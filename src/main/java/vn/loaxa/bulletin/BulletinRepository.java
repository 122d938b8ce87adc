package vn.loaxa.bulletin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class BulletinRepository {

    private static final String COLUMNS = """
            id, asset_id, title, topic_id, author, source, valid_from, valid_to, state, created_by, created_at,
            approver, decided_at, comment, deleted, edited_by""";

    private final JdbcClient jdbc;

    BulletinRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Bulletin> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bulletin WHERE id = ?").param(id)
                .query(BulletinRepository::map).optional();
    }

    List<Bulletin> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bulletin WHERE deleted = 0 ORDER BY created_at DESC, id DESC")
                .query(BulletinRepository::map).list();
    }

    /** Not deleted bulletins carrying the asset, whatever their state. */
    List<Bulletin> findLiveWithAsset(long assetId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bulletin WHERE deleted = 0 AND asset_id = ? ORDER BY id")
                .param(assetId).query(BulletinRepository::map).list();
    }

    int countInState(BulletinState state) {
        return jdbc.sql("SELECT count(*) FROM bulletin WHERE deleted = 0 AND state = ?").param(state.name())
                .query(Integer.class).single();
    }

    long insert(Bulletin.Draft d, String createdBy, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO bulletin (asset_id, title, topic_id, author, source, valid_from, valid_to,
                            created_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.assetId(), d.title(), d.topicId(), d.author(), d.source(), d.validFrom().toString(),
                        text(d.validTo()), createdBy, now.toString())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Editing content withdraws any approval: what was approved is no longer what would air. */
    void updateContent(long id, Bulletin.Draft d, String editedBy) {
        jdbc.sql("""
                        UPDATE bulletin SET asset_id = ?, title = ?, topic_id = ?, author = ?, source = ?, valid_from = ?,
                            valid_to = ?, state = 'DRAFT', approver = NULL, decided_at = NULL, edited_by = ?
                        WHERE id = ?""")
                .params(d.assetId(), d.title(), d.topicId(), d.author(), d.source(), d.validFrom().toString(),
                        text(d.validTo()), editedBy, id)
                .update();
    }

    void updateState(long id, BulletinState state) {
        jdbc.sql("UPDATE bulletin SET state = ? WHERE id = ?").params(state.name(), id).update();
    }

    void decide(long id, BulletinState state, String approver, Instant at, @Nullable String comment) {
        jdbc.sql("UPDATE bulletin SET state = ?, approver = ?, decided_at = ?, comment = ? WHERE id = ?")
                .params(state.name(), approver, at.toString(), comment, id)
                .update();
    }

    void markDeleted(long id) {
        jdbc.sql("UPDATE bulletin SET deleted = 1 WHERE id = ?").param(id).update();
    }

    private static @Nullable String text(@Nullable Object o) {
        return o == null ? null : o.toString();
    }

    private static Bulletin map(ResultSet rs, int row) throws SQLException {
        var validTo = rs.getString("valid_to");
        var decidedAt = rs.getString("decided_at");
        return new Bulletin(rs.getLong("id"), rs.getLong("asset_id"), rs.getString("title"), rs.getLong("topic_id"),
                rs.getString("author"), rs.getString("source"), LocalDate.parse(rs.getString("valid_from")),
                validTo == null ? null : LocalDate.parse(validTo), BulletinState.valueOf(rs.getString("state")),
                rs.getString("created_by"), Instant.parse(rs.getString("created_at")), rs.getString("approver"),
                decidedAt == null ? null : Instant.parse(decidedAt), rs.getString("comment"),
                rs.getInt("deleted") == 1, rs.getString("edited_by"));
    }
}
