package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H1;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.Texts;
import vn.loaxa.testing.UiTest;

/** The not-found and access-denied pages: in the user's language, inside the menu, with the way home. */
class ErrorPagesTest extends UiTest {

    @Test
    @WithMockUser(username = "vanhanh", roles = "OPERATOR")
    void an_address_that_is_no_page_says_so_in_vietnamese_inside_the_main_layout() {
        UI.getCurrent().navigate("khong-co-trang-nay");
        var view = (Component) getCurrentView();
        assertThat(view).isInstanceOf(NotFoundView.class);
        assertThat(view.findAncestor(MainLayout.class)).as("shown inside the menu").isNotNull();
        var text = allText(view.getElement());
        assertThat(find(H1.class).from(view).single().getText()).isEqualTo("Không tìm thấy trang");
        assertThat(text).contains("/khong-co-trang-nay", "Về trang chủ").doesNotContain("Could not navigate")
                .doesNotContainPattern(RAW_KEY);
        assertThat(view.getElement().getAttribute("role")).isEqualTo("main");
    }

    @Test
    @WithMockUser(username = "lanhdao", roles = "APPROVER")
    void a_page_the_role_does_not_open_says_no_permission_inside_the_main_layout() {
        UI.getCurrent().navigate("users");
        var view = (Component) getCurrentView();
        assertThat(view).isInstanceOf(AccessDeniedView.class);
        assertThat(view.findAncestor(MainLayout.class)).isNotNull();
        assertThat(find(H1.class).from(view).single().getText()).isEqualTo("Không có quyền");
        assertThat(allText(view.getElement())).contains("/users", "quản trị viên").doesNotContainPattern(RAW_KEY);
    }

    @Test
    @WithMockUser(username = "lanhdao", roles = "APPROVER")
    void in_english_the_pages_speak_english() {
        useLocale(Texts.ENGLISH);
        try {
            UI.getCurrent().navigate("no-such-page");
            assertThat(find(H1.class).from((Component) getCurrentView()).single().getText()).isEqualTo("Page not found");
            UI.getCurrent().navigate("users");
            assertThat(find(H1.class).from((Component) getCurrentView()).single().getText()).isEqualTo("Access denied");
        } finally {
            useLocale(Texts.VIETNAMESE);
        }
    }
}
