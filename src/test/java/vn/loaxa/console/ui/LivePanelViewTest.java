package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.playout.LiveBroadcasts;
import vn.loaxa.playout.PlayoutSettings;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.UiTest;

/**
 * "Nói trực tiếp" as a person meets it without a sound card: the admin chooses the microphone in
 * Settings, the dashboard's button opens the villages (every one in use ticked), and a microphone
 * that is not there is refused in Vietnamese with its name, with nothing put on air. The sound card
 * side (what is said reaches the output within 100 ms, the recording is kept) is LiveSoundCardTest.
 */
class LivePanelViewTest extends UiTest {

    private static final String ABSENT = "Micrô USB hội trường (chưa cắm)";

    @Autowired PlayoutSettings settings;
    @Autowired LiveBroadcasts live;
    @Autowired VillageService villages;

    @AfterEach
    void defaultInputAgain() {
        RunAs.run("admin", "ADMIN", () -> {
            settings.setInputDevice("");
            return null;
        });
    }

    @Test
    @WithMockUser(username = "quantri", roles = "ADMIN")
    void an_absent_microphone_is_named_in_settings_and_going_live_is_refused_with_the_reason() {
        navigate(SettingsView.class);
        @SuppressWarnings("unchecked")
        var input = (ComboBox<String>) find(ComboBox.class).id("input-device");
        input.setValue(ABSENT);
        test(find(Button.class).id("save-input")).click();
        assertThat(settings.inputDevice()).isEqualTo(ABSENT);
        assertThat(find(Paragraph.class).id("input-status").getText()).startsWith("Không thấy micrô")
                .contains(ABSENT);

        navigate(DashboardView.class);
        test(find(Button.class).id("live-start")).click();
        var dialog = find(Dialog.class).id("live-dialog");
        assertThat(dialog.isOpened()).isTrue();
        @SuppressWarnings("unchecked")
        var chosen = (CheckboxGroup<Village>) find(CheckboxGroup.class).id("live-villages");
        var inUse = villages.findAll().stream().filter(Village::enabled).toList();
        assertThat(chosen.getValue()).as("every village in use ticked").containsExactlyInAnyOrderElementsOf(inUse);

        test(find(Button.class).id("live-go")).click();
        var notices = find(Notification.class).all().stream().map(n -> test(n).getText()).toList();
        assertThat(String.join("\n", notices)).contains("Không mở được micrô").contains(ABSENT);
        assertThat(dialog.isOpened()).as("the dialog stays, so the person can pick again").isTrue();
        assertThat(live.current()).as("nothing went on air").isEmpty();
    }

    @Test
    @WithMockUser(username = "chutich", roles = "APPROVER")
    void the_leader_may_go_live_and_a_reporter_may_not() {
        navigate(DashboardView.class);
        assertThat(find(Button.class).id("live-start").isVisible()).isTrue();
        test(find(Button.class).id("live-start")).click();
        @SuppressWarnings("unchecked")
        var chosen = (CheckboxGroup<Village>) find(CheckboxGroup.class).id("live-villages");
        test(find(com.vaadin.flow.component.checkbox.Checkbox.class).id("live-emergency")).click();
        assertThat(chosen.isEnabled()).as("an emergency reaches every village: no choice to make").isFalse();
    }

    @Test
    @WithMockUser(username = "vanhoa", roles = "REPORTER")
    void a_reporter_sees_no_live_button() {
        navigate(DashboardView.class);
        assertThat(find(Button.class).all()).extracting(b -> b.getId().orElse("")).doesNotContain("live-start");
    }
}
