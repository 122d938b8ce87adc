package vn.loaxa.schedule.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.playout.PlayoutEngine;
import vn.loaxa.schedule.EmergencyPreset;
import vn.loaxa.schedule.EmergencyPreset.Draft;
import vn.loaxa.schedule.EmergencyPreset.Siren;
import vn.loaxa.schedule.EmergencyPresetService;
import vn.loaxa.schedule.OneOff;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;

/**
 * The preset list in the emergency dialog: one button per preset, then a confirmation, and the
 * emergency is stored with the preset's audio and villages; and the admin's page that keeps them.
 */
class EmergencyPresetDialogTest extends UiTest {

    @Autowired LibraryService library;
    @Autowired OneOffService oneOffs;
    @Autowired EmergencyPresetService presets;
    @Autowired VillageService villages;
    @Autowired AirLogService airLog;
    @Autowired PlayoutEngine engine;
    @Autowired Clock clock;
    @TempDir Path tmp;

    AudioAsset recording;
    Set<Long> before;

    @BeforeEach
    void setUp() {
        recording = RunAs.run("admin", "ADMIN", () -> TestAssets.wav(library, tmp, "Tin cháy rừng", 0.4));
        before = ids();
    }

    @AfterEach
    void letItPlay() throws InterruptedException {
        var keys = ids().stream().filter(id -> !before.contains(id)).map(id -> "O" + id).toList();
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !(airLog.loggedKeys(keys).size() == keys.size()
                && engine.onAirKey().isEmpty())) {
            Thread.sleep(100);
        }
    }

    @Test
    @WithMockUser(username = "can.bo.truc", roles = "OPERATOR")
    void an_operator_orders_a_preset_with_two_taps() {
        var village = villages.findAll().stream().filter(Village::enabled).toList().get(2);
        var preset = RunAs.run("admin", "ADMIN", () -> presets.save(null, new Draft("Cháy rừng " + System.nanoTime(),
                Siren.NONE, null, recording.id(), "Cháy rừng phía tây", List.of(village.id()), 2)));
        navigate(CalendarView.class);
        test(find(Button.class).id("emergency-button")).click();

        var list = find(Div.class).id("emergency-presets");
        assertThat(list.getElement().getTextRecursively()).contains("Bão", "Lũ", "Cháy", "Mất điện", preset.name(), village.name())
                .as("a preset not yet spoken shows its text to read out").contains("bão đang đổ bộ");

        test(find(Button.class).id("preset-" + preset.id())).click();
        var confirm = find(ConfirmDialog.class).id("preset-confirm");
        assertThat(ids()).as("nothing before the confirmation").isEqualTo(before);
        test(confirm).confirm();

        var sent = ids().stream().filter(id -> !before.contains(id)).map(oneOffs::require).toList();
        assertThat(sent).singleElement().satisfies(o -> {
            assertThat(o.priority()).isEqualTo(Priority.EMERGENCY);
            assertThat(o.title()).isEqualTo(preset.name());
            assertThat(o.assetIds()).containsExactly(recording.id(), recording.id());
            assertThat(o.villageIds()).containsExactly(village.id());
            assertThat(o.createdBy()).isEqualTo("can.bo.truc");
        });
        assertThat(find(Dialog.class).all()).as("the emergency dialog closed once it was sent")
                .noneMatch(Dialog::isOpened);
        assertThat(notices()).doesNotContain("!ui.");
    }

    @Test
    @WithMockUser(username = "lanh.dao", roles = "APPROVER")
    void cancelling_the_confirmation_orders_nothing() {
        var preset = RunAs.run("admin", "ADMIN", () -> presets.save(null, new Draft("Sạt lở " + System.nanoTime(),
                Siren.NONE, null, recording.id(), null, List.of(), 1)));
        navigate(CalendarView.class);
        test(find(Button.class).id("emergency-button")).click();
        test(find(Button.class).id("preset-" + preset.id())).click();
        test(find(ConfirmDialog.class).id("preset-confirm")).cancel();
        assertThat(ids()).isEqualTo(before);
    }

    @Test
    @WithMockUser(username = "quan.tri", roles = "ADMIN")
    @SuppressWarnings("unchecked")
    void an_admin_adds_and_deletes_a_preset_on_its_page() {
        navigate(EmergencyPresetsView.class);
        var name = "Triều cường " + System.nanoTime();
        test(find(Button.class).id("preset-add")).click();
        find(TextField.class).id("preset-name").setValue(name);
        ((Select<Siren>) find(Select.class).id("preset-siren")).setValue(Siren.NONE);
        ((ComboBox<AudioAsset>) find(ComboBox.class).id("preset-message")).setValue(recording);
        find(IntegerField.class).id("preset-repeat").setValue(3);
        test(find(Button.class).id("preset-save")).click();

        var saved = presets.findAll().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        assertThat(saved.messageAssetId()).isEqualTo(recording.id());
        assertThat(saved.repeatCount()).isEqualTo(3);
        assertThat(saved.allVillages()).isTrue();
        var grid = test((Grid<EmergencyPreset>) find(Grid.class).id("presets-grid"));
        int row = -1;
        for (int i = 0; i < grid.size(); i++) {
            if (grid.getRow(i).name().equals(name)) {
                row = i;
            }
        }
        assertThat(row).as("the new preset is listed").isNotNegative();
        var actions = grid.getCellComponent(row, 5);
        var delete = (Button) actions.getChildren().filter(c -> c.getId().orElse("").startsWith("preset-delete-"))
                .findFirst().orElseThrow();
        test(delete).click();
        test(find(ConfirmDialog.class).id("preset-delete-confirm")).confirm();
        assertThat(presets.findAll()).noneMatch(p -> p.name().equals(name));
        assertThat(notices()).doesNotContain("!ui.");
    }

    private String notices() {
        // A notification joins the UI when the response is written: let one go out first.
        roundTrip();
        return String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList());
    }

    private Set<Long> ids() {
        var now = clock.instant();
        return oneOffs.findBetween(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1))).stream()
                .map(OneOff::id).collect(Collectors.toSet());
    }
}
