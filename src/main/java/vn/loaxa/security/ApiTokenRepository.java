package vn.loaxa.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ApiTokenRepository {

    /** A token with what its owner's account says now: a disabled owner's tokens stop working at once. */
    record Stored(ApiToken token, String tokenHash, boolean ownerEnabled) {
    }

    private static final String COLUMNS = """
            t.id, t.user_id, u.username, t.name, t.scopes, t.hint, t.created_at, t.created_by, t.expires_at,
            t.last_used_at, t.last_used_from, t.revoked_at, t.revoked_by, t.token_hash, u.enabled
            FROM api_token t JOIN app_user u ON u.id = t.user_id""";

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long userId, String name, String tokenHash, String hint, Set<ApiScope> scopes, Instant createdAt,
                String createdBy, @Nullable Instant expiresAt) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO api_token (user_id, name, token_hash, hint, scopes, created_at, created_by, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(userId, name, tokenHash, hint, codes(scopes), createdAt.toString(), createdBy,
                        expiresAt == null ? null : expiresAt.toString())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Stored> findByHash(String tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE t.token_hash = ?").param(tokenHash)
                .query(ApiTokenRepository::stored).optional();
    }

    Optional<Stored> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE t.id = ?").param(id)
                .query(ApiTokenRepository::stored).optional();
    }

    /** Newest first. */
    List<ApiToken> findByUser(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE t.user_id = ? ORDER BY t.id DESC").param(userId)
                .query(ApiTokenRepository::stored).list().stream().map(Stored::token).toList();
    }

    /** True when this call revoked it; a token already revoked keeps its first revocation. */
    boolean revoke(long id, Instant at, String by) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                .params(at.toString(), by, id).update() == 1;
    }

    void recordUse(long id, Instant at, String from) {
        jdbc.sql("UPDATE api_token SET last_used_at = ?, last_used_from = ? WHERE id = ?")
                .params(at.toString(), from, id).update();
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        var token = new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("username"),
                rs.getString("name"), scopes(rs.getString("scopes")), rs.getString("hint"),
                Instant.parse(rs.getString("created_at")), rs.getString("created_by"),
                instant(rs.getString("expires_at")), instant(rs.getString("last_used_at")),
                rs.getString("last_used_from"), instant(rs.getString("revoked_at")), rs.getString("revoked_by"));
        return new Stored(token, rs.getString("token_hash"), rs.getInt("enabled") == 1);
    }

    private static @Nullable Instant instant(@Nullable String text) {
        return text == null ? null : Instant.parse(text);
    }

    static String codes(Set<ApiScope> scopes) {
        return scopes.stream().sorted().map(ApiScope::code).collect(Collectors.joining(","));
    }

    private static Set<ApiScope> scopes(String codes) {
        var set = EnumSet.noneOf(ApiScope.class);
        Arrays.stream(codes.split(",")).map(ApiScope::ofCode).flatMap(Optional::stream).forEach(set::add);
        return set;
    }
}
