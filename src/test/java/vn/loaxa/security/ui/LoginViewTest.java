package vn.loaxa.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;

import vn.loaxa.testing.UiTest;

class LoginViewTest extends UiTest {

    @Test
    void a_password_that_could_not_be_checked_is_not_called_wrong() {
        UI.getCurrent().navigate(LoginView.class, QueryParameters.of(LoginView.BUSY, ""));
        var form = find(LoginForm.class).single();
        assertThat(form.isError()).isTrue();
        assertThat(allText(form.getElement())).contains("Đài đang bận").doesNotContain("Sai tên đăng nhập");

        UI.getCurrent().navigate(LoginView.class, QueryParameters.of("error", ""));
        form = find(LoginForm.class).single();
        assertThat(form.isError()).isTrue();
        assertThat(allText(form.getElement())).contains("Sai tên đăng nhập hoặc mật khẩu").doesNotContain("Đài đang bận");

        UI.getCurrent().navigate(LoginView.class, QueryParameters.empty());
        assertThat(find(LoginForm.class).single().isError()).isFalse();
    }

    @Test
    void after_too_many_failures_the_page_says_how_long_to_wait() {
        UI.getCurrent().navigate(LoginView.class, QueryParameters.of(LoginView.THROTTLED, "900"));
        var form = find(LoginForm.class).single();
        assertThat(form.isError()).isTrue();
        assertThat(allText(form.getElement())).contains("Tạm ngừng đăng nhập",
                "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.").doesNotContain("Sai tên đăng nhập");

        UI.getCurrent().navigate(LoginView.class, QueryParameters.of(LoginView.THROTTLED, "4"));
        assertThat(allText(find(LoginForm.class).single().getElement())).contains("thử lại sau 4 giây");

        useLocale(java.util.Locale.ENGLISH);
        UI.getCurrent().navigate(LoginView.class, QueryParameters.of(LoginView.THROTTLED, "61"));
        assertThat(allText(find(LoginForm.class).single().getElement())).contains("Please try again in 2 min.");

        // A hand-made address cannot make the page print nonsense.
        UI.getCurrent().navigate(LoginView.class, QueryParameters.of(LoginView.THROTTLED, "<script>"));
        assertThat(allText(find(LoginForm.class).single().getElement())).contains("1 s").doesNotContain("<script>");
    }

    @Test
    void a_login_refused_for_a_stale_csrf_token_says_the_page_expired_not_that_the_password_was_wrong() {
        UI.getCurrent().navigate(LoginView.class, QueryParameters.of(LoginView.EXPIRED, ""));
        var form = find(LoginForm.class).single();
        assertThat(form.isError()).isTrue();
        assertThat(allText(form.getElement())).contains("Trang đăng nhập đã hết hạn")
                .doesNotContain("Sai tên đăng nhập");
    }
}
