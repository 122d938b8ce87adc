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
}
