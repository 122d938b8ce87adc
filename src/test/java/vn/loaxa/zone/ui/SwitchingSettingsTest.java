package vn.loaxa.zone.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.UiTest;
import vn.loaxa.zone.DriverKind;
import vn.loaxa.zone.SwitchingConfig;
import vn.loaxa.zone.ZoneSettings;
import vn.loaxa.zone.ZoneSwitchboard;

@WithMockUser(username = "quantri", roles = "ADMIN")
class SwitchingSettingsTest extends UiTest {

    @Autowired ZoneSettings settings;
    @Autowired ZoneSwitchboard switchboard;

    /** The context is shared: the other tests expect a station that switches nothing. */
    @AfterEach
    void backToNoSwitching() {
        RunAs.run("test", "ADMIN", () -> settings.saveFromScheduleFile(SwitchingConfig.DEFAULT, "test"));
        switchboard.reload();
    }

    @SuppressWarnings("unchecked")
    private Select<DriverKind> driver() {
        return (Select<DriverKind>) find(Select.class).id("zone-driver");
    }

    private boolean shown(String id) {
        return find(Component.class).withId(id).all().stream().anyMatch(Component::isVisible);
    }

    private void save() {
        test(find(Button.class).id("save-switching")).click();
    }

    private String notices() {
        return String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList());
    }

    @Test
    void each_driver_shows_only_the_fields_it_reads_with_a_helper_text() {
        navigate("settings", Component.class);
        assertThat(driver().getValue()).isEqualTo(DriverKind.NONE);
        assertThat(allText(driver().getElement())).contains("Không điều khiển (chỉ ghi nhật ký)",
                "Bảng rơ-le Modbus RTU", "Bảng rơ-le lệnh A0", "Âm hiệu DTMF (FM)", "Cụm loa IP (MQTT)",
                "Chương trình riêng");
        assertThat(shown("zone-preroll")).isFalse();
        assertThat(shown("zone-port")).isFalse();

        driver().setValue(DriverKind.MODBUS);
        assertThat(shown("zone-preroll")).isTrue();
        assertThat(shown("zone-port")).isTrue();
        assertThat(shown("zone-baud")).isTrue();
        assertThat(shown("zone-unit")).isTrue();
        assertThat(shown("zone-serial-timeout")).isTrue();
        assertThat(shown("zone-broker")).isFalse();
        assertThat(shown("zone-program")).isFalse();
        assertThat(shown("zone-dtmf-level")).isFalse();
        assertThat(find(TextField.class).id("zone-port").getHelperText()).contains("/dev/ttyUSB0");

        driver().setValue(DriverKind.RELAY_A0);
        assertThat(shown("zone-port")).isTrue();
        assertThat(shown("zone-unit")).as("single-byte boards have no Modbus unit").isFalse();

        driver().setValue(DriverKind.MQTT);
        assertThat(shown("zone-broker")).isTrue();
        assertThat(shown("zone-mqtt-user")).isTrue();
        assertThat(shown("zone-mqtt-password")).isTrue();
        assertThat(shown("zone-mqtt-client")).isTrue();
        assertThat(shown("zone-mqtt-timeout")).isTrue();
        assertThat(shown("zone-port")).isFalse();

        driver().setValue(DriverKind.COMMAND);
        assertThat(shown("zone-program")).isTrue();
        assertThat(shown("zone-command-timeout")).isTrue();
        assertThat(shown("zone-broker")).isFalse();

        driver().setValue(DriverKind.DTMF);
        assertThat(shown("zone-dtmf-level")).isTrue();
        assertThat(shown("zone-dtmf-tone")).isTrue();
        assertThat(shown("zone-dtmf-pause")).isTrue();
        assertThat(shown("zone-program")).isFalse();
        assertThat(driver().getHelperText()).contains("máy thu FM");
    }

    @Test
    void a_refused_value_shows_the_server_reason_in_vietnamese_and_nothing_is_stored() {
        var before = settings.config();
        navigate("settings", Component.class);

        driver().setValue(DriverKind.MQTT);
        find(TextField.class).id("zone-broker").setValue("192.168.1.10");
        save();
        assertThat(notices()).contains("Địa chỉ máy chủ MQTT phải có dạng tcp://máy:1883.");
        assertThat(settings.config()).isEqualTo(before);

        driver().setValue(DriverKind.COMMAND);
        find(TextField.class).id("zone-program").setValue("/bin/false");
        find(NumberField.class).id("zone-preroll").setValue(45.0);
        save();
        assertThat(notices()).contains("Thời gian bật loa trước phải từ 0 đến 30 giây.");
        assertThat(settings.config()).isEqualTo(before);

        // An emptied number is not taken as zero: the server refuses it with its own reason.
        find(NumberField.class).id("zone-preroll").setValue(2.0);
        find(IntegerField.class).id("zone-command-timeout").clear();
        save();
        assertThat(notices()).contains("Thời gian chờ phải từ 50 ms đến 60 giây.");
        assertThat(settings.config()).isEqualTo(before);
        assertThat(switchboard.config().driver()).isEqualTo(DriverKind.NONE);
    }

    @Test
    void a_saved_driver_applies_at_once_and_a_blank_password_keeps_the_stored_one() {
        navigate("settings", Component.class);
        driver().setValue(DriverKind.COMMAND);
        find(TextField.class).id("zone-program").setValue("/bin/false");
        find(NumberField.class).id("zone-preroll").setValue(1.5);
        find(IntegerField.class).id("zone-command-timeout").setValue(3_000);
        save();

        var saved = settings.config();
        assertThat(saved.driver()).isEqualTo(DriverKind.COMMAND);
        assertThat(saved.preRoll()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(saved.command().program()).isEqualTo("/bin/false");
        assertThat(saved.command().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(switchboard.config()).isEqualTo(saved);
        assertThat(notices()).contains("Đã lưu. Từ bản tin tiếp theo, loa các thôn được điều khiển bằng: "
                + "Chương trình riêng.");
        assertThat(find(Paragraph.class).id("zone-current").getText()).isEqualTo("Đang dùng: Chương trình riêng");

        driver().setValue(DriverKind.MQTT);
        find(TextField.class).id("zone-broker").setValue("tcp://192.168.1.10:1883");
        find(TextField.class).id("zone-mqtt-user").setValue("daixa");
        find(PasswordField.class).id("zone-mqtt-password").setValue("mật-khẩu-loa");
        save();
        assertThat(settings.config().mqtt().password()).isEqualTo("mật-khẩu-loa");
        // The password never goes back to the browser; left blank it stays as stored.
        assertThat(find(PasswordField.class).id("zone-mqtt-password").getValue()).isEmpty();
        assertThat(find(PasswordField.class).id("zone-mqtt-password").getHelperText()).contains("Đã lưu một mật khẩu");
        save();
        assertThat(settings.config().mqtt().password()).isEqualTo("mật-khẩu-loa");
        assertThat(settings.config().mqtt().username()).isEqualTo("daixa");

        find(Checkbox.class).id("zone-mqtt-clear-password").setValue(true);
        save();
        assertThat(settings.config().mqtt().password()).isEmpty();
        // The command driver's settings were kept while MQTT was chosen.
        assertThat(settings.config().command().program()).isEqualTo("/bin/false");
    }

    @Test
    @WithMockUser(username = "operator", roles = "OPERATOR")
    void an_operator_cannot_reach_the_switching_settings() {
        try {
            navigate("settings", Component.class);
        } catch (RuntimeException refused) {
            // refused: fine
        }
        assertThat(find(Component.class).withId("zone-driver").exists()).isFalse();
    }
}
