package vn.loaxa.bulletin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.LibraryService;
import vn.loaxa.bulletin.ApprovalRule;
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;

/**
 * A user who both writes (OPERATOR) and approves (APPROVER) is told on the Approvals page that their
 * own bulletin needs another person, and the service refuses it even when the page still offers it.
 */
@WithMockUser(username = "pho.chu.tich", roles = {"OPERATOR", "APPROVER"})
class SelfApprovalViewTest extends UiTest {

    @Autowired LibraryService library;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @Autowired StationSettings settings;
    @Autowired ApprovalRule approvalRule;
    @TempDir Path tmp;

    @AfterEach
    void backToTheDefault() {
        RunAs.run("admin", "ADMIN", () -> {
            settings.resetToDefault(ApprovalRule.APPROVAL_NOT_BY_AUTHOR);
            return null;
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_author_sees_why_the_approve_button_is_off_for_their_own_bulletin() {
        var own = ownSubmitted("Bản tin tự soạn");
        navigate(ApprovalView.class);
        ((Grid<Bulletin>) find(Grid.class).id("approval-grid")).asSingleSelect().setValue(own);

        assertThat(find(Button.class).id("approve").isEnabled()).isFalse();
        assertThat(find(Paragraph.class).id("approval-own").getText())
                .startsWith("Bạn là người soạn bản tin này").contains("một người khác phải duyệt");
        assertThat(find(Button.class).id("reject").isEnabled()).as("withdrawing stays possible").isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_page_opened_before_the_setting_was_turned_on_gets_the_refusal_in_vietnamese() {
        RunAs.run("admin", "ADMIN", () -> {
            approvalRule.setApprovalNotByAuthor(false);
            return null;
        });
        var own = ownSubmitted("Bản tin mở trang trước");
        navigate(ApprovalView.class);
        ((Grid<Bulletin>) find(Grid.class).id("approval-grid")).asSingleSelect().setValue(own);
        assertThat(find(Button.class).id("approve").isEnabled()).as("allowed while the setting is off").isTrue();

        RunAs.run("admin", "ADMIN", () -> {
            approvalRule.setApprovalNotByAuthor(true);
            return null;
        });
        test(find(Button.class).id("approve")).click();

        var notices = String.join("\n", find(Notification.class).all().stream().map(n -> test(n).getText()).toList());
        assertThat(notices).contains("Bạn là người soạn bản tin này nên không thể tự duyệt");
        assertThat(bulletins.require(own.id()).state()).isEqualTo(BulletinState.SUBMITTED);
    }

    @Test
    @SuppressWarnings("unchecked")
    void with_the_setting_off_a_one_person_station_approves_its_own_bulletins() {
        RunAs.run("admin", "ADMIN", () -> {
            approvalRule.setApprovalNotByAuthor(false);
            return null;
        });
        var own = ownSubmitted("Đài một người");
        navigate(ApprovalView.class);
        ((Grid<Bulletin>) find(Grid.class).id("approval-grid")).asSingleSelect().setValue(own);
        assertThat(find(Paragraph.class).all()).noneMatch(p -> "approval-own".equals(p.getId().orElse("")));
        test(find(Button.class).id("approve")).click();

        var approved = bulletins.require(own.id());
        assertThat(approved.state()).isEqualTo(BulletinState.APPROVED);
        assertThat(approved.approver()).isEqualTo("pho.chu.tich");
    }

    private Bulletin ownSubmitted(String title) {
        var asset = TestAssets.wav(library, tmp, title, 0.4);
        var b = bulletins.create(new Bulletin.Draft(asset.id(), title, topics.findAll().getFirst().id(), "", "",
                LocalDate.now(), null));
        return bulletins.submit(b.id());
    }
}
