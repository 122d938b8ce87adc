package vn.loaxa.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.loaxa.testing.SpringTest;

class DatabaseTest extends SpringTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void the_database_is_one_sqlite_file_in_the_data_folder_with_wal_full_sync_and_foreign_keys() {
        assertThat(ROOT.resolve("data").resolve("loaxa.db")).exists().isNotEmptyFile();
        assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualToIgnoringCase("wal");
        assertThat(jdbc.sql("PRAGMA synchronous").query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void foreign_keys_are_enforced() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                jdbc.sql("INSERT INTO app_user_role (user_id, role) VALUES (987654, 'ADMIN')").update()))
                .hasMessageContaining("FOREIGN KEY");
    }

    @Test
    void reads_never_take_the_write_lock_so_a_write_outside_a_write_transaction_is_refused() {
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO village (name, position) VALUES ('Thôn ngoài giao dịch', 99)").update())
                .hasMessageContaining("readonly");
        assertThat(jdbc.sql("SELECT count(*) FROM village WHERE name = 'Thôn ngoài giao dịch'").query(Integer.class)
                .single()).isZero();
    }

    @Test
    void the_schema_is_owned_by_flyway() {
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success = 1").query(Integer.class).single())
                .isGreaterThanOrEqualTo(1);
    }
}
