package vn.loaxa.backup.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.LocalTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.data.provider.Query;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.backup.BackupService;
import vn.loaxa.backup.BackupTesting;
import vn.loaxa.base.StationProperties;
import vn.loaxa.testing.UiTest;

@WithMockUser(username = "quantri", roles = "ADMIN")
class BackupsViewTest extends UiTest {

    @Autowired
    BackupService backups;
    @Autowired
    StationProperties station;

    @Test
    @SuppressWarnings("unchecked")
    void an_admin_backs_up_now_sees_it_verified_and_asks_for_a_restore_with_a_warning() throws Exception {
        int before = backups.recentRuns(100).size();
        navigate(BackupsView.class);
        test(find(Button.class).id("backup-now")).click();
        for (int i = 0; i < 300 && (backups.recentRuns(100).size() == before || backups.status().running()); i++) {
            Thread.sleep(100);
        }
        var run = backups.recentRuns(1).getFirst();
        assertThat(run.good()).as(String.valueOf(run.problem())).isTrue();
        assertThat(run.actor()).isEqualTo("quantri");
        test(find(Button.class).id("backup-refresh")).click();
        assertThat(find(Paragraph.class).id("backup-summary").getText()).startsWith("Bản sao lưu tốt gần nhất:");
        Grid<BackupService.Stored> grid = (Grid<BackupService.Stored>) find(Grid.class).id("backup-grid");
        assertThat(grid.getDataProvider().fetch(new Query<>()).map(BackupService.Stored::name)).contains(run.name());

        var restarted = new CountDownLatch(1);
        BackupTesting.onRestart(backups, restarted::countDown);
        var request = station.dataDir().resolve("restore-request.txt");
        try {
            // What the row's "Khôi phục…" button does (a grid's cell buttons are rendered in the browser).
            var row = grid.getDataProvider().fetch(new Query<>()).filter(b -> b.name().equals(run.name())).findFirst().orElseThrow();
            $(BackupsView.class).single().confirmRestore(row);
            var confirm = find(ConfirmDialog.class).id("backup-restore-dialog");
            assertThat(test(confirm).getText()).contains("Đài sẽ dừng").contains("before-restore");
            test(confirm).confirm();
            assertThat(request).exists();
            assertThat(Files.readString(request)).contains(run.name());
            assertThat(restarted.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            Files.deleteIfExists(request);
        }
    }

    @Test
    void an_admin_sets_the_backup_folder_and_a_missing_one_is_refused_with_the_reason() throws Exception {
        var before = backups.settings();
        var usb = Files.createTempDirectory("loaxa-usb-");
        try {
            navigate(BackupsView.class);
            test(find(TextField.class).id("backup-folder")).setValue(usb.resolve("not-plugged-in").toString());
            test(find(Button.class).id("backup-save")).click();
            assertThat(notices()).contains("không dùng được").contains("not-plugged-in");
            assertThat(backups.settings().dir()).isEqualTo(before.dir());

            test(find(TextField.class).id("backup-folder")).setValue(usb.toString());
            test(find(TimePicker.class).id("backup-at")).setValue(LocalTime.of(3, 15));
            test(find(IntegerField.class).id("backup-keep-daily")).setValue(5);
            test(find(Button.class).id("backup-save")).click();
            assertThat(backups.settings()).isEqualTo(new BackupService.Settings(usb.toString(), LocalTime.of(3, 15), 5, before.keepMonthly()));
            assertThat(backups.folder()).isEqualTo(usb);
            assertThat(find(Paragraph.class).id("backup-schedule").getText()).contains("03:15").contains(usb.toString());
            var run = backups.run("MANUAL", "quantri");
            assertThat(run.good()).isTrue();
            assertThat(usb.resolve(run.name())).isDirectory();
        } finally {
            vn.loaxa.testing.RunAs.run("quantri", "ADMIN", () -> {
                backups.updateSettings(before.dir(), before.at(), before.keepDaily(), before.keepMonthly());
                return null;
            });
        }
    }

    private String notices() {
        return String.join("\n", find(com.vaadin.flow.component.notification.Notification.class).all().stream()
                .map(n -> test(n).getText()).toList());
    }

    @Test
    void the_dashboard_names_the_last_good_backup() throws Exception {
        backups.run("MANUAL", "admin");
        navigate("", com.vaadin.flow.component.Component.class);
        assertThat(find(Div.class).id("last-backup").getText()).startsWith("Bản sao lưu tốt gần nhất:");
    }
}
