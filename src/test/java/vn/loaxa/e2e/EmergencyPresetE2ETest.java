package vn.loaxa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.EmergencyPreset.Draft;
import vn.loaxa.schedule.EmergencyPreset.Siren;
import vn.loaxa.schedule.EmergencyPresetService;
import vn.loaxa.schedule.OneOff;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Chromium;
import vn.loaxa.testing.ChromiumBrowser;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;

/**
 * An operator on a phone (390 px wide, real Chromium) orders an emergency preset in two taps once
 * the emergency dialog is open: the preset, then "play now". The screenshot goes to
 * target/screenshots/.
 */
class EmergencyPresetE2ETest extends SpringTest {
    static final Path SHOTS = Paths.get("target", "screenshots");
    static final String USER = "truc-dai";
    static final String PASSWORD = "Truc-dai-2026-pass";

    @RegisterExtension
    static final ChromiumBrowser chromium = new ChromiumBrowser();

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    LibraryService library;
    @Autowired
    EmergencyPresetService presets;
    @Autowired
    OneOffService oneOffs;
    @Autowired
    AirLogService airLog;
    @Autowired
    Clock clock;
    @TempDir
    Path tmp;

    @Test
    void an_operator_orders_a_preset_in_two_taps_on_a_phone() throws Exception {
        if (users.find(USER).isEmpty()) {
            RunAs.run("admin", "ADMIN", () -> users.create(USER, "Cán bộ trực đài", PASSWORD,
                    EnumSet.of(Role.OPERATOR), false));
        }
        var recording = RunAs.run("admin", "ADMIN", () -> TestAssets.wav(library, tmp, "Tin giông lốc", 0.4));
        var preset = RunAs.run("admin", "ADMIN", () -> presets.save(null, new Draft("Giông lốc " + System.nanoTime(),
                Siren.NONE, null, recording.id(), "Giông lốc, đề nghị bà con trú ẩn an toàn", List.of(), 1)));
        var before = ids();
        Files.createDirectories(SHOTS);
        var context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setIsMobile(true).setHasTouch(true).setLocale("vi-VN").setTimezoneId("Asia/Ho_Chi_Minh"));
        var page = context.newPage();
        page.setDefaultTimeout(30_000);
        var base = "http://localhost:" + port;
        Chromium.logIn(page, base, USER, PASSWORD);
        Chromium.hideDevelopmentTools(page);

        page.locator("#emergency-button").tap();
        var entry = page.locator("#preset-" + preset.id());
        entry.waitFor();
        assertThat(entry.boundingBox().width).as("the preset fits the phone's width").isLessThanOrEqualTo(390);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("presets-phone-dialog.png")));

        Chromium.hideDevelopmentTools(page);
        entry.tap();
        var play = page.locator("vaadin-confirm-dialog-overlay [slot=confirm-button], "
                + "#preset-confirm [slot=confirm-button]").first();
        play.waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("presets-phone-confirm.png")));
        Chromium.hideDevelopmentTools(page);
        play.tap();

        var deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<OneOff> sent = List.of();
        while (System.nanoTime() < deadline && sent.isEmpty()) {
            sent = ids().stream().filter(id -> !before.contains(id)).map(oneOffs::require).toList();
            Thread.sleep(100);
        }
        assertThat(sent).singleElement().satisfies(o -> {
            assertThat(o.priority()).isEqualTo(Priority.EMERGENCY);
            assertThat(o.title()).isEqualTo(preset.name());
            assertThat(o.createdBy()).isEqualTo(USER);
            assertThat(o.assetIds()).containsExactly(recording.id());
        });
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("presets-phone-sent.png")));
        context.close();
        // It really plays on the shared station: let it end before another test starts.
        var key = sent.getFirst().key();
        var end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end && airLog.loggedKeys(List.of(key)).isEmpty()) {
            Thread.sleep(100);
        }
    }


    private Set<Long> ids() {
        var now = clock.instant();
        return oneOffs.findBetween(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1))).stream()
                .map(OneOff::id).collect(Collectors.toSet());
    }
}
