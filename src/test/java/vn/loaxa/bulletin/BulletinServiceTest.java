package vn.loaxa.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.RefusedException;
import vn.loaxa.base.Texts;
import vn.loaxa.library.LibraryService;
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;

@WithMockUser(username = "can.bo.dai", roles = "OPERATOR")
class BulletinServiceTest extends SpringTest {

    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);

    @Autowired
    BulletinService bulletins;
    @Autowired
    TopicService topics;
    @Autowired
    LibraryService library;
    @Autowired
    StationSettings settings;
    @Autowired ApprovalRule approvalRule;
    @TempDir
    Path tmp;

    /** Written by the operator "can.bo.dai", whoever the test runs as. */
    private Bulletin draft(String title) {
        var asset = TestAssets.wav(library, tmp, title, 0.5);
        var topic = topics.findAll().stream().filter(t -> t.code().equals("TTHC")).findFirst().orElseThrow();
        return RunAs.run("can.bo.dai", "OPERATOR", () -> bulletins.create(new Bulletin.Draft(asset.id(), title,
                topic.id(), "Nguyễn Văn A", "UBND huyện", MARCH_1, MARCH_1.plusDays(30))));
    }

    @Test
    void the_nine_cchc_topics_of_the_plan_are_seeded_as_editable_data() {
        assertThat(topics.findAll()).hasSizeGreaterThanOrEqualTo(9).extracting(Topic::code)
                .contains("THE_CHE", "TTHC", "BO_MAY", "CONG_VU", "TAI_CHINH", "CQ_SO", "CHI_DAO", "CHI_SO", "KHAC");
        assertThat(topics.findAll()).extracting(Topic::name).contains("Cải cách thủ tục hành chính");
    }

    @Test
    void an_operator_writes_and_submits_but_cannot_approve() {
        var b = draft("Hướng dẫn dịch vụ công mức độ 4");
        assertThat(b.state()).isEqualTo(BulletinState.DRAFT);
        assertThat(b.createdBy()).isEqualTo("can.bo.dai");

        assertThat(bulletins.submit(b.id()).state()).isEqualTo(BulletinState.SUBMITTED);
        assertThatThrownBy(() -> bulletins.approve(b.id(), null)).isInstanceOf(AuthorizationDeniedException.class);
        assertThat(bulletins.require(b.id()).state()).isEqualTo(BulletinState.SUBMITTED);
    }

    @Test
    @WithMockUser(username = "chu.tich", roles = {"APPROVER", "OPERATOR"})
    void an_approver_approves_and_a_rejection_needs_a_comment() {
        var b = draft("Thông báo thu hồ sơ qua bưu điện");
        bulletins.submit(b.id());

        assertThatThrownBy(() -> bulletins.reject(b.id(), "  ")).isInstanceOf(InvalidInputException.class);
        var approved = bulletins.approve(b.id(), "Đồng ý phát");
        assertThat(approved.state()).isEqualTo(BulletinState.APPROVED);
        assertThat(approved.approver()).isEqualTo("chu.tich");
        assertThat(approved.decidedAt()).isNotNull();
        assertThatThrownBy(() -> bulletins.approve(b.id(), null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("APPROVED");

        var withdrawn = bulletins.reject(b.id(), "Số liệu chưa đúng");
        assertThat(withdrawn.state()).isEqualTo(BulletinState.REJECTED);
        assertThat(withdrawn.comment()).isEqualTo("Số liệu chưa đúng");
    }

    @Test
    @WithMockUser(username = "chu.tich", roles = {"APPROVER", "OPERATOR"})
    void playable_means_approved_within_validity_not_deleted_and_the_file_present() {
        var b = draft("Lịch tiếp công dân");
        assertThat(bulletins.isPlayable(b.id(), MARCH_1)).as("draft").isFalse();
        bulletins.approve(b.id(), null);
        assertThat(bulletins.isPlayable(b.id(), MARCH_1)).isTrue();
        assertThat(bulletins.isPlayable(b.id(), MARCH_1.minusDays(1))).as("before validity").isFalse();
        assertThat(bulletins.isPlayable(b.id(), MARCH_1.plusDays(31))).as("after validity").isFalse();

        // Editing the content withdraws the approval: the leader approved other words.
        var d = bulletins.require(b.id());
        var edited = bulletins.update(b.id(), new Bulletin.Draft(d.assetId(), "Lịch tiếp công dân (sửa)", d.topicId(),
                d.author(), d.source(), d.validFrom(), d.validTo()));
        assertThat(edited.state()).isEqualTo(BulletinState.DRAFT);
        assertThat(edited.approver()).isNull();
    }

    @Test
    @WithMockUser(username = "chu.tich", roles = {"APPROVER", "OPERATOR"})
    void a_bulletin_whose_file_is_gone_or_that_was_deleted_is_not_playable() throws Exception {
        var gone = draft("Tệp bị xóa khỏi ổ đĩa");
        bulletins.approve(gone.id(), null);
        Files.delete(library.fileOf(library.find(gone.assetId()).orElseThrow()));
        assertThat(bulletins.isPlayable(gone.id(), MARCH_1)).isFalse();

        var deleted = draft("Bản tin đã xóa");
        bulletins.approve(deleted.id(), null);
        bulletins.delete(deleted.id());
        assertThat(bulletins.isPlayable(deleted.id(), MARCH_1)).isFalse();
        assertThat(bulletins.findAll()).extracting(Bulletin::id).doesNotContain(deleted.id());
    }

    @Test
    @WithMockUser(username = "can.bo.dai", roles = {"OPERATOR", "APPROVER"})
    void whoever_wrote_a_bulletin_cannot_approve_it_while_the_station_requires_another_person() {
        var own = draft("Tự soạn tự duyệt");
        bulletins.submit(own.id());
        assertThat(approvalRule.approvalNotByAuthor()).as("on by default").isTrue();

        assertThatThrownBy(() -> bulletins.approve(own.id(), "Đồng ý"))
                .isInstanceOfSatisfying(RefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("SELF_APPROVAL");
                    assertThat(Texts.get(Texts.VIETNAMESE, e.messageKey(), e.args()))
                            .contains("không thể tự duyệt").contains("người khác");
                });
        assertThat(bulletins.require(own.id()).state()).isEqualTo(BulletinState.SUBMITTED);
        assertThat(bulletins.isOwn(bulletins.require(own.id()))).isTrue();
        // Withdrawing one's own work stays possible.
        assertThat(bulletins.reject(own.id(), "Tôi rút lại để sửa").state()).isEqualTo(BulletinState.REJECTED);
        bulletins.submit(own.id());

        try {
            RunAs.run("quan.tri", "ADMIN", () -> {
                approvalRule.setApprovalNotByAuthor(false);
                return null;
            });
            var approved = bulletins.approve(own.id(), "Đài chỉ có một người");
            assertThat(approved.state()).isEqualTo(BulletinState.APPROVED);
            assertThat(approved.approver()).isEqualTo("can.bo.dai");
        } finally {
            RunAs.run("quan.tri", "ADMIN", () -> {
                settings.resetToDefault(ApprovalRule.APPROVAL_NOT_BY_AUTHOR);
                return null;
            });
        }
        assertThat(approvalRule.approvalNotByAuthor()).isTrue();
    }

    @Test
    @WithMockUser(username = "chu.tich", roles = "APPROVER")
    void whoever_last_changed_the_content_counts_as_its_author_and_older_rows_name_only_the_creator() {
        var b = draft("Thông báo thu phí");
        assertThat(b.editedBy()).as("a new bulletin names its creator only").isNull();
        assertThat(bulletins.isOwn(b)).isFalse();
        // The chairman, who is also an admin, rewrites it himself...
        var edited = RunAs.run("chu.tich", "ADMIN", () -> bulletins.update(b.id(), new Bulletin.Draft(b.assetId(),
                "Thông báo thu phí (sửa)", b.topicId(), b.author(), b.source(), b.validFrom(), b.validTo())));
        assertThat(edited.editedBy()).isEqualTo("chu.tich");
        assertThat(edited.createdBy()).isEqualTo("can.bo.dai");
        // ... so he cannot approve what he wrote; his deputy can.
        assertThatThrownBy(() -> bulletins.approve(b.id(), null)).isInstanceOf(RefusedException.class)
                .extracting("code").isEqualTo("SELF_APPROVAL");
        var approved = RunAs.run("pho.chu.tich", "APPROVER", () -> bulletins.approve(b.id(), null));
        assertThat(approved.state()).isEqualTo(BulletinState.APPROVED);
        assertThat(approved.approver()).isEqualTo("pho.chu.tich");
    }

    @Test
    void an_unknown_asset_or_topic_is_refused() {
        assertThatThrownBy(() -> bulletins.create(new Bulletin.Draft(987_654, "X", 1, "", "", MARCH_1, null)))
                .isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo("UNKNOWN_ASSET");
        var asset = TestAssets.wav(library, tmp, "Chủ đề lạ", 0.3);
        assertThatThrownBy(() -> bulletins.create(new Bulletin.Draft(asset.id(), "X", 987_654, "", "", MARCH_1, null)))
                .isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo("UNKNOWN_TOPIC");
    }
}
