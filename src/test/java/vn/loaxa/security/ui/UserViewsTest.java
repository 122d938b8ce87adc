package vn.loaxa.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.UiTest;

class UserViewsTest extends UiTest {

    @Autowired UserService users;

    @Test
    @WithMockUser(username = "quantri", roles = "ADMIN")
    @SuppressWarnings("unchecked")
    void an_admin_creates_an_approver_who_must_change_the_password() {
        navigate(UsersView.class);
        test(find(Button.class).id("user-new")).click();
        var name = "lanhdao" + System.nanoTime() % 100000;
        find(TextField.class).all().stream().filter(f -> "Tên đăng nhập".equals(f.getLabel())).findFirst()
                .orElseThrow().setValue(name);
        find(TextField.class).all().stream().filter(f -> "Họ tên".equals(f.getLabel())).findFirst()
                .orElseThrow().setValue("Nguyễn Văn Lãnh");
        ((CheckboxGroup<Role>) find(CheckboxGroup.class).first()).setValue(EnumSet.of(Role.APPROVER));
        find(PasswordField.class).first().setValue("mat-khau-tam");
        test(find(Button.class).withText("Lưu").first()).click();

        var created = users.find(name).orElseThrow();
        assertThat(created.roles()).containsExactly(Role.APPROVER);
        assertThat(created.mustChangePassword()).isTrue();
        assertThat(created.displayName()).isEqualTo("Nguyễn Văn Lãnh");
    }

    @Test
    @WithMockUser(username = "moi", roles = "OPERATOR")
    void a_user_with_a_temporary_password_is_sent_to_change_it_from_every_view_until_done() {
        if (users.find("moi").isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create("moi", "Người mới", "tam-thoi-123", EnumSet.of(Role.OPERATOR),
                    true));
        }
        navigate("", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).isInstanceOf(ChangePasswordView.class);

        var fields = find(PasswordField.class).all();
        fields.get(0).setValue("tam-thoi-123");
        fields.get(1).setValue("mat-khau-moi-1");
        fields.get(2).setValue("mat-khau-moi-1");
        test(find(Button.class).id("save-password")).click();

        assertThat(users.find("moi").orElseThrow().mustChangePassword()).isFalse();
        assertThat(getCurrentView()).isNotInstanceOf(ChangePasswordView.class);
    }

    @Test
    @WithMockUser(username = "quantri", roles = "ADMIN")
    @SuppressWarnings("unchecked")
    void an_admin_cannot_give_a_short_or_common_temporary_password() {
        navigate(UsersView.class);
        var name = "yeu" + System.nanoTime() % 100000;
        for (var weak : new String[] {"123456789", "matkhau123", "Password123", name}) {
            test(find(Button.class).id("user-new")).click();
            find(TextField.class).all().stream().filter(f -> "Tên đăng nhập".equals(f.getLabel())).findFirst()
                    .orElseThrow().setValue(name);
            ((CheckboxGroup<Role>) find(CheckboxGroup.class).first()).setValue(EnumSet.of(Role.OPERATOR));
            var password = find(PasswordField.class).first();
            assertThat(password.getHelperText()).contains("Ít nhất 10 ký tự");
            password.setValue(weak);
            test(find(Button.class).withText("Lưu").first()).click();
            assertThat(users.find(name)).as(weak).isEmpty();
            assertThat(find(com.vaadin.flow.component.notification.Notification.class).all().stream()
                    .map(n -> test(n).getText()).toList()).as(weak).anySatisfy(t -> assertThat(t)
                    .containsAnyOf("ít nhất 10 ký tự", "mật khẩu phổ biến", "trùng với tên đăng nhập"));
            test(find(Button.class).withText("Hủy").first()).click();
        }
    }

    @Test
    @WithMockUser(username = "doi-mat-khau-yeu", roles = "REPORTER")
    void the_change_page_refuses_a_common_password_and_the_own_name() {
        if (users.find("doi-mat-khau-yeu").isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create("doi-mat-khau-yeu", "Người đổi", "tam-thoi-456", EnumSet.of(Role.REPORTER),
                    true));
        }
        navigate("", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).isInstanceOf(ChangePasswordView.class);
        for (var weak : new String[] {"1234567890", "Doi-Mat-Khau-Yeu"}) {
            var fields = find(PasswordField.class).all();
            fields.get(0).setValue("tam-thoi-456");
            fields.get(1).setValue(weak);
            fields.get(2).setValue(weak);
            test(find(Button.class).id("save-password")).click();
            assertThat(users.find("doi-mat-khau-yeu").orElseThrow().mustChangePassword()).as(weak).isTrue();
        }
        assertThat(find(com.vaadin.flow.component.notification.Notification.class).all().stream()
                .map(n -> test(n).getText()).toList())
                .anySatisfy(t -> assertThat(t).contains("danh sách mật khẩu phổ biến"))
                .anySatisfy(t -> assertThat(t).contains("trùng với tên đăng nhập"));
    }
}
