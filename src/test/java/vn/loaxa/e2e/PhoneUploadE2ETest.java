package vn.loaxa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.EnumSet;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.loaxa.library.AudioConverter;
import vn.loaxa.library.Ffmpeg;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Chromium;
import vn.loaxa.testing.ChromiumBrowser;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;

/**
 * A phone recording through the real upload widget in Chromium: a good M4A is ticked as uploaded;
 * one cut short is shown failed in the widget with the station's own reason, never ticked.
 */
class PhoneUploadE2ETest extends SpringTest {

    static final String USER = "phone-operator";
    static final String PASSWORD = "Phone-operator-2026-pass";

    @RegisterExtension
    static final ChromiumBrowser chromium = new ChromiumBrowser();

    @LocalServerPort int port;
    @Autowired UserService users;
    @Autowired AudioConverter converter;

    @Test
    void the_widget_ticks_a_good_recording_and_shows_the_true_reason_beside_a_refused_one() throws Exception {
        Ffmpeg.require(converter);
        if (users.find(USER).isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create(USER, "Cán bộ đài", PASSWORD, EnumSet.of(Role.OPERATOR),
                    false));
        }
        var dir = Files.createTempDirectory("phone-e2e-");
        var good = Ffmpeg.tone(dir.resolve("Thông báo họp dân.m4a"), 3.7, "-c:a", "aac");
        var whole = Files.readAllBytes(Ffmpeg.tone(dir.resolve("x.m4a"), 3.8, "-c:a", "aac"));
        var cut = Files.write(dir.resolve("ghi-am-do-dang.m4a"), java.util.Arrays.copyOf(whole, whole.length / 2));

        Files.createDirectories(ContentSecurityPolicyE2ETest.SHOTS);
        var context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 900)
                .setLocale("vi-VN").setTimezoneId("Asia/Ho_Chi_Minh"));
        var page = context.newPage();
        page.setDefaultTimeout(60_000);
        var base = "http://localhost:" + port;
        Chromium.logIn(page, base, USER, PASSWORD);

        page.navigate(base + "/library");
        page.locator("#library-upload input[type=file]").setInputFiles(new java.nio.file.Path[]{good, cut});
        page.waitForSelector("#upload-results .loaxa-ok");
        page.waitForSelector("#upload-results .loaxa-alert");
        var reason = "Tệp M4A/AAC bị cắt cụt (chưa ghi âm, tải về hoặc sao chép hết)";
        // Each file's line in the widget (its shadow parts): the name, the ✓ icon, the error text.
        var files = page.locator("#library-upload vaadin-upload-file");
        assertThat(files.count()).isEqualTo(2);
        var seen = new java.util.HashMap<String, String>();
        for (int i = 0; i < files.count(); i++) {
            var file = files.nth(i);
            var name = file.locator("[part=name]").innerText();
            var ticked = file.locator("[part=done-icon]").isVisible();
            var error = file.locator("[part=error]").isVisible() ? file.locator("[part=error]").innerText() : "";
            seen.put(name, (ticked ? "✓" : "✗") + " " + error);
        }
        assertThat(seen.get("Thông báo họp dân.m4a")).isEqualTo("✓ ");
        assertThat(seen.get("ghi-am-do-dang.m4a")).as("a refused file is never ticked, and says why")
                .startsWith("✗ " + reason);
        assertThat(page.locator("#upload-results").innerText()).contains("Đã nhập \"Thông báo họp dân\"")
                .contains("ghi-am-do-dang.m4a: " + reason);
        page.screenshot(new Page.ScreenshotOptions().setPath(ContentSecurityPolicyE2ETest.SHOTS
                .resolve("phone-upload.png")));

        page.navigate(base + "/calendar");
        page.waitForSelector("#week-now");
        page.screenshot(new Page.ScreenshotOptions().setPath(ContentSecurityPolicyE2ETest.SHOTS
                .resolve("calendar-week.png")).setFullPage(true));
        context.close();
    }
}
