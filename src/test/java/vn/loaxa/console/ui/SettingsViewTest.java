package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.audio.output.OutputDevices;
import vn.loaxa.playout.StationOutput;
import vn.loaxa.schedule.PlayoutProperties;
import vn.loaxa.playout.PlayoutSettings;
import vn.loaxa.schedule.GraceSettings;
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.UiTest;

class SettingsViewTest extends UiTest {

    @Autowired StationSettings settings;

    @Autowired PlayoutSettings output;
    @Autowired StationOutput player;
    @Autowired PlayoutProperties configured;

    /** The context is shared: other tests expect the configured device and grace (called as the admin). */
    private void backToConfiguredOutput() {
        settings.resetToDefault(PlayoutSettings.OUTPUT_DEVICE);
        settings.resetToDefault(GraceSettings.GRACE_MINUTES);
    }

    @Test
    @WithMockUser(username = "quantri", roles = "ADMIN")
    void an_admin_picks_the_output_device_and_grace_and_they_apply_without_a_restart() {
        try {
            picksDeviceAndGrace();
        } finally {
            backToConfiguredOutput();
        }
        assertThat(output.grace()).isEqualTo(configured.grace());
    }

    private void picksDeviceAndGrace() {
        navigate(SettingsView.class);
        assertThat(output.grace()).isEqualTo(configured.grace());
        @SuppressWarnings("unchecked")
        var device = (ComboBox<String>) find(ComboBox.class).id("output-device");
        assertThat(device.getListDataView().getItems().map(device.getItemLabelGenerator()))
                .contains("(mặc định của hệ thống)");

        device.setValue("Loa hội trường (thử)");
        find(IntegerField.class).id("grace-minutes").setValue(5);
        test(find(Button.class).id("save-output")).click();

        assertThat(output.grace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(output.outputDevice()).isEqualTo("Loa hội trường (thử)");
        assertThat(player.deviceStatus().device()).isEqualTo("Loa hội trường (thử)");
        assertThat(find(Paragraph.class).id("device-status").getText()).contains("Loa hội trường (thử)");
        // The device is not on this machine: the tone is refused with the reason, and the station stays free.
        test(find(Button.class).id("test-tone")).click();
        assertThat(notices()).contains(OutputDevices.list().isEmpty() ? "Máy không có thiết bị phát âm thanh nào"
                : "Không có thiết bị phát tên \"Loa hội trường (thử)\"");
        assertThat(player.isBusy()).isFalse();
    }

    @Test
    @WithMockUser(username = "quantri", roles = "ADMIN")
    void a_grace_over_an_hour_is_refused_in_vietnamese_and_nothing_is_stored() {
        try {
            refusesGraceOverAnHour();
        } finally {
            backToConfiguredOutput();
        }
    }

    private void refusesGraceOverAnHour() {
        navigate(SettingsView.class);
        @SuppressWarnings("unchecked")
        var device = (ComboBox<String>) find(ComboBox.class).id("output-device");
        device.setValue("Loa không được lưu");
        find(IntegerField.class).id("grace-minutes").setValue(90);
        test(find(Button.class).id("save-output")).click();

        assertThat(notices()).contains("Thời gian phát muộn tối đa phải là số phút từ 0 đến 60.");
        assertThat(output.grace()).isEqualTo(configured.grace());
        assertThat(output.outputDevice()).isNotEqualTo("Loa không được lưu");
    }

    private String notices() {
        return String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList());
    }

    @Test
    @WithMockUser(username = "quantri", roles = "ADMIN")
    void an_admin_renames_the_station_and_sees_the_villages() {
        navigate(SettingsView.class);
        var station = find(TextField.class).all().stream().filter(f -> "Tên đài".equals(f.getLabel())).findFirst()
                .orElseThrow();
        station.setValue("Đài truyền thanh xã Gio Sơn mới");
        test(find(Button.class).withText("Lưu").first()).click();
        assertThat(settings.stationName()).isEqualTo("Đài truyền thanh xã Gio Sơn mới");
        assertThat(find(com.vaadin.flow.component.grid.Grid.class).id("village-grid").getElement()
                .getTextRecursively()).doesNotContain("!ui.");
        settings.set(StationSettings.STATION_NAME, "Đài truyền thanh xã Gio Sơn");
    }

    @Test
    @WithMockUser(username = "operator", roles = "OPERATOR")
    void an_operator_cannot_open_the_settings() {
        try {
            navigate(SettingsView.class);
        } catch (RuntimeException refused) {
            // refused: fine
        }
        assertThat(getCurrentView()).isNotInstanceOf(SettingsView.class);
    }
}
