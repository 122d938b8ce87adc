package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.UiTest;

/** Renaming a village or taking it out of use is asked first; "no" leaves the stored village and the screen as they were. */
class VillageConfirmationsTest extends UiTest {

    @Autowired VillageService villages;

    @Test
    @WithMockUser(username = "quantri", roles = "ADMIN")
    void a_rename_is_confirmed_before_it_is_stored_and_undone_on_cancel() {
        var village = villages.findAll().getLast();
        try {
            navigate(SettingsView.class);
            var name = field(village, TextField.class, "village-name-");
            test(name).setValue("Thôn gõ nhầm");
            var dialog = find(ConfirmDialog.class).id("village-rename-confirm");
            assertThat(test(dialog).getText()).contains(village.name(), "Thôn gõ nhầm");
            test(dialog).cancel();
            assertThat(stored(village).name()).isEqualTo(village.name());
            assertThat(name.getValue()).isEqualTo(village.name());

            test(name).setValue("Thôn Mới");
            test(find(ConfirmDialog.class).id("village-rename-confirm")).confirm();
            assertThat(stored(village).name()).isEqualTo("Thôn Mới");
        } finally {
            villages.update(village.id(), village.name(), village.enabled());
        }
    }

    @Test
    @WithMockUser(username = "quantri", roles = "ADMIN")
    void taking_a_village_out_of_use_is_confirmed_and_kept_in_use_on_cancel() {
        var village = villages.findAll().stream().filter(Village::enabled).toList().getLast();
        try {
            navigate(SettingsView.class);
            var inUse = field(village, Checkbox.class, "village-in-use-");
            test(inUse).click();
            var dialog = find(ConfirmDialog.class).id("village-disable-confirm");
            assertThat(test(dialog).getHeader()).contains(village.name());
            test(dialog).cancel();
            assertThat(stored(village).enabled()).isTrue();
            assertThat(inUse.getValue()).isTrue();

            test(inUse).click();
            test(find(ConfirmDialog.class).id("village-disable-confirm")).confirm();
            assertThat(stored(village).enabled()).isFalse();
        } finally {
            villages.update(village.id(), village.name(), village.enabled());
        }
    }

    private Village stored(Village v) {
        return villages.findAll().stream().filter(x -> x.id() == v.id()).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private <T extends Component> T field(Village v, Class<T> type, String idPrefix) {
        var grid = (Grid<Village>) find(Grid.class).id("village-grid");
        var row = grid.getGenericDataView().getItems().map(Village::id).toList().indexOf(v.id());
        var cell = test(grid).getCellComponent(row, 1);
        return type.cast(byId(cell, idPrefix + v.id()).orElseThrow());
    }

    private static Optional<Component> byId(Component root, String id) {
        if (root.getId().filter(id::equals).isPresent()) {
            return Optional.of(root);
        }
        return root.getChildren().map(c -> byId(c, id)).flatMap(Optional::stream).findFirst();
    }
}
