package vn.loaxa.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;

/** The leadership sees its waiting work: a count on the approvals menu item and a dashboard card to the inbox. */
class WaitingApprovalsTest extends UiTest {

    @Autowired LibraryService library;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @TempDir Path tmp;

    private void submit(String title) {
        var asset = TestAssets.wav(library, tmp, title, 0.2);
        RunAs.run("can.bo.soan", "OPERATOR", () -> bulletins.submit(bulletins.create(new Bulletin.Draft(asset.id(),
                title, topics.findAll().getFirst().id(), "", "", LocalDate.now(), null)).id()));
    }

    @Test
    @WithMockUser(username = "lanh.dao", roles = "APPROVER")
    void the_approver_sees_the_count_on_the_menu_and_a_card_linking_to_the_inbox() {
        submit("Chờ duyệt một");
        submit("Chờ duyệt hai");
        int waiting = bulletins.countWaiting();
        assertThat(waiting).isGreaterThanOrEqualTo(2);

        navigate(DashboardView.class);
        var badge = find(Span.class).id("approvals-badge");
        assertThat(badge.isVisible()).isTrue();
        assertThat(badge.getText()).isEqualTo(Integer.toString(waiting));
        var link = find(Anchor.class).id("approvals-card-link");
        assertThat(link.getText()).isEqualTo(waiting + " bản tin chờ duyệt");
        assertThat(link.getHref()).isEqualTo("approvals");

        // One more arrives: the next page the leader opens counts it, and the card's next refresh too.
        submit("Chờ duyệt ba");
        navigate(DashboardView.class);
        assertThat(find(Span.class).id("approvals-badge").getText()).isEqualTo(Integer.toString(waiting + 1));
        assertThat(find(Anchor.class).id("approvals-card-link").getText()).startsWith((waiting + 1) + " ");

        // And while the page stays open: the badge counts again every 15th one-second poll, not before.
        submit("Chờ duyệt bốn");
        var ui = com.vaadin.flow.component.UI.getCurrent();
        for (int tick = 1; tick < MainLayout.WAITING_EVERY_POLLS; tick++) {
            com.vaadin.flow.component.ComponentUtil.fireEvent(ui, new com.vaadin.flow.component.PollEvent(ui, false));
        }
        assertThat(find(Span.class).id("approvals-badge").getText()).isEqualTo(Integer.toString(waiting + 1));
        com.vaadin.flow.component.ComponentUtil.fireEvent(ui, new com.vaadin.flow.component.PollEvent(ui, false));
        assertThat(find(Span.class).id("approvals-badge").getText()).isEqualTo(Integer.toString(waiting + 2));
    }

    @Test
    @WithMockUser(username = "can.bo.dai", roles = "OPERATOR")
    void an_operator_who_cannot_approve_gets_neither() {
        submit("Chờ duyệt của cán bộ");
        navigate(DashboardView.class);
        assertThat(find(Span.class).all()).noneMatch(s -> "approvals-badge".equals(s.getId().orElse("")));
        assertThat(find(Anchor.class).all()).noneMatch(a -> "approvals-card-link".equals(a.getId().orElse("")));
    }
}
