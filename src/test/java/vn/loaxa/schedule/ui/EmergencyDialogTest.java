package vn.loaxa.schedule.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.console.ui.MainLayout;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.playout.PlayoutEngine;
import vn.loaxa.schedule.OneOff;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.security.Role;
import vn.loaxa.security.UserService;
import vn.loaxa.schedule.EmergencyRights;
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;

/**
 * The red button: shown to the roles the station's settings name, it will not send an emergency
 * without a reason, and the reason is stored with the broadcast. Uploading new audio there is for
 * those who may add to the library.
 */
class EmergencyDialogTest extends UiTest {

    @Autowired LibraryService library;
    @Autowired OneOffService oneOffs;
    @Autowired StationSettings settings;
    @Autowired EmergencyRights rights;
    @Autowired AirLogService airLog;
    @Autowired PlayoutEngine engine;
    @Autowired Clock clock;
    @Autowired ApplicationContext context;
    @TempDir Path tmp;

    AudioAsset warning;
    Set<Long> before;

    @BeforeEach
    void setUp() {
        warning = TestAssets.wav(library, tmp, "Cảnh báo triều cường", 0.4);
        before = ids();
    }

    @AfterEach
    void letItPlayAndResetTheSetting() throws InterruptedException {
        RunAs.run("admin", "ADMIN", () -> {
            settings.resetToDefault(EmergencyRights.EMERGENCY_ROLES);
            return null;
        });
        var keys = ids().stream().filter(id -> !before.contains(id)).map(id -> "O" + id).toList();
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !(airLog.loggedKeys(keys).size() == keys.size()
                && engine.onAirKey().isEmpty())) {
            Thread.sleep(100);
        }
    }

    @Test
    @WithMockUser(username = "can.bo.dai", roles = "OPERATOR")
    @SuppressWarnings("unchecked")
    void an_operator_must_say_why_and_the_reason_is_kept_with_the_emergency() {
        navigate(CalendarView.class);
        test(find(Button.class).id("emergency-button")).click();
        ((ComboBox<AudioAsset>) find(ComboBox.class).id("emergency-audio")).setValue(warning);
        assertThat(find(Upload.class).all()).as("an operator may upload new audio here").hasSize(1);

        test(find(Button.class).id("emergency-play")).click();
        assertThat(notices()).contains("Cần ghi lý do phát khẩn cấp");
        assertThat(find(TextArea.class).id("emergency-reason").isInvalid()).isTrue();
        assertThat(find(ConfirmDialog.class).all()).as("no confirmation without a reason").isEmpty();
        assertThat(ids()).isEqualTo(before);

        find(TextArea.class).id("emergency-reason").setValue("Triều cường dâng cao, lệnh của UBND xã");
        test(find(Button.class).id("emergency-play")).click();
        test(find(ConfirmDialog.class).id("emergency-confirm")).confirm();

        var sent = ids().stream().filter(id -> !before.contains(id)).map(oneOffs::require).toList();
        assertThat(sent).singleElement().satisfies(o -> {
            assertThat(o.priority()).isEqualTo(Priority.EMERGENCY);
            assertThat(o.reason()).isEqualTo("Triều cường dâng cao, lệnh của UBND xã");
            assertThat(o.createdBy()).isEqualTo("can.bo.dai");
            assertThat(o.assetIds()).containsExactly(warning.id());
        });
        assertThat(notices()).doesNotContain("!ui.").doesNotContain("Exception");
    }

    @Test
    @WithMockUser(username = "lanhdao", roles = "APPROVER")
    void the_leadership_sees_the_button_by_default_but_not_the_upload() {
        navigate(CalendarView.class);
        test(find(Button.class).id("emergency-button")).click();
        assertThat(find(TextArea.class).id("emergency-reason").isRequired()).isTrue();
        assertThat(find(ComboBox.class).id("emergency-audio").isVisible()).isTrue();
        var upload = descendants(find(TextArea.class).id("emergency-reason").getParent().orElseThrow())
                .filter(c -> c instanceof Upload).toList();
        assertThat(upload).singleElement().satisfies(u -> assertThat(u.isVisible()).isFalse());
    }

    @Test
    @WithMockUser(username = "lanhdao", roles = "APPROVER")
    void a_role_the_settings_leave_out_is_not_offered_the_button() {
        RunAs.run("admin", "ADMIN", () -> {
            rights.setEmergencyRoles(EnumSet.of(Role.OPERATOR));
            return null;
        });
        assertThat(rights.mayOrderEmergency()).isFalse();
        // The frame is built when the page is first opened (here before the setting changed): build it again.
        var frame = new MainLayout(context.getBean(AuthenticationContext.class), context.getBean(UserService.class),
                settings, rights, context.getBean(EmergencyButton.class), context.getBean(BulletinService.class));
        assertThat(descendants(frame)).as("the header is there").anyMatch(c -> c instanceof Select);
        assertThat(descendants(frame)).noneMatch(c -> c instanceof EmergencyButton
                || "emergency-button".equals(c.getId().orElse("")));
    }

    private String notices() {
        return String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList());
    }

    private Set<Long> ids() {
        var now = clock.instant();
        return oneOffs.findBetween(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1))).stream()
                .map(OneOff::id).collect(Collectors.toSet());
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(EmergencyDialogTest::descendants));
    }
}
