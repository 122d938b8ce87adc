package vn.loaxa.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real Chromium for a whole test class, started before its first test and closed after its last:
 * {@code @RegisterExtension static final ChromiumBrowser chromium = new ChromiumBrowser();}. Without
 * Chromium the class is skipped, or fails under {@code CI=true} ({@link Chromium#assumeInstalled}).
 */
public final class ChromiumBrowser implements BeforeAllCallback, AfterAllCallback {

    private @Nullable Playwright playwright;
    private @Nullable Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        Chromium.assumeInstalled();
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Chromium.close(browser, playwright);
        browser = null;
        playwright = null;
    }

    public Browser browser() {
        var b = browser;
        if (b == null) {
            throw new IllegalStateException("Chromium runs only while its test class runs");
        }
        return b;
    }
}
