package vn.loaxa.securitysuite;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import vn.loaxa.security.Role;

/** The running suite station, its HTTP client and its OpenAPI document, read once. */
final class Suite {

    private static Suite current;

    final ApplicationContext context;
    final int port;
    final SuiteHttp http;
    final ApiDocument document;

    private Suite(ApplicationContext context) {
        this.context = context;
        this.port = SuiteStation.port(context);
        this.http = new SuiteHttp(port);
        var answer = http.get("/v3/api-docs", SuiteStation.USERS.get(Role.ADMIN));
        if (answer.status() != 200) {
            throw new IllegalStateException("GET /v3/api-docs as ADMIN answered " + answer.status() + ": "
                    + answer.body());
        }
        this.document = new ApiDocument(answer.body());
    }

    /** The suite for the context a JUnit class got, or (jqwik) the same context from Spring's cache. */
    static synchronized Suite of(ApplicationContext context) {
        if (current == null || current.context != context) {
            current = new Suite(context);
        }
        return current;
    }

    /** For jqwik, which has no Spring extension: the suite's context, looked up once while it stays open. */
    static synchronized Suite get() {
        if (current != null && current.context instanceof ConfigurableApplicationContext c && c.isActive()) {
            // Tests of other contexts may have run since: the station's request threads read the
            // signed-in user through the static holder, which must be the suite's (see SuiteStation).
            SecurityContextHolder.setContextHolderStrategy(c.getBean(SecurityContextHolderStrategy.class));
            return current;
        }
        return of(SuiteStation.context());
    }
}
