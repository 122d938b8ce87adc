package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Texts;

class PasswordPolicyTest {

    private static final CommonPasswords COMMON = new CommonPasswords();
    private final PasswordPolicy policy = new PasswordPolicy(COMMON);

    @Test
    void ten_characters_at_least_spaces_at_the_ends_not_counted() {
        assertThat(code("lanh-dao", "abcdefghi")).isEqualTo("PASSWORD_TOO_SHORT");
        assertThat(code("lanh-dao", "12345678")).isEqualTo("PASSWORD_TOO_SHORT");
        assertThat(code("lanh-dao", "  qv7-mùa  ")).isEqualTo("PASSWORD_TOO_SHORT");
        assertThat(policy.acceptable("lanh-dao", "qv7-mùa-lũ")).as("ten characters, some with marks").isTrue();
    }

    @Test
    void common_passwords_are_refused_whatever_their_case() {
        for (var common : new String[] {"1234567890", "Password123", "PASSWORD123", "qwertyuiop", "iloveyou123",
                "matkhau123", "MatKhau@123", "anhyeuem123", " 1234567890 "}) {
            assertThat(code("lanh-dao", common)).as(common).isEqualTo("PASSWORD_TOO_COMMON");
        }
        assertThat(COMMON.check("Password123").isCompromised()).isTrue();
        assertThat(COMMON.check("loa-thôn-Gio-Sơn-7").isCompromised()).isFalse();
        assertThat(COMMON.check(null).isCompromised()).isFalse();
        // Only entries the length rule lets through are kept: about a thirtieth of the shipped list.
        assertThat(COMMON.size()).isBetween(1000, 2000);
    }

    @Test
    void the_own_username_is_refused_in_any_case() {
        assertThat(code("nguyenvanlanh", "NguyenVanLanh")).isEqualTo("PASSWORD_IS_USERNAME");
        assertThat(code("nguyenvanlanh", "nguyenvanlanh")).isEqualTo("PASSWORD_IS_USERNAME");
        assertThat(policy.acceptable("nguyenvanlanh", "nguyenvanlanh-2026")).isTrue();
    }

    @Test
    void more_than_bcrypt_reads_is_refused_rather_than_cut() {
        assertThat(code("u", "a".repeat(PasswordPolicy.MAX_BYTES + 1))).isEqualTo("PASSWORD_TOO_LONG");
        // 25 Vietnamese letters with two marks take three bytes each: 75 bytes.
        assertThat(code("u", "ệ".repeat(25))).isEqualTo("PASSWORD_TOO_LONG");
        assertThat(policy.acceptable("u", "a".repeat(PasswordPolicy.MAX_BYTES))).isTrue();
    }

    @Test
    void every_refusal_has_a_vietnamese_and_an_english_reason() {
        for (var password : new String[] {"short", "1234567890", "nguyenvanlanh", "x".repeat(80)}) {
            var e = refusal("nguyenvanlanh", password);
            var vi = Texts.get(Texts.VIETNAMESE, e.messageKey(), e.args());
            var en = Texts.get(Texts.ENGLISH, e.messageKey(), e.args());
            assertThat(vi).as(password).doesNotStartWith("!").isNotEqualTo(en);
            assertThat(en).as(password).doesNotStartWith("!");
        }
        assertThat(Texts.get(Texts.VIETNAMESE, refusal("u", "short").messageKey(), refusal("u", "short").args()))
                .isEqualTo("Mật khẩu cần ít nhất 10 ký tự.");
    }

    private String code(String username, String password) {
        return refusal(username, password).code();
    }

    private InvalidInputException refusal(String username, String password) {
        assertThat(policy.acceptable(username, password)).as(password).isFalse();
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class,
                () -> policy.check(username, password));
        assertThat(thrown).as(password).isNotNull();
        return thrown;
    }

    @Test
    void a_policy_check_that_passes_throws_nothing() {
        assertThatThrownBy(() -> policy.check("a", "1234567890")).isInstanceOf(InvalidInputException.class);
        policy.check("a", "đài-truyền-thanh-gio-sơn");
    }
}
