package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.security.LoginThrottle;
import vn.loaxa.testing.UiTest;

/** Admins see on the dashboard who is held back from logging in, and let them in again. */
class DashboardLockoutsTest extends UiTest {

    @Autowired LoginThrottle throttle;

    @Test
    @WithMockUser(username = "quantri", roles = "ADMIN")
    @SuppressWarnings("unchecked")
    void an_admin_sees_an_account_held_back_after_five_failures_and_lets_it_in() {
        var name = "go-sai-" + System.nanoTime() % 100_000;
        for (int i = 0; i < 5; i++) {
            throttle.failed(throttle.acquire(name, "192.0.2.44"));
        }

        navigate(DashboardView.class);
        var grid = (Grid<LoginThrottle.Lockout>) find(Grid.class).id("lockouts-grid");
        int row = -1;
        for (int i = 0; i < test(grid).size(); i++) {
            if (test(grid).getRow(i).key().equals(name)) {
                row = i;
            }
        }
        assertThat(row).as("the account is listed").isNotNegative();
        assertThat(test(grid).getCellText(row, 0)).isEqualTo("Tài khoản " + name);
        assertThat(test(grid).getCellText(row, 1)).isEqualTo("5");
        assertThat(test(grid).getCellText(row, 2)).containsAnyOf("Phải chờ đến", "Đang làm chậm")
                .contains("từ máy 192.0.2.44");
        assertThat(find(Div.class).id("lockouts-card").getElement().getTextRecursively())
                .contains("Đăng nhập bị chặn tạm thời", "Sau 5 lần sai");

        test(find(Button.class).from(test(grid).getCellComponent(row, 3)).single()).click();
        assertThat(test(grid).size() == 0 || java.util.stream.IntStream.range(0, test(grid).size())
                .noneMatch(i -> test(grid).getRow(i).key().equals(name))).as("no longer listed").isTrue();
        throttle.succeeded(throttle.acquire(name, "192.0.2.44"));
    }

    @Test
    @WithMockUser(username = "operator", roles = "OPERATOR")
    void others_do_not_see_the_panel() {
        navigate(DashboardView.class);
        assertThat(find(Div.class).withId("lockouts-card").all()).isEmpty();
    }
}
