package vn.loaxa.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.SqliteErrors;
import vn.loaxa.testing.UiTest;

class NoticesTest extends UiTest {

    @Test
    @WithMockUser(username = "quantri", roles = "ADMIN")
    void a_busy_database_is_said_so_in_vietnamese_and_english_and_nothing_else_is_swallowed() {
        var busy = new CannotAcquireLockException("Database busy");
        assertThat(Notices.attempt(UI.getCurrent(), () -> {
            throw busy;
        })).isFalse();
        assertThat(texts()).contains("Cơ sở dữ liệu của đài đang bận");

        useLocale(Locale.ENGLISH);
        Notices.attempt(UI.getCurrent(), () -> {
            throw new SqliteErrors.StorageFullException("full", new RuntimeException("SQLITE_FULL"));
        });
        assertThat(texts()).contains("The disk holding the station's database is full");

        var other = new IllegalStateException("a bug");
        try {
            Notices.attempt(UI.getCurrent(), () -> {
                throw other;
            });
        } catch (IllegalStateException e) {
            assertThat(e).isSameAs(other);
            return;
        }
        throw new AssertionError("an unrelated failure must not be turned into a database message");
    }

    private String texts() {
        return String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList());
    }
}
