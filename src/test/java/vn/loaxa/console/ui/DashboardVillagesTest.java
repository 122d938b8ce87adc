package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.playout.VillageTest;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.UiTest;
import vn.loaxa.zone.CommandSettings;
import vn.loaxa.zone.DriverKind;
import vn.loaxa.zone.SwitchingConfig;
import vn.loaxa.zone.ZoneSettings;
import vn.loaxa.zone.ZoneSwitchboard;

/** The dashboard's village loudspeakers: their state as the switchboard knows it, and the village test. */
@WithMockUser(username = "operator", roles = "OPERATOR")
class DashboardVillagesTest extends UiTest {

    private static final String DATE_TIME = "\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}";

    @Autowired ZoneSettings settings;
    @Autowired ZoneSwitchboard switchboard;
    @Autowired VillageTest villageTest;
    @Autowired VillageService villages;
    @TempDir Path tmp;

    /** The context is shared: the other tests expect a station that switches nothing. */
    @AfterEach
    void backToNoSwitching() {
        RunAs.run("test", "ADMIN", () -> settings.saveFromScheduleFile(SwitchingConfig.DEFAULT, "test"));
        switchboard.reload();
    }

    /** The switching program of a technician whose relays never answer, run for real. */
    private void switchWith(String program) {
        var c = SwitchingConfig.DEFAULT;
        // Switching settings are an admin's; this test looks at the dashboard as an operator.
        RunAs.run("test", "ADMIN", () -> settings.saveFromScheduleFile(new SwitchingConfig(DriverKind.COMMAND,
                Duration.ZERO, c.serial(), c.mqtt(), new CommandSettings(program, Duration.ofSeconds(20)), c.dtmf()),
                "test"));
        switchboard.reload();
    }

    private Village firstInUse() {
        return villages.findAll().stream().filter(Village::enabled).findFirst().orElseThrow();
    }

    private Div row(Village v) {
        return find(Div.class).withAttribute("data-village", String.valueOf(v.id())).from(
                find(Div.class).id("village-status")).first();
    }

    private String notices() {
        return String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList());
    }

    @Test
    void with_no_switching_one_line_says_so_and_there_is_nothing_to_test() {
        navigate(DashboardView.class);
        assertThat(find(Div.class).id("village-status").getElement().getTextRecursively())
                .isEqualTo("Không điều khiển loa (chỉ ghi nhật ký)");
        assertThat(find(Button.class).withId("village-test").exists()).isFalse();
    }

    @Test
    void a_village_the_switch_failed_for_is_red_with_its_reason_and_raises_an_alert() throws Exception {
        switchWith("/bin/false");
        var village = firstInUse();
        villageTest.run("kythuat");

        navigate(DashboardView.class);
        var row = row(village);
        assertThat(row.getElement().getAttribute("data-state")).isEqualTo("PROBLEM");
        assertThat(row.getElement().getTextRecursively()).contains(village.name(), "có lỗi")
                .containsPattern("Không tắt được loa lúc " + DATE_TIME + " \\(exit 1\\)");
        var inUse = villages.findAll().stream().filter(Village::enabled).count();
        assertThat(find(Div.class).id("alerts").getElement().getTextRecursively()).contains(inUse > 2
                ? "Loa của " + inUse + " thôn cần kiểm tra: " + village.name()
                : "Không tắt được loa " + village.name());
        // Back to a driver that switches nothing: the list says so on its next refresh.
        RunAs.run("test", "ADMIN", () -> settings.saveFromScheduleFile(SwitchingConfig.DEFAULT, "test"));
        switchboard.reload();
        ((DashboardView) getCurrentView()).refreshLists(false);
        assertThat(find(Div.class).id("village-status").getElement().getTextRecursively())
                .isEqualTo("Không điều khiển loa (chỉ ghi nhật ký)");
    }

    @Test
    void an_operator_tests_the_villages_after_a_confirmation_and_sees_each_result() throws Exception {
        switchWith("/bin/false");
        var village = firstInUse();
        navigate(DashboardView.class);

        test(find(Button.class).id("village-test")).click();
        var confirm = find(ConfirmDialog.class).id("village-test-confirm");
        assertThat(test(confirm).getText()).startsWith(
                "Mỗi thôn sẽ lần lượt được bật loa và phát tiếng bíp 1,5 giây, rồi tắt loa.");
        test(confirm).confirm();
        assertThat(find(Button.class).id("village-test").isEnabled()).isFalse();
        $(VillageTestPanel.class).single().pending().get(60, TimeUnit.SECONDS);
        roundTrip();

        var results = find(Div.class).id("village-test-results").getElement().getTextRecursively();
        assertThat(results).containsPattern("Kết quả thử loa lúc " + DATE_TIME)
                .contains("✗ " + village.name() + ": không bật được — exit 1");
        assertThat(find(Button.class).id("village-test").isEnabled()).isTrue();
        // The list was renewed with what the test found.
        assertThat(row(village).getElement().getAttribute("data-state")).isEqualTo("PROBLEM");
    }

    @Test
    void a_second_test_is_refused_with_the_reason_while_one_runs() throws Exception {
        // Holds every switch until the test lets go, so the first run is still running when the button is used.
        var go = tmp.resolve("go");
        var program = tmp.resolve("hold.sh");
        Files.writeString(program, "#!/bin/sh\nwhile [ ! -e '" + go + "' ]; do sleep 0.05; done\nexit 1\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        switchWith(program.toString());
        navigate(DashboardView.class);

        // Another operator's run, on a thread of its own: it carries its own signed-in user.
        var first = CompletableFuture.runAsync(() -> {
            try {
                RunAs.call("kythuat", "OPERATOR", () -> villageTest.run("kythuat"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!villageTest.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(villageTest.isRunning()).isTrue();
            test(find(Button.class).id("village-test")).click();
            assertThat(notices()).contains("Đang có một lượt thử loa các thôn; chờ lượt đó xong rồi thử lại.");
            assertThat(find(ConfirmDialog.class).all()).isEmpty();
        } finally {
            Files.createFile(go);
            first.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    @WithMockUser(username = "baocao", roles = "REPORTER")
    void a_reporter_sees_the_villages_but_cannot_test_them() {
        switchWith("/bin/false");
        navigate(DashboardView.class);
        assertThat(row(firstInUse()).getElement().getAttribute("data-state")).isEqualTo("UNKNOWN");
        assertThat(find(Button.class).withId("village-test").exists()).isFalse();
    }
}
