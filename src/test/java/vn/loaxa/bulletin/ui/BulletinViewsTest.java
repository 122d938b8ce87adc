package vn.loaxa.bulletin.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
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

class BulletinViewsTest extends UiTest {

    @Autowired LibraryService library;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @TempDir Path tmp;

    @Test
    @WithMockUser(username = "operator", roles = "OPERATOR")
    @SuppressWarnings("unchecked")
    void an_operator_creates_and_submits_a_bulletin_but_cannot_approve_it() {
        var asset = TestAssets.wav(library, tmp, "Dịch vụ công trực tuyến", 1.0);
        navigate(BulletinsView.class);
        ((ComboBox<AudioAsset>) find(ComboBox.class).id("bulletin-asset")).setValue(asset);
        ((ComboBox<vn.loaxa.bulletin.Topic>) find(ComboBox.class).id("bulletin-topic"))
                .setValue(topics.findAll().get(5));
        test(find(Button.class).id("bulletin-submit")).click();

        var created = bulletins.findAll().stream().filter(b -> b.assetId() == asset.id()).findFirst().orElseThrow();
        assertThat(created.state()).isEqualTo(BulletinState.SUBMITTED);
        assertThat(created.title()).isEqualTo("Dịch vụ công trực tuyến");
        assertThat(created.createdBy()).isEqualTo("operator");
        assertThatThrownBy(() -> bulletins.approve(created.id(), "tự duyệt")).isInstanceOf(AccessDeniedException.class);
        assertThat(find(Grid.class).id("bulletin-grid").getElement().getTextRecursively()).doesNotContain("!ui.");
        try {
            navigate(ApprovalView.class);
        } catch (RuntimeException refused) {
            // Either refused outright or rerouted: what matters is that the inbox is not shown.
        }
        assertThat(getCurrentView()).isNotInstanceOf(ApprovalView.class);
    }

    @Test
    @WithMockUser(username = "lanhdao", roles = "APPROVER")
    @SuppressWarnings("unchecked")
    void an_approver_approves_from_the_inbox_and_a_rejection_needs_a_reason() {
        var first = submitted("Kế hoạch CCHC năm 2026");
        var second = submitted("Tin chưa đạt");
        navigate(ApprovalView.class);
        var inbox = (Grid<Bulletin>) find(Grid.class).id("approval-grid");

        inbox.asSingleSelect().setValue(bulletins.require(second.id()));
        test(find(Button.class).id("reject")).click();
        assertThat(bulletins.require(second.id()).state()).isEqualTo(BulletinState.SUBMITTED);

        inbox.asSingleSelect().setValue(bulletins.require(first.id()));
        find(TextArea.class).id("approval-comment").setValue("Đồng ý phát");
        test(find(Button.class).id("approve")).click();
        var approved = bulletins.require(first.id());
        assertThat(approved.state()).isEqualTo(BulletinState.APPROVED);
        assertThat(approved.approver()).isEqualTo("lanhdao");
        assertThat(approved.comment()).isEqualTo("Đồng ý phát");
    }

    private Bulletin submitted(String title) {
        return RunAs.run("operator", "OPERATOR", () -> {
            var asset = TestAssets.wav(library, tmp, title, 1.0);
            var b = bulletins.create(new Bulletin.Draft(asset.id(), title, topics.findAll().getFirst().id(), "Văn hóa",
                    "UBND xã", LocalDate.now(), null));
            return bulletins.submit(b.id());
        });
    }
}
