package vn.loaxa.zone.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.testing.UiTest;
import vn.loaxa.zone.VillageZones;
import vn.loaxa.zone.ZoneAddress;

@WithMockUser(username = "quantri", roles = "ADMIN")
class VillageAddressDialogTest extends UiTest {

    @Autowired VillageZones zones;
    private List<ZoneAddress> before;

    @BeforeEach
    void remember() {
        before = zones.all();
        // Relays free for this test, whatever other tests wired.
        before.forEach(a -> zones.updateFromScheduleFile(a.villageId(), a.code(), null, a.dtmfOn(), a.dtmfOff(),
                a.mqttTopic(), "test"));
    }

    /** The context is shared: every village's wiring as it was. */
    @AfterEach
    void restore() {
        before.forEach(a -> zones.updateFromScheduleFile(a.villageId(), a.code(), null, null, null, null, "test"));
        before.forEach(a -> zones.updateFromScheduleFile(a.villageId(), a.code(), a.relay(), a.dtmfOn(),
                a.dtmfOff(), a.mqttTopic(), "test"));
    }

    private String notices() {
        return String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList());
    }

    @SuppressWarnings("unchecked")
    private Grid<Object> grid() {
        return (Grid<Object>) find(Grid.class).id("village-grid");
    }

    /** The grid lists the villages in the order {@link VillageZones#all()} does. */
    private void open(int row) {
        var edit = find(Button.class).from(test(grid()).getCellComponent(row, 1)).single();
        assertThat(edit.getAriaLabel()).hasValueSatisfying(l -> assertThat(l).startsWith(
                "Sửa địa chỉ điều khiển loa của "));
        test(edit).click();
    }

    @Test
    void an_admin_wires_a_village_and_a_relay_already_used_is_refused_with_the_reason() {
        var first = zones.all().get(0);
        var second = zones.all().get(1);
        navigate("settings", Component.class);

        open(0);
        var dialog = $(VillageAddressDialog.class).single();
        assertThat(dialog.getHeaderTitle()).contains(first.villageName());
        find(IntegerField.class).id("zone-relay").setValue(3);
        find(TextField.class).id("zone-dtmf-on").setValue("*31#");
        find(TextField.class).id("zone-dtmf-off").setValue("#31*");
        find(TextField.class).id("zone-topic").setValue("gioson/thon-a");
        test(find(Button.class).id("save-village-address")).click();

        assertThat(zones.of(first.villageId()).relay()).isEqualTo(3);
        assertThat(zones.of(first.villageId()).dtmfOn()).isEqualTo("*31#");
        assertThat(zones.of(first.villageId()).mqttTopic()).isEqualTo("gioson/thon-a");
        assertThat($(VillageAddressDialog.class).all()).isEmpty();
        assertThat(notices()).contains("Đã lưu địa chỉ loa của " + first.villageName());
        // The village list shows the new wiring beside the name.
        assertThat(allText(test(grid()).getCellComponent(0, 1).getElement())).contains("rơ-le 3", "*31#");

        open(1);
        find(IntegerField.class).id("zone-relay").setValue(3);
        find(TextField.class).id("zone-topic").setValue("gioson/thon-b");
        test(find(Button.class).id("save-village-address")).click();

        assertThat(notices()).contains("Mã thôn, số rơ-le hoặc chủ đề MQTT đã được dùng cho thôn khác ("
                + first.villageName() + ").");
        assertThat($(VillageAddressDialog.class).all()).as("left open to correct").hasSize(1);
        assertThat(zones.of(second.villageId()).relay()).isNull();
        assertThat(zones.of(second.villageId()).mqttTopic()).as("one transaction: nothing stored")
                .isEqualTo(before.get(1).mqttTopic());

        find(TextField.class).id("zone-dtmf-on").setValue("*9");
        find(TextField.class).id("zone-dtmf-off").setValue("*9");
        find(IntegerField.class).id("zone-relay").setValue(4);
        test(find(Button.class).id("save-village-address")).click();
        assertThat(notices()).contains("Mã bật và mã tắt không được giống nhau (*9).");
        assertThat(zones.of(second.villageId()).relay()).isNull();
    }

    @Test
    void every_village_input_has_a_name_a_screen_reader_can_read() {
        navigate("settings", Component.class);
        var rows = test(grid()).size();
        assertThat(rows).isPositive();
        for (int row = 0; row < rows; row++) {
            var name = find(TextField.class).from(test(grid()).getCellComponent(row, 1)).single();
            assertThat(name.getAriaLabel()).contains("Tên thôn số " + (row + 1));
            var inUse = find(Checkbox.class).from(test(grid()).getCellComponent(row, 1)).single();
            assertThat(inUse.getAriaLabel()).hasValueSatisfying(l -> assertThat(l).endsWith(": đang dùng"));
        }
        assertThat(find(TextField.class).withPlaceholder("Tên thôn mới").single().getAriaLabel()).contains(
                "Tên thôn mới");
    }
}
