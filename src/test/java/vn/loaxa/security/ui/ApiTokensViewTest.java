package vn.loaxa.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.Texts;
import vn.loaxa.security.ApiScope;
import vn.loaxa.security.ApiToken;
import vn.loaxa.security.ApiTokenService;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserAccount;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.UiTest;

/** The "Khoá API" view, driven on the server: create (the secret shown once), list, revoke; an admin's view of others. */
class ApiTokensViewTest extends UiTest {

    @Autowired
    UserService users;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;

    private void ensure(String name, Role role) {
        if (users.find(name).isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create(name, name, "ui-token-pass-1", EnumSet.of(role), false));
        }
    }

    @Test
    @WithMockUser(username = "ui.op", roles = "OPERATOR")
    @SuppressWarnings("unchecked")
    void a_user_creates_a_token_sees_the_secret_once_and_revokes_it_after_a_confirmation() {
        ensure("ui.op", Role.OPERATOR);
        navigate(ApiTokensView.class);
        assertThat(find(ComboBox.class).all()).as("no account choice for a non-admin").isEmpty();

        test(find(Button.class).id("token-new")).click();
        var name = "Máy giám sát " + System.nanoTime() % 100_000;
        find(TextField.class).id("token-name").setValue(name);
        ((CheckboxGroup<ApiScope>) find(CheckboxGroup.class).id("token-scopes"))
                .setValue(EnumSet.of(ApiScope.READ, ApiScope.SCHEDULE));
        var expiry = (Select<String>) find(Select.class).id("token-expiry");
        assertThat(expiry.getValue()).as("90 days unless chosen").isEqualTo("90");
        assertThat(expiry.getListDataView().getItems().toList()).as("never is for service accounts")
                .doesNotContain("never");
        expiry.setValue("30");
        test(find(Button.class).id("token-create")).click();

        // Shown once, with a warning and a copy button.
        var secretField = find(TextField.class).id("token-secret");
        var secret = secretField.getValue();
        assertThat(secret).matches("lx_[A-Za-z0-9_-]{43}");
        assertThat(secretField.isReadOnly()).isTrue();
        var dialog = find(Dialog.class).id("token-secret-dialog");
        assertThat(allText(dialog.getElement())).contains("sẽ không bao giờ hiển thị lại").contains("ui.op")
                .doesNotContainPattern(RAW_KEY);
        test(find(Button.class).id("token-copy")).click();
        assertThat(find(Notification.class).all().stream().map(n -> test(n).getText()).toList())
                .contains("Đã chép khoá vào bộ nhớ tạm.");
        test(find(Button.class).id("token-done")).click();
        assertThat(find(Dialog.class).all().stream().filter(Dialog::isOpened).toList()).isEmpty();

        // The list shows it, without the secret; the database holds only its hash.
        var grid = (Grid<ApiToken>) find(Grid.class).id("token-grid");
        var row = rowOf(grid, name);
        var token = test(grid).getRow(row);
        assertThat(token.scopes()).containsExactlyInAnyOrder(ApiScope.READ, ApiScope.SCHEDULE);
        assertThat(test(grid).getCellText(row, 1)).isEqualTo("Đọc, Lên lịch");
        assertThat(test(grid).getCellText(row, 4)).isEqualTo("Chưa dùng");
        assertThat(test(grid).getCellText(row, 3)).matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}");
        assertThat(screen()).doesNotContain(secret);
        assertThat(find(TextField.class).all()).noneMatch(f -> secret.equals(f.getValue()));
        assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE id = ? AND token_hash <> ? AND hint = ?")
                .params(token.id(), secret, secret.substring(0, 7)).query(Long.class).single()).isEqualTo(1);

        // Revoke: asks first; cancelling keeps it, confirming revokes it.
        test((Button) test(grid).getCellComponent(row, 6)).click();
        var confirm = find(ConfirmDialog.class).id("token-revoke-dialog");
        assertThat(test(confirm).getText()).contains("bị từ chối ngay lập tức");
        test(confirm).cancel();
        assertThat(state(name)).isEqualTo(ApiToken.State.ACTIVE);
        test((Button) test(grid).getCellComponent(rowOf(grid, name), 6)).click();
        test(find(ConfirmDialog.class).id("token-revoke-dialog")).confirm();
        assertThat(state(name)).isEqualTo(ApiToken.State.REVOKED);
        row = rowOf(grid, name);
        assertThat(allText(test(grid).getCellComponent(row, 5).getElement())).contains("Đã thu hồi");
    }

    @Test
    @WithMockUser(username = "ui.op", roles = "OPERATOR")
    @SuppressWarnings("unchecked")
    void a_refused_token_says_why_and_nothing_is_created() {
        ensure("ui.op", Role.OPERATOR);
        navigate(ApiTokensView.class);
        int before = tokens.list(null).size();
        test(find(Button.class).id("token-new")).click();
        find(TextField.class).id("token-name").setValue("Không phạm vi");
        ((CheckboxGroup<ApiScope>) find(CheckboxGroup.class).id("token-scopes")).setValue(Set.of());
        test(find(Button.class).id("token-create")).click();
        assertThat(find(Notification.class).all().stream().map(n -> test(n).getText()).toList())
                .contains("Chọn ít nhất một phạm vi cho khoá.");
        assertThat(find(TextField.class).all().stream().filter(f -> "token-secret".equals(f.getId().orElse(""))))
                .isEmpty();
        assertThat(tokens.list(null)).hasSize(before);
    }

    @Test
    @WithMockUser(username = "ui.admin", roles = "ADMIN")
    @SuppressWarnings("unchecked")
    void an_admin_gives_a_service_account_a_token_that_never_expires_and_only_views_other_peoples() {
        ensure("ui.admin", Role.ADMIN);
        ensure("ui.op", Role.OPERATOR);
        var service = "ui.nguon.tin." + System.nanoTime() % 100_000;
        RunAs.run("ui.admin", "ADMIN", () -> users.createServiceAccount(service, "Nguồn tin tỉnh", EnumSet.of(Role.OPERATOR)));

        UI.getCurrent().navigate(ApiTokensView.class, QueryParameters.of("user", service));
        var owner = (ComboBox<UserAccount>) find(ComboBox.class).id("token-owner");
        assertThat(owner.getValue().username()).isEqualTo(service);
        assertThat(find(Button.class).id("token-new").isEnabled()).isTrue();
        test(find(Button.class).id("token-new")).click();
        find(TextField.class).id("token-name").setValue("Hệ thống nguồn tin tỉnh");
        var expiry = (Select<String>) find(Select.class).id("token-expiry");
        assertThat(expiry.getListDataView().getItems().toList()).contains("never");
        expiry.setValue("never");
        test(find(Button.class).id("token-create")).click();
        assertThat(allText(find(Dialog.class).id("token-secret-dialog").getElement()))
                .contains("khi khoá bị thu hồi").contains(service);
        test(find(Button.class).id("token-done")).click();
        var listed = tokens.list(service);
        assertThat(listed).singleElement().satisfies(t -> {
            assertThat(t.expiresAt()).isNull();
            assertThat(t.createdBy()).isEqualTo("ui.admin");
            assertThat(t.scopes()).containsExactly(ApiScope.READ);
        });
        var grid = (Grid<ApiToken>) find(Grid.class).id("token-grid");
        assertThat(test(grid).getCellText(0, 3)).isEqualTo("Không hết hạn");

        // Another person's tokens: listed and revocable, not created.
        owner.setValue(users.find("ui.op").orElseThrow());
        assertThat(find(Button.class).id("token-new").isEnabled()).isFalse();
        assertThat(screen()).contains("Chỉ tạo khoá cho chính mình hoặc cho tài khoản dịch vụ");
    }

    @Test
    @WithMockUser(username = "ui.admin", roles = "ADMIN")
    @SuppressWarnings("unchecked")
    void an_admin_creates_a_service_account_without_a_password_in_the_users_view() {
        ensure("ui.admin", Role.ADMIN);
        navigate(UsersView.class);
        test(find(Button.class).id("user-new")).click();
        var name = "ui.dichvu" + System.nanoTime() % 100_000;
        find(TextField.class).all().stream().filter(f -> "Tên đăng nhập".equals(f.getLabel())).findFirst()
                .orElseThrow().setValue(name);
        ((CheckboxGroup<Role>) find(CheckboxGroup.class).first()).setValue(EnumSet.of(Role.REPORTER));
        var password = find(PasswordField.class).first();
        assertThat(password.isVisible()).isTrue();
        test(find(Checkbox.class).id("user-service")).click();
        assertThat(password.isVisible()).as("no password for a service account").isFalse();
        test(find(Button.class).withText("Lưu").first()).click();

        var created = users.find(name).orElseThrow();
        assertThat(created.service()).isTrue();
        assertThat(created.mustChangePassword()).isFalse();
        assertThat(created.roles()).containsExactly(Role.REPORTER);
        // Its row leads to its tokens.
        var grid = (Grid<UserAccount>) find(Grid.class).id("user-grid");
        int row = -1;
        for (int i = 0; i < test(grid).size(); i++) {
            if (test(grid).getRow(i).username().equals(name)) {
                row = i;
            }
        }
        var actions = test(grid).getCellComponent(row, 6);
        var tokensButton = actions.getChildren().filter(c -> c.getId().orElse("").equals("user-tokens-" + name))
                .map(Button.class::cast).findFirst().orElseThrow();
        test(tokensButton).click();
        assertThat(getCurrentView()).isInstanceOf(ApiTokensView.class);
        assertThat(((ComboBox<UserAccount>) find(ComboBox.class).id("token-owner")).getValue().username())
                .isEqualTo(name);
    }

    @Test
    @WithMockUser(username = "ui.op", roles = "OPERATOR")
    void the_view_speaks_english_when_asked() {
        ensure("ui.op", Role.OPERATOR);
        useLocale(Texts.ENGLISH);
        navigate(ApiTokensView.class);
        var text = screen();
        assertThat(text).contains("API tokens").contains("New token").doesNotContainPattern(RAW_KEY);
        test(find(Button.class).id("token-new")).click();
        assertThat(allText(find(Dialog.class).id("token-dialog").getElement())).contains("Expires after")
                .contains("Emergency broadcasts").doesNotContainPattern(RAW_KEY);
    }

    /** The view and every open dialog, as rendered. */
    private String screen() {
        var sb = new StringBuilder(allText(getCurrentView().getElement()));
        find(Dialog.class).all().stream().filter(Dialog::isOpened).forEach(d -> sb.append(allText(d.getElement())));
        return sb.toString();
    }

    private ApiToken.State state(String name) {
        return tokens.list(null).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow()
                .state(java.time.Instant.now());
    }

    private int rowOf(Grid<ApiToken> grid, String name) {
        for (int i = 0; i < test(grid).size(); i++) {
            if (test(grid).getRow(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no row " + name);
    }
}
