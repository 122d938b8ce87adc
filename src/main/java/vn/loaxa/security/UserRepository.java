package vn.loaxa.security;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    record StoredUser(UserAccount account, String passwordHash) {
    }

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
    }

    Optional<StoredUser> findByUsername(String username) {
        return jdbc.sql("""
                        SELECT id, username, display_name, password_hash, enabled, must_change_password, locale, created_at,
                               kind
                        FROM app_user WHERE username = ?""")
                .param(username)
                .query((rs, n) -> new StoredUser(new UserAccount(
                        rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        rolesOf(rs.getLong("id")), rs.getInt("enabled") == 1, rs.getInt("must_change_password") == 1,
                        rs.getString("locale"), Instant.parse(rs.getString("created_at")),
                        AccountKind.valueOf(rs.getString("kind"))),
                        rs.getString("password_hash")))
                .optional();
    }

    Optional<UserAccount> findById(long id) {
        return jdbc.sql("SELECT username FROM app_user WHERE id = ?").param(id).query(String.class).optional()
                .flatMap(this::findByUsername).map(StoredUser::account);
    }

    List<UserAccount> findAll() {
        return jdbc.sql("SELECT username FROM app_user ORDER BY username")
                .query(String.class).list().stream()
                .map(name -> findByUsername(name).orElseThrow().account())
                .toList();
    }

    long insert(String username, String displayName, String passwordHash, Set<Role> roles, boolean mustChange,
                Instant now) {
        return insert(username, displayName, passwordHash, roles, mustChange, now, AccountKind.PERSON);
    }

    long insert(String username, String displayName, String passwordHash, Set<Role> roles, boolean mustChange,
                Instant now, AccountKind kind) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO app_user (username, display_name, password_hash, must_change_password, created_at, kind)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(username, displayName, passwordHash, mustChange ? 1 : 0, now.toString(), kind.name())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (var role : roles) {
            jdbc.sql("INSERT INTO app_user_role (user_id, role) VALUES (?, ?)").params(id, role.name()).update();
        }
        return id;
    }

    void updatePassword(long id, String passwordHash, boolean mustChange) {
        jdbc.sql("UPDATE app_user SET password_hash = ?, must_change_password = ? WHERE id = ?")
                .params(passwordHash, mustChange ? 1 : 0, id)
                .update();
    }

    void requirePasswordChange(long id) {
        jdbc.sql("UPDATE app_user SET must_change_password = 1 WHERE id = ?").param(id).update();
    }

    void updateLocale(long id, String locale) {
        jdbc.sql("UPDATE app_user SET locale = ? WHERE id = ?").params(locale, id).update();
    }

    void update(long id, String displayName, Set<Role> roles, boolean enabled) {
        jdbc.sql("UPDATE app_user SET display_name = ?, enabled = ? WHERE id = ?")
                .params(displayName, enabled ? 1 : 0, id).update();
        jdbc.sql("DELETE FROM app_user_role WHERE user_id = ?").param(id).update();
        for (var role : roles) {
            jdbc.sql("INSERT INTO app_user_role (user_id, role) VALUES (?, ?)").params(id, role.name()).update();
        }
    }

    Set<Role> rolesOf(long userId) {
        var roles = EnumSet.noneOf(Role.class);
        jdbc.sql("SELECT role FROM app_user_role WHERE user_id = ?").param(userId)
                .query(String.class).list()
                .forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }
}
