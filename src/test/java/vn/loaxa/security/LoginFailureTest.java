package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

class LoginFailureTest {

    @Test
    void a_wrong_password_goes_back_with_error_and_a_busy_database_with_busy() throws Exception {
        var handler = new SecurityConfig.LoginFailure();
        var wrong = new MockHttpServletResponse();
        handler.onAuthenticationFailure(new MockHttpServletRequest("POST", "/login"), wrong,
                new BadCredentialsException("Bad credentials"));
        assertThat(wrong.getRedirectedUrl()).isEqualTo("/login?error");

        var busy = new MockHttpServletResponse();
        handler.onAuthenticationFailure(new MockHttpServletRequest("POST", "/login"), busy,
                new InternalAuthenticationServiceException("Database busy",
                        new org.springframework.dao.CannotAcquireLockException("busy")));
        assertThat(busy.getRedirectedUrl()).isEqualTo("/login?busy");

        var throttled = new MockHttpServletResponse();
        handler.onAuthenticationFailure(new MockHttpServletRequest("POST", "/login"), throttled,
                new LoginThrottledException(java.time.Duration.ofMillis(14_200), false));
        assertThat(throttled.getRedirectedUrl()).isEqualTo("/login?throttled=15");
    }

    @Test
    void a_login_without_a_valid_csrf_token_goes_back_to_a_fresh_login_page_with_expired() throws Exception {
        var response = new MockHttpServletResponse();
        var request = new MockHttpServletRequest("POST", "/login");
        request.setContextPath("/dai");
        new SecurityConfig.LoginPageExpired().handle(request, response,
                new org.springframework.security.web.csrf.InvalidCsrfTokenException(
                        new org.springframework.security.web.csrf.DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "a"), "b"));
        assertThat(response.getRedirectedUrl()).isEqualTo("/dai/login?expired");
        var plain = new MockHttpServletRequest("POST", "/login");
        assertThat(SecurityConfig.LOGIN_POST.matches(plain)).isTrue();
        assertThat(SecurityConfig.LOGIN_POST.matches(new MockHttpServletRequest("GET", "/login"))).isFalse();
    }
}
