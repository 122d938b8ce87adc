package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.IntegerField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.watch.DiskThresholds;
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.UiTest;
import vn.loaxa.watch.DiskWatch;

/** The admin's disk thresholds: 1024 MB or 5 % until changed, checked at once when saved. */
@WithMockUser(username = "quantri", roles = "ADMIN")
class DiskSettingsTest extends UiTest {

    @Autowired StationSettings settings;

    @Autowired DiskThresholds thresholds;
    @Autowired DiskWatch disk;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void an_admin_sets_the_thresholds_and_the_disk_check_uses_them_at_once() {
        try {
            navigate(SettingsView.class);
            var mb = find(IntegerField.class).id("disk-min-free-mb");
            var percent = find(IntegerField.class).id("disk-min-free-percent");
            assertThat(mb.getValue()).isEqualTo(1024);
            assertThat(percent.getValue()).isEqualTo(5);

            // Every disk has less than 100 % free: the alert is on as soon as this is saved.
            mb.setValue(0);
            percent.setValue(50);
            test(find(Button.class).id("save-disk")).click();
            assertThat(disk.minFreeBytes()).isZero();
            assertThat(disk.minFreePercent()).isEqualTo(50);
            assertThat(settings.get(DiskThresholds.DISK_MIN_FREE_PERCENT)).isEqualTo("50");
            var audited = jdbc.sql("SELECT actor || ' ' || action || ' ' || details FROM audit_log"
                    + " WHERE target_id = 'watch.disk' ORDER BY seq DESC LIMIT 1").query(String.class).single();
            assertThat(audited).startsWith("quantri SETTING_CHANGED").contains("minFreePercent").contains("50");
        } finally {
            settings.resetToDefault(DiskThresholds.DISK_MIN_FREE_MB);
            settings.resetToDefault(DiskThresholds.DISK_MIN_FREE_PERCENT);
            disk.check();
        }
        assertThat(disk.minFreeBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(disk.minFreePercent()).isEqualTo(5);
    }

    @Test
    void a_share_above_half_the_disk_is_refused_in_vietnamese_and_nothing_is_stored() {
        try {
            navigate(SettingsView.class);
            find(IntegerField.class).id("disk-min-free-percent").setValue(80);
            test(find(Button.class).id("save-disk")).click();

            assertThat(String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList()))
                    .contains("Ngưỡng cảnh báo ổ đĩa phải từ 0 đến").contains("50 %");
            assertThat(settings.get(DiskThresholds.DISK_MIN_FREE_PERCENT)).isEmpty();
            assertThat(settings.get(DiskThresholds.DISK_MIN_FREE_MB)).isEmpty();
        } finally {
            settings.resetToDefault(DiskThresholds.DISK_MIN_FREE_MB);
            settings.resetToDefault(DiskThresholds.DISK_MIN_FREE_PERCENT);
        }
    }
}
