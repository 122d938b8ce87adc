package vn.loaxa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.SoundCardCondition;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.testing.Chromium;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.Wavs;

/**
 * The operator's journey in real Chromium against the real application started WITHOUT
 * LOAXA_ADMIN_PASSWORD: the generated admin logs in with the password from the data folder, is made
 * to change it, uploads a bulletin (which the commune leader approves: its author may not), schedules
 * it a few seconds ahead, and then watches it play and finds it in the air log. Screenshots of every
 * main view go to target/screenshots/.
 *
 * The last steps (on air, logged COMPLETED, heard on the virtual sound card) need a sound card the
 * player can open: without the virtual one they are skipped (the test is reported skipped, naming
 * why, after every earlier step passed), and under {@code CI=true} the test fails instead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminJourneyE2ETest {

    static final Path ROOT;
    static final Path SHOTS = Paths.get("target", "screenshots");
    static final String TITLE = "Bản tin cải cách hành chính tháng này";
    static final String NEW_PASSWORD = "Gio-Son-2026-moi";
    static final String LEADER = "lanhdao";
    static final String LEADER_PASSWORD = "Lanh-Dao-Gio-Son-2026";

    static {
        try {
            ROOT = Files.createTempDirectory("loaxa-e2e-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort int port;
    @Autowired UserService users;

    @DynamicPropertySource
    static void freshStation(DynamicPropertyRegistry registry) {
        registry.add("loaxa.station.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("loaxa.library.audio-dir", () -> ROOT.resolve("audio").toString());
        // No LOAXA_ADMIN_PASSWORD: the station generates one and writes it to the data folder.
        registry.add("LOAXA_ADMIN_PASSWORD", () -> "");
        // The development-mode popup would cover the header in the screenshots.
        registry.add("vaadin.devmode.devTools.enabled", () -> "false");
    }

    @BeforeAll
    static void chromium() {
        Chromium.assumeInstalled();
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void close() {
        Chromium.close(browser, playwright);
    }

    @Test
    void generated_admin_changes_password_uploads_approves_schedules_and_sees_it_air() throws Exception {
        Files.createDirectories(SHOTS);
        var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768)
                .setLocale("vi-VN").setTimezoneId("Asia/Ho_Chi_Minh"));
        var page = context.newPage();
        page.setDefaultTimeout(30_000);
        var base = "http://localhost:" + port;

        // 1. Log in with the generated password, read from the file the station wrote.
        var file = Files.readString(ROOT.resolve("data").resolve("initial-admin-password.txt"));
        var generated = file.lines().filter(l -> l.startsWith("password: ")).findFirst().orElseThrow()
                .substring("password: ".length()).strip();
        page.navigate(base + "/login");
        page.locator("vaadin-login-form input[name=username]").fill("admin");
        page.locator("vaadin-login-form input[name=password]").fill(generated);
        shot(page, "01-login");
        page.locator("vaadin-login-form input[name=password]").press("Enter");

        // 2. Every route leads to the change-password page until the password is changed.
        page.waitForSelector("#save-password");
        page.navigate(base + "/library");
        page.waitForSelector("#save-password");
        shot(page, "02-change-password");
        var fields = page.locator("vaadin-password-field input");
        fields.nth(0).fill(generated);
        fields.nth(1).fill(NEW_PASSWORD);
        fields.nth(2).fill(NEW_PASSWORD);
        page.click("#save-password");
        page.waitForSelector("#on-air");

        // 3. Upload a bulletin's audio; the result line says it was imported.
        var wav = Wavs.write16(ROOT.resolve("ban-tin-cchc.wav"), 44_100, 2, Wavs.sine(44_100, 2, 30.0, 440, 0.5));
        page.navigate(base + "/library");
        page.locator("#library-upload input[type=file]").setInputFiles(wav);
        page.waitForSelector("#upload-results .loaxa-ok");
        assertThat(page.locator("#upload-results").innerText()).contains("Đã nhập");
        page.locator("#library-grid").getByText("ban-tin-cchc").first().click();
        page.waitForSelector("#asset-detail audio");
        shot(page, "03-library");

        // 4. Create the bulletin with its CCHC topic and submit it.
        page.navigate(base + "/bulletins");
        pick(page, "#bulletin-asset", "ban-tin-cchc");
        // Choosing the audio proposes its title from the server; type ours only once that has arrived,
        // or the proposal lands on top of it.
        page.waitForCondition(() -> !page.locator("#bulletin-title input").inputValue().isEmpty());
        page.locator("#bulletin-title input").fill(TITLE);
        pick(page, "#bulletin-topic", "thủ tục");
        page.click("#bulletin-submit");
        page.locator("#bulletin-grid").getByText("Chờ duyệt").first().waitFor();
        shot(page, "04-bulletins");

        // 5. The admin wrote it, so the station has another person approve it: the button says so.
        page.navigate(base + "/approvals");
        page.locator("#approval-grid").getByText(TITLE).first().click();
        page.waitForSelector("#approval-own");
        page.locator("#approve[disabled]").waitFor();
        shot(page, "05-approvals-own");
        // The commune leader (an APPROVER account) approves it in a browser of their own.
        RunAs.run("admin", "ADMIN", () -> users.create(LEADER, "Chủ tịch UBND xã", LEADER_PASSWORD,
                EnumSet.of(Role.APPROVER), false));
        var leaderContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768)
                .setLocale("vi-VN").setTimezoneId("Asia/Ho_Chi_Minh"));
        var leader = leaderContext.newPage();
        leader.setDefaultTimeout(30_000);
        leader.navigate(base + "/login");
        leader.locator("vaadin-login-form input[name=username]").fill(LEADER);
        leader.locator("vaadin-login-form input[name=password]").fill(LEADER_PASSWORD);
        leader.locator("vaadin-login-form input[name=password]").press("Enter");
        leader.waitForSelector("#on-air");
        leader.navigate(base + "/approvals");
        leader.locator("#approval-grid").getByText(TITLE).first().click();
        leader.waitForSelector("#approve:not([disabled])");
        shot(leader, "05-approvals");
        leader.click("#approve");
        leader.locator("vaadin-notification-card").getByText("Đã duyệt").first().waitFor();
        leaderContext.close();

        // 5b. An API token for an integration: created in "Khoá API", shown once, and it works on the API.
        page.navigate(base + "/tokens");
        page.click("#token-new");
        page.locator("#token-name input").fill("Máy giám sát");
        page.click("#token-create");
        page.locator("#token-done").waitFor();
        page.waitForTimeout(500);
        var secret = page.locator("#token-secret input").inputValue();
        assertThat(secret).matches("lx_[A-Za-z0-9_-]{43}");
        assertThat(page.locator("#token-secret-dialog").innerText()).contains("không bao giờ hiển thị lại");
        shot(page, "05-token-created");
        page.click("#token-done");
        page.locator("#token-grid").getByText("Máy giám sát").first().waitFor();
        assertThat(page.locator("body").innerText()).doesNotContain(secret);
        var status = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + "/api/status")).header("Authorization", "Bearer " + secret).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        shot(page, "05-tokens");

        // 6. Schedule it as a one-off a few seconds ahead.
        FifoRecorder recorder = System.getenv(FifoRecorder.FIFO_ENV) == null ? null
                : FifoRecorder.startFromEnvironment();
        page.navigate(base + "/broadcasts");
        pick(page, "#oneoff-bulletin", "cải cách");
        var at = LocalDateTime.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusSeconds(20).withNano(0);
        var inputs = page.locator("#oneoff-when input");
        inputs.nth(0).fill(at.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        inputs.nth(0).press("Enter");
        inputs.nth(1).fill(at.format(DateTimeFormatter.ofPattern("HH:mm:ss")));
        inputs.nth(1).press("Enter");
        page.click("#oneoff-save");
        page.locator("vaadin-notification-card").getByText("Đã hẹn phát").first().waitFor();
        var plannedAt = at.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toInstant();
        assertThat(page.locator("#oneoff-grid").innerText()).contains(TITLE)
                .contains(at.format(DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")));
        shot(page, "06-one-off");

        // 7. The dashboard lists it as next; every other main view renders for the screenshots.
        page.navigate(base + "/");
        page.locator("#next-grid").getByText(TITLE).first().waitFor();
        shot(page, "07-dashboard");
        for (var view : List.of("programmes", "calendar", "airlog", "settings", "users")) {
            page.navigate(base + "/" + view);
            page.waitForLoadState();
            page.locator(".loaxa-page").first().waitFor();
            page.waitForTimeout(500);
            assertThat(page.locator("body").innerText()).doesNotContainPattern("![a-z]+\\.[A-Za-z.]+[A-Za-z]");
            shot(page, "08-" + view);
        }
        page.navigate(base + "/");
        page.click("#emergency-button");
        page.waitForSelector("#emergency-play");
        shot(page, "09-emergency-dialog");
        page.keyboard().press("Escape");

        // 8. Needs a sound card: without one the player cannot open its line and nothing goes on air.
        String noCard = SoundCardCondition.unusableOutsideCi();
        if (noCard != null) {
            if (recorder != null) {
                recorder.close();
            }
            context.close();
            System.out.println("AdminJourneyE2ETest: steps 1-7 passed; the on-air steps were skipped: " + noCard);
            Assumptions.abort("on-air steps skipped (steps 1-7 passed): " + noCard);
        }
        // The broadcast goes on air at its time, shown live on the dashboard...
        page.navigate(base + "/");
        page.waitForSelector("#on-air");
        page.waitForFunction("t => document.querySelector('.loaxa-dashboard')?.getAttribute('data-on-air') === t",
                TITLE, new Page.WaitForFunctionOptions().setTimeout(
                        Duration.between(Instant.now(), plannedAt).toMillis() + 15_000));
        shot(page, "10-dashboard-on-air");
        // ...the bar on every page can stop it: the operator does, after confirming...
        page.navigate(base + "/airlog");
        page.locator("#now-playing-bar").getByText(TITLE).first().waitFor();
        page.click("#bar-onair-stop");
        page.locator("#bar-onair-stop-confirm").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                .setState(WaitForSelectorState.ATTACHED));
        page.waitForTimeout(500);
        shot(page, "10b-stop-confirm");
        // The dialog's button comes after the bar's in the page (and the modal dialog hides the bar's).
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Dừng phát").setExact(true)).last().click();
        page.waitForSelector("#now-playing-bar", new Page.WaitForSelectorOptions()
                .setState(WaitForSelectorState.HIDDEN).setTimeout(10_000));
        // ...and it is logged as stopped in the air log...
        page.navigate(base + "/airlog");
        page.locator("#airlog-grid").getByText(TITLE).first().waitFor(new com.microsoft.playwright.Locator
                .WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(10_000));
        assertThat(page.locator("#airlog-grid").innerText()).contains("Dừng phát");
        shot(page, "11-airlog-after");
        // On the leader's phone each broadcast is one card: time, outcome and title on screen,
        // nothing scrolled off to the right of a table wider than the phone.
        page.setViewportSize(390, 844);
        page.navigate(base + "/airlog");
        var card = page.locator("#airlog-grid .airlog-card").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText(TITLE)).first();
        card.waitFor();
        page.waitForTimeout(500);
        var grid = page.locator("#airlog-grid").boundingBox();
        for (var part : List.of(card.locator(".airlog-card-when"), card.locator(".loaxa-badge"),
                card.locator(".airlog-card-title"))) {
            var box = part.boundingBox();
            assertThat(box).as("%s shown", part).isNotNull();
            assertThat(box.x).as("%s: left edge, grid from %s to %s", part, grid.x, grid.x + grid.width)
                    .isGreaterThanOrEqualTo(grid.x);
            assertThat(box.x + box.width).as("%s: right edge, grid from %s to %s", part, grid.x, grid.x + grid.width)
                    .isLessThanOrEqualTo(grid.x + grid.width);
        }
        assertThat(card.locator(".airlog-card-title").innerText()).isEqualTo(TITLE);
        assertThat(card.locator(".loaxa-badge").innerText()).startsWith("Dừng phát");
        shot(page, "12-airlog-phone");
        // ...and came out of the sound card.
        if (recorder != null) {
            try (recorder) {
                assertThat(recorder.firstNonSilentFrameAfter(plannedAt.minusSeconds(1))).isPresent();
            }
        } else {
            assertThat("true".equals(System.getenv("CI"))).as("CI runs this on the virtual sound card").isFalse();
        }
        context.close();
    }

    private static void pick(Page page, String comboId, String text) {
        var input = page.locator(comboId + " input");
        input.click();
        input.fill(text);
        // The open list's items only: an earlier list's items stay in the page, hidden, and may match too.
        page.locator("vaadin-combo-box-item:visible").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText(text)).first().click();
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")));
    }
}
