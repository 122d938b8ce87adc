package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import vn.loaxa.testing.SpringTest;

/**
 * Every API endpoint the application serves has its row in the one scope table: a new endpoint
 * without one fails here instead of quietly needing the "admin" scope of an unlisted path.
 */
class ApiScopesCoverageTest extends SpringTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void every_api_endpoint_has_a_row_in_the_scope_table() {
        var missing = new ArrayList<String>();
        var checked = new ArrayList<String>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            var paths = info.getPathPatternsCondition() == null ? List.<String>of()
                    : new ArrayList<>(info.getPathPatternsCondition().getPatternValues());
            var methods = info.getMethodsCondition().getMethods();
            for (var path : paths) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                for (var verb : methods.isEmpty() ? List.of(RequestMethod.values()) : methods) {
                    var request = new MockHttpServletRequest(verb.name(), path.replaceAll("\\{[^}]+}", "1"));
                    var endpoint = verb + " " + path + " (" + method.getMethod().getDeclaringClass().getSimpleName()
                            + "." + method.getMethod().getName() + ")";
                    checked.add(endpoint);
                    if (ApiScopes.ruleFor(request).isEmpty()) {
                        missing.add(endpoint);
                    }
                }
            }
        });
        assertThat(checked).as("the API's endpoints were found").hasSizeGreaterThan(20);
        assertThat(missing).as("endpoints without a row in ApiScopes.RULES").isEmpty();
    }

    @Test
    void the_table_says_what_each_kind_of_call_needs() {
        assertThat(need("GET", "/api/status")).isEqualTo("read");
        assertThat(need("HEAD", "/api/status")).as("HEAD as GET").isEqualTo("read");
        assertThat(need("GET", "/api/villages/7")).isEqualTo("read");
        assertThat(need("PUT", "/api/villages/7")).isEqualTo("admin");
        assertThat(need("POST", "/api/villages/test")).isEqualTo("schedule");
        assertThat(need("POST", "/api/library")).isEqualTo("schedule");
        assertThat(need("POST", "/api/emergency")).isEqualTo("emergency");
        assertThat(need("POST", "/api/onair/stop")).isEqualTo("schedule");
        assertThat(need("POST", "/api/onair/skip")).isEqualTo("schedule");
        assertThat(need("GET", "/api/airlog")).isEqualTo("read");
        assertThat(need("GET", "/api/airlog.csv")).isEqualTo("report");
        assertThat(need("GET", "/api/evidence")).isEqualTo("report");
        assertThat(need("GET", "/api/tokens")).isEqualTo("read");
        var other = new MockHttpServletRequest("GET", "/api/tokens");
        other.setParameter("user", "someone");
        assertThat(ApiScopes.needOf(other).label()).isEqualTo("admin");
        assertThat(need("POST", "/api/tokens")).isEqualTo("password");
        assertThat(need("DELETE", "/api/tokens/3")).isEqualTo("admin");
        assertThat(need("GET", "/api/no-such-thing")).as("unlisted").isEqualTo("admin");
        assertThat(need("POST", "/api/status")).as("a method the row does not name").isEqualTo("admin");
    }

    private static String need(String method, String path) {
        return ApiScopes.needOf(new MockHttpServletRequest(method, path)).label();
    }
}
