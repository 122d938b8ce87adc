package vn.loaxa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import vn.loaxa.audit.AuditRecords.Via;

class AuditOriginTest {

    @AfterEach
    void clear() {
        RequestContextHolder.resetRequestAttributes();
        SecurityContextHolder.clearContext();
    }

    private static void request(String uri, String address) {
        var request = new MockHttpServletRequest("POST", uri);
        request.setRemoteAddr(address);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @Test
    void api_paths_are_the_api_and_everything_else_the_web_ui() {
        request("/api/emergency", "10.0.0.7");
        assertThat(AuditOrigin.current()).isEqualTo(new AuditOrigin(Via.API, "10.0.0.7"));
        request("/", "10.0.0.8");
        assertThat(AuditOrigin.current()).isEqualTo(new AuditOrigin(Via.UI, "10.0.0.8"));
        request("/login", "10.0.0.9");
        assertThat(AuditOrigin.current().via()).isEqualTo(Via.UI);
        RequestContextHolder.resetRequestAttributes();
        assertThat(AuditOrigin.current()).isEqualTo(new AuditOrigin(Via.UI, null));
    }

    @Test
    void work_carried_to_another_thread_keeps_the_person_and_where_they_asked_from() throws Exception {
        request("/", "192.168.1.20");
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "kythuat", "x", AuthorityUtils.createAuthorityList("ROLE_OPERATOR")));
        var seen = new AtomicReference<String>();
        var work = AuditOrigin.carry(() -> seen.set(AuditInterceptor.actor() + " " + AuditOrigin.current()));
        RequestContextHolder.resetRequestAttributes();
        SecurityContextHolder.clearContext();

        var thread = Thread.ofVirtual().start(work);
        thread.join();

        assertThat(seen.get()).isEqualTo("kythuat AuditOrigin[via=UI, address=192.168.1.20]");
        var after = new AtomicReference<String>();
        Thread.ofVirtual().start(() -> after.set(AuditInterceptor.actor() + " " + AuditOrigin.current())).join();
        assertThat(after.get()).isEqualTo("null AuditOrigin[via=UI, address=null]");
    }

    @Test
    void the_station_itself_is_no_actor() {
        assertThat(AuditInterceptor.actor()).isNull();
        for (var machine : new String[] {"system", "seed", "SEED"}) {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    machine, null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
            assertThat(AuditInterceptor.actor()).as(machine).isNull();
        }
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "chutich", null, AuthorityUtils.createAuthorityList("ROLE_APPROVER")));
        assertThat(AuditInterceptor.actor()).isEqualTo("chutich");
    }
}
