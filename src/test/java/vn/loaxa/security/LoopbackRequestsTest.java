package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class LoopbackRequestsTest {

    @Test
    void the_whole_ipv4_loopback_range_and_ipv6_loopback_in_any_spelling_are_local() {
        assertThat(LoopbackRequests.isLoopback("127.0.0.1")).isTrue();
        assertThat(LoopbackRequests.isLoopback("127.1.2.3")).isTrue();
        assertThat(LoopbackRequests.isLoopback("::1")).isTrue();
        assertThat(LoopbackRequests.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(LoopbackRequests.isLoopback("::ffff:127.0.0.1")).isTrue();
    }

    @Test
    void the_commune_network_other_machines_and_anything_that_is_not_an_address_are_not() {
        assertThat(LoopbackRequests.isLoopback("192.168.1.20")).isFalse();
        assertThat(LoopbackRequests.isLoopback("10.0.0.5")).isFalse();
        assertThat(LoopbackRequests.isLoopback("128.0.0.1")).isFalse();
        assertThat(LoopbackRequests.isLoopback("fe80::1")).isFalse();
        assertThat(LoopbackRequests.isLoopback("::2")).isFalse();
        assertThat(LoopbackRequests.isLoopback("localhost")).isFalse();
        assertThat(LoopbackRequests.isLoopback("")).isFalse();
        assertThat(LoopbackRequests.isLoopback(null)).isFalse();
    }

    @Test
    void a_request_is_judged_by_its_connection_address_not_by_forwarded_headers() {
        var request = new MockHttpServletRequest("GET", "/actuator/health");
        request.setRemoteAddr("192.168.1.20");
        request.addHeader("X-Forwarded-For", "127.0.0.1");
        request.addHeader("Forwarded", "for=127.0.0.1");
        assertThat(new LoopbackRequests().matches(request)).isFalse();

        request.setRemoteAddr("127.0.0.1");
        assertThat(new LoopbackRequests().matches(request)).isTrue();
    }
}
