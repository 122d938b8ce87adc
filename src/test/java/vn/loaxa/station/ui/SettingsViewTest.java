package vn.loaxa.station.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.UiTest;

class SettingsViewTest extends UiTest {

    @Autowired StationSettings settings;

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
