package vn.loaxa.testing;

import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Points Spring Security's static context holder at the holder of the application context a test
 * runs in, before the test's class and each of its methods. Vaadin gives every application context
 * its own holder (a thread-local per instance) and installs it as the static one when the context
 * starts; the test JVM starts several contexts (the shared one, stations with other settings, the
 * security suite), so without this a test in an earlier context would set its user ({@link RunAs})
 * where that context's method security and {@code CurrentUser} no longer look.
 */
public class ContextSecurityHolder implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestClass(TestContext testContext) {
        useHolderOf(testContext);
    }

    @Override
    public void prepareTestInstance(TestContext testContext) {
        useHolderOf(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        useHolderOf(testContext);
    }

    /** After Spring's own listeners have loaded the context. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static void useHolderOf(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        var holder = testContext.getApplicationContext().getBeanProvider(SecurityContextHolderStrategy.class)
                .getIfUnique();
        if (holder != null) {
            SecurityContextHolder.setContextHolderStrategy(holder);
        }
    }
}
