package vn.loaxa.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.audit.AuditRecords.Entry;
import vn.loaxa.audit.AuditRecords.Logged;
import vn.loaxa.audit.AuditRecords.Via;
import vn.loaxa.audit.AuditTrail;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;

class AuditViewTest extends UiTest {

    @Autowired AuditTrail trail;
    @Autowired JdbcClient jdbc;
    @Autowired LibraryService library;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @TempDir Path tmp;

    @Test
    @WithMockUser(username = "lanhdao", roles = "APPROVER")
    @SuppressWarnings("unchecked")
    void approving_a_bulletin_in_the_view_leaves_a_row_via_the_ui() {
        var bulletin = RunAs.run("canbo", "OPERATOR", () -> {
            var asset = TestAssets.wav(library, tmp, "Hướng dẫn nộp hồ sơ trực tuyến", 1.0);
            var b = bulletins.create(new Bulletin.Draft(asset.id(), "Hướng dẫn nộp hồ sơ trực tuyến",
                    topics.findAll().getFirst().id(), "Văn hóa", "UBND xã", LocalDate.now(), null));
            return bulletins.submit(b.id());
        });
        long before = head();

        navigate("approvals", com.vaadin.flow.component.Component.class);
        ((Grid<Bulletin>) find(Grid.class).id("approval-grid")).asSingleSelect()
                .setValue(bulletins.require(bulletin.id()));
        find(TextArea.class).id("approval-comment").setValue("Đồng ý phát sáng thứ Hai");
        test(find(Button.class).id("approve")).click();

        var rows = jdbc.sql("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq").param(before).query().listOfRows();
        assertThat(rows).hasSize(1);
        var row = rows.getFirst();
        assertThat(row).containsEntry("actor", "lanhdao").containsEntry("action", "BULLETIN_APPROVED")
                .containsEntry("via", "UI").containsEntry("target_kind", "BULLETIN")
                .containsEntry("target_id", Long.toString(bulletin.id()))
                .containsEntry("target_name", "Hướng dẫn nộp hồ sơ trực tuyến");
        assertThat((String) row.get("details")).contains(
                "\"state\":{\"from\":\"SUBMITTED\",\"to\":\"APPROVED\"}",
                "\"approver\":{\"from\":null,\"to\":\"lanhdao\"}",
                "\"comment\":{\"from\":null,\"to\":\"Đồng ý phát sáng thứ Hai\"}");
    }

    @Test
    @WithMockUser(username = "vhtt", roles = "REPORTER")
    @SuppressWarnings("unchecked")
    void a_reporter_filters_pages_downloads_and_sees_the_trail_verified() throws Exception {
        var who = "xa" + System.nanoTime() % 1_000_000;
        for (int i = 1; i <= 60; i++) {
            trail.append(new Entry(who, i % 3 == 0 ? "PROGRAMME_UPDATED" : "BULLETIN_APPROVED",
                    i % 3 == 0 ? "PROGRAMME" : "BULLETIN", Integer.toString(i), "Mục " + i + (i == 42 ? " đặc biệt" : ""),
                    "{\"changes\":{\"enabled\":{\"from\":\"true\",\"to\":\"false\"}}}", "192.168.0.9", Via.API));
        }

        navigate(AuditView.class);
        assertThat(find(Div.class).id("audit-verify-result").getText()).startsWith("Nhật ký thao tác nguyên vẹn");
        var grid = (Grid<Logged>) find(Grid.class).id("audit-grid");
        var actor = (ComboBox<String>) find(ComboBox.class).id("audit-actor");
        assertThat(actor.getListDataView().getItems()).contains(who);
        actor.setValue(who);
        // Lazy paging: the grid asks for pages of 50; all 60 rows are there, oldest first.
        assertThat(grid.getDataProvider().size(new Query<>())).isEqualTo(60);
        assertThat(grid.getDataProvider().fetch(new Query<>(50, 50, List.of(), null, null)).map(Logged::targetId)
                .toList()).hasSize(10).first().isEqualTo("51");

        var action = (Select<String>) find(Select.class).id("audit-action");
        assertThat(action.getItemLabelGenerator().apply("PROGRAMME_UPDATED")).isEqualTo("Sửa chương trình");
        action.setValue("PROGRAMME_UPDATED");
        assertThat(grid.getDataProvider().size(new Query<>())).isEqualTo(20);
        find(TextField.class).id("audit-target").setValue("đặc biệt");
        var only = grid.getDataProvider().fetch(new Query<>()).toList();
        assertThat(only).extracting(Logged::targetId).containsExactly("42");
        assertThat(grid.getElement().getTextRecursively()).doesNotContain("!audit.", "!ui.");

        var out = new ByteArrayOutputStream();
        test(find(Anchor.class).id("audit-csv")).download(out);
        var csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF\"Số dòng\",\"Thời điểm\",\"Người thực hiện\",\"Thao tác\",");
        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(csv).contains("\"" + who + "\",\"Sửa chương trình\",\"PROGRAMME_UPDATED\",\"Chương trình\",\"42\","
                + "\"Mục 42 đặc biệt\",\"enabled: true → false\",\"192.168.0.9\",\"API\",");

        test(find(Button.class).id("audit-verify")).click();
        assertThat(find(Div.class).id("audit-verify-result").getText()).contains("nguyên vẹn");
    }

    @Test
    @WithMockUser(username = "canbo", roles = "OPERATOR")
    void operators_neither_see_the_audit_log_in_the_menu_nor_open_it() {
        navigate("", com.vaadin.flow.component.Component.class);
        assertThat(menu()).doesNotContain("Nhật ký thao tác").contains("Nhật ký phát");
        try {
            navigate(AuditView.class);
        } catch (RuntimeException refused) {
            // Refused outright or rerouted: either way the trail is not shown.
        }
        assertThat(getCurrentView()).isNotInstanceOf(AuditView.class);
    }

    @Test
    @WithMockUser(username = "quantri", roles = "ADMIN")
    void admins_have_it_in_the_menu() {
        navigate(AuditView.class);
        assertThat(menu()).contains("Nhật ký thao tác");
    }

    private List<String> menu() {
        return find(SideNavItem.class).all().stream().map(SideNavItem::getLabel).toList();
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_log").query(Long.class).single();
    }
}
