package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.testing.UiTest;
import vn.loaxa.watch.DiskWatch;

/** The station's own checks show on the dashboard, with their numbers, and leave it when they clear. */
@WithMockUser(username = "operator", roles = "OPERATOR")
class DashboardWatchAlertsTest extends UiTest {

    @Autowired DiskWatch disk;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void a_low_disk_is_an_alert_naming_the_folders_and_the_free_space_until_it_clears() {
        setting(String.valueOf(Long.MAX_VALUE / (1024 * 1024 * 2)));
        try {
            disk.check();
            navigate(DashboardView.class);
            assertThat(find(Div.class).id("alerts").getElement().getTextRecursively())
                    .contains("Ổ đĩa chứa thư mục").contains("sắp đầy: chỉ còn").contains(" MB (");
        } finally {
            transactions.executeWithoutResult(s -> jdbc.sql("DELETE FROM station_setting WHERE key = ?")
                    .param(DiskWatch.MIN_FREE_MB_SETTING).update());
        }
        disk.check();
        navigate(DashboardView.class);
        assertThat(find(Div.class).id("alerts").getElement().getTextRecursively()).doesNotContain("Ổ đĩa chứa thư mục");
    }

    private void setting(String value) {
        transactions.executeWithoutResult(s -> jdbc.sql("""
                INSERT INTO station_setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, 'test')
                ON CONFLICT (key) DO UPDATE SET value = excluded.value""")
                .params(DiskWatch.MIN_FREE_MB_SETTING, value, Instant.now().toString()).update());
    }
}
