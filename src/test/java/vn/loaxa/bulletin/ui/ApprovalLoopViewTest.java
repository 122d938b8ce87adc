package vn.loaxa.bulletin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;

/** The Bulletins page after a rejection, for a submission, for a duplicate, and for approved work no programme airs. */
@WithMockUser(username = "can.bo.soan", roles = "OPERATOR")
class ApprovalLoopViewTest extends UiTest {

    @Autowired LibraryService library;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @TempDir Path tmp;

    private Bulletin submitted(AudioAsset asset, String title) {
        return RunAs.run("can.bo.soan", "OPERATOR", () -> bulletins.submit(bulletins.create(new Bulletin.Draft(
                asset.id(), title, topics.findAll().getFirst().id(), "Văn hóa", "UBND xã", LocalDate.now(), null)).id()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_rejected_bulletin_is_edited_with_other_audio_and_sent_again() {
        var asset = TestAssets.wav(library, tmp, "Thu phí vệ sinh", 0.3);
        var b = submitted(asset, "Thu phí vệ sinh");
        RunAs.run("lanh.dao", "APPROVER", () -> bulletins.reject(b.id(), "Sai mức phí, đề nghị thu âm lại"));
        var corrected = TestAssets.wav(library, tmp, "Thu phí vệ sinh (bản sửa)", 0.3);

        navigate(BulletinsView.class);
        test(action(b, "bulletin-edit-")).click();
        assertThat(find(Dialog.class).id("bulletin-edit-dialog").isOpened()).isTrue();
        assertThat(find(Paragraph.class).all()).extracting(Paragraph::getText)
                .contains("Lý do không duyệt: Sai mức phí, đề nghị thu âm lại");
        ((ComboBox<AudioAsset>) find(ComboBox.class).id("bulletin-edit-asset")).setValue(corrected);
        find(TextField.class).id("bulletin-edit-title").setValue("Thu phí vệ sinh môi trường năm 2026");
        test(find(Button.class).id("bulletin-edit-save")).click();

        var after = bulletins.require(b.id());
        assertThat(after.state()).isEqualTo(BulletinState.SUBMITTED);
        assertThat(after.assetId()).isEqualTo(corrected.id());
        assertThat(after.title()).isEqualTo("Thu phí vệ sinh môi trường năm 2026");
        assertThat(bulletins.findAll()).filteredOn(x -> x.title().startsWith("Thu phí vệ sinh")).hasSize(1);
    }

    @Test
    void the_author_withdraws_a_submission_after_confirming() {
        var asset = TestAssets.wav(library, tmp, "Lịch tiêm chủng", 0.3);
        var b = submitted(asset, "Lịch tiêm chủng");
        navigate(BulletinsView.class);
        test(action(b, "bulletin-withdraw-")).click();
        var confirm = find(ConfirmDialog.class).id("bulletin-withdraw-confirm");
        assertThat(confirm.getElement().getProperty("message")).contains("\"Lịch tiêm chủng\"");
        test(confirm).cancel();
        assertThat(bulletins.require(b.id()).state()).as("cancelled: still waiting").isEqualTo(BulletinState.SUBMITTED);

        test(action(b, "bulletin-withdraw-")).click();
        test(find(ConfirmDialog.class).id("bulletin-withdraw-confirm")).confirm();
        assertThat(bulletins.require(b.id()).state()).isEqualTo(BulletinState.DRAFT);
    }

    @Test
    @WithMockUser(username = "can.bo.khac", roles = "OPERATOR")
    void another_operator_is_not_offered_to_change_a_submission() {
        var b = submitted(TestAssets.wav(library, tmp, "Tin của người khác", 0.3), "Tin của người khác");
        navigate(BulletinsView.class);
        assertThat(actions(b)).extracting(x -> x.getId().orElse(""))
                .doesNotContain("bulletin-withdraw-" + b.id(), "bulletin-edit-" + b.id());
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_same_bulletin_made_again_is_refused_naming_the_first() {
        var asset = TestAssets.wav(library, tmp, "Hướng dẫn nộp thuế điện tử", 0.3);
        var first = submitted(asset, "Hướng dẫn nộp thuế điện tử");
        navigate(BulletinsView.class);
        ((ComboBox<AudioAsset>) find(ComboBox.class).id("bulletin-asset")).setValue(asset);
        ((ComboBox<vn.loaxa.bulletin.Topic>) find(ComboBox.class).id("bulletin-topic"))
                .setValue(topics.findAll().getFirst());
        test(find(Button.class).id("bulletin-submit")).click();
        assertThat(notices()).contains("Bản tin này đã có: \"Hướng dẫn nộp thuế điện tử\" (mã " + first.id() + ")");
        assertThat(bulletins.findAll()).filteredOn(b -> b.assetId() == asset.id()).hasSize(1);
    }

    @Test
    void an_approved_bulletin_no_programme_airs_is_pointed_out() {
        var asset = TestAssets.wav(library, tmp, "Tuyên truyền PAPI chưa xếp lịch", 0.3);
        var b = submitted(asset, "Tuyên truyền PAPI chưa xếp lịch");
        RunAs.run("lanh.dao", "APPROVER", () -> bulletins.approve(b.id(), null));
        navigate(BulletinsView.class);
        var warning = find(Div.class).id("bulletins-unqueued");
        assertThat(warning.isVisible()).isTrue();
        assertThat(warning.getElement().getTextRecursively()).contains("không còn trong chương trình nào")
                .contains("Tuyên truyền PAPI chưa xếp lịch");
    }

    /** The buttons in the bulletin's row (a grid's cells are rendered on demand, so read through its tester). */
    @SuppressWarnings("unchecked")
    private List<Button> actions(Bulletin b) {
        var grid = (Grid<Bulletin>) find(Grid.class).id("bulletin-grid");
        var tester = test(grid);
        for (int row = 0; row < tester.size(); row++) {
            if (tester.getRow(row).id() == b.id()) {
                var cell = tester.getCellComponent(row, grid.getColumns().size() - 1);
                return cell.getChildren().filter(Button.class::isInstance).map(Button.class::cast).toList();
            }
        }
        throw new AssertionError("bulletin " + b.id() + " not in the grid");
    }

    private Button action(Bulletin b, String idPrefix) {
        return actions(b).stream().filter(x -> x.getId().orElse("").equals(idPrefix + b.id())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + idPrefix + b.id()));
    }

    private String notices() {
        return String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList());
    }
}
