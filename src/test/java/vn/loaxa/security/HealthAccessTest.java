package vn.loaxa.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

/**
 * The health endpoints seen from another machine of the commune network. Real HTTP in a test only
 * ever comes from the loopback, so these requests go through the application's real security
 * filter chains with their connection address set to a LAN address.
 */
class HealthAccessTest extends SpringTest {

    private static final String LAN = "192.168.1.20";

    @Autowired
    WebApplicationContext context;
    @Autowired
    UserService users;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        if (users.find("vhtt").isEmpty()) {
            RunAs.run("admin", "ADMIN",
                    () -> users.create("vhtt", "Cán bộ VH-TT", "reporter-pass", EnumSet.of(Role.REPORTER), false));
        }
    }

    @Test
    void from_another_machine_health_needs_credentials() throws Exception {
        for (var path : new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"}) {
            mvc.perform(get(path).with(from(LAN)))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic")))
                    .andExpect(jsonPath("$.error").isNotEmpty());
        }
    }

    @Test
    void from_another_machine_only_an_admin_sees_health_and_its_details() throws Exception {
        mvc.perform(get("/actuator/health/readiness").with(from(LAN)).with(httpBasic("vhtt", "reporter-pass")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/health/readiness").with(from(LAN)).with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.database.status").value("UP"));
    }

    @Test
    void from_this_machine_no_account_is_needed() throws Exception {
        mvc.perform(get("/actuator/health/readiness").with(from("127.0.0.1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.engine.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness").with(from("::1"))).andExpect(status().isOk());
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
