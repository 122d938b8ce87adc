package vn.loaxa.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.audit.AuditRecords.Query;
import vn.loaxa.audit.AuditTrail;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.RefusedException;
import vn.loaxa.base.Texts;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;

/**
 * The way back from a rejection (edit, replace the audio, submit again), withdrawing a submission,
 * the inbox count, and a bulletin made twice, in the real SQLite file.
 */
@WithMockUser(username = "can.bo.dai", roles = "OPERATOR")
class ApprovalLoopTest extends SpringTest {

    private static final LocalDate MAY_1 = LocalDate.of(2026, 5, 1);

    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @Autowired LibraryService library;
    @Autowired AuditTrail trail;
    @Autowired JdbcClient jdbc;
    @TempDir Path tmp;

    private Bulletin.Draft draft(AudioAsset asset, String title, long topicId) {
        return new Bulletin.Draft(asset.id(), title, topicId, "Phòng Nội vụ", "UBND huyện", MAY_1, MAY_1.plusDays(30));
    }

    private long topic(String code) {
        return topics.findAll().stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow().id();
    }

    @Test
    void a_rejected_bulletin_is_edited_with_new_audio_and_submitted_again_leaving_audit_rows() throws Exception {
        var asset = TestAssets.wav(library, tmp, "Dịch vụ công trực tuyến", 0.4);
        var b = bulletins.submit(bulletins.create(draft(asset, "Dịch vụ công trực tuyến", topic("CQ_SO"))).id());
        RunAs.run("chu.tich", "APPROVER", () -> bulletins.reject(b.id(), "Âm thanh bị rè, đề nghị thu lại"));
        var since = Instant.now().minusSeconds(1);

        var corrected = TestAssets.wav(library, tmp, "Dịch vụ công trực tuyến (thu lại)", 0.5);
        var replaced = bulletins.replaceAudio(b.id(), corrected.id());
        assertThat(replaced.assetId()).isEqualTo(corrected.id());
        assertThat(replaced.state()).as("new audio needs a new approval").isEqualTo(BulletinState.DRAFT);
        assertThat(replaced.editedBy()).isEqualTo("can.bo.dai");
        var edited = bulletins.update(b.id(), new Bulletin.Draft(corrected.id(), "Dịch vụ công trực tuyến mức độ 4",
                replaced.topicId(), replaced.author(), replaced.source(), MAY_1, MAY_1.plusDays(60)));
        assertThat(bulletins.submit(edited.id()).state()).isEqualTo(BulletinState.SUBMITTED);
        assertThat(bulletins.require(b.id()).title()).isEqualTo("Dịch vụ công trực tuyến mức độ 4");

        assertThat(actions(since, b.id(), "BULLETIN_SUBMITTED"))
                .contains("BULLETIN_AUDIO_REPLACED", "BULLETIN_UPDATED", "BULLETIN_SUBMITTED");
    }

    @Test
    void the_author_withdraws_a_submission_and_another_operator_may_not_touch_it() throws Exception {
        var asset = TestAssets.wav(library, tmp, "Lịch tiếp công dân tháng 5", 0.4);
        var b = bulletins.submit(bulletins.create(draft(asset, "Lịch tiếp công dân tháng 5", topic("TTHC"))).id());
        int waiting = bulletins.countWaiting();
        assertThat(waiting).isPositive();

        var other = TestAssets.wav(library, tmp, "Bản khác", 0.4);
        assertThatThrownBy(() -> RunAs.run("can.bo.khac", "OPERATOR", () -> bulletins.withdraw(b.id())))
                .isInstanceOf(RefusedException.class).extracting("code").isEqualTo("NOT_AUTHOR");
        assertThatThrownBy(() -> RunAs.run("can.bo.khac", "OPERATOR", () -> bulletins.replaceAudio(b.id(), other.id())))
                .isInstanceOf(RefusedException.class)
                .satisfies(e -> assertThat(Texts.get(Texts.VIETNAMESE, ((RefusedException) e).messageKey(),
                        ((RefusedException) e).args())).contains("can.bo.dai"));
        assertThat(bulletins.require(b.id()).assetId()).isEqualTo(asset.id());

        var since = Instant.now().minusSeconds(1);
        assertThat(bulletins.withdraw(b.id()).state()).isEqualTo(BulletinState.DRAFT);
        assertThat(bulletins.countWaiting()).isEqualTo(waiting - 1);
        assertThatThrownBy(() -> bulletins.withdraw(b.id())).as("only a submission can be withdrawn")
                .isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo("BAD_STATE");
        assertThat(actions(since, b.id(), "BULLETIN_WITHDRAWN")).contains("BULLETIN_WITHDRAWN");
    }

    @Test
    void the_same_bulletin_made_twice_is_refused_naming_the_first_until_that_one_is_rejected() {
        var asset = TestAssets.wav(library, tmp, "Kết quả chỉ số PAR Index", 0.4);
        var first = bulletins.create(draft(asset, "Kết quả chỉ số PAR Index", topic("CHI_SO")));

        // Same audio and title (spacing and case aside), and same audio and topic: the same bulletin.
        assertThatThrownBy(() -> bulletins.create(draft(asset, "  kết quả chỉ số  PAR index ", topic("CHI_DAO"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("DUPLICATE_BULLETIN");
                    assertThat(Texts.get(Texts.VIETNAMESE, e.messageKey(), e.args()))
                            .contains("\"Kết quả chỉ số PAR Index\"").contains(Long.toString(first.id()));
                });
        assertThatThrownBy(() -> bulletins.create(draft(asset, "Tiêu đề khác", topic("CHI_SO"))))
                .isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo("DUPLICATE_BULLETIN");
        // Another topic and title on the same audio is another bulletin.
        var other = bulletins.create(draft(asset, "Ý kiến người dân về PAR Index", topic("CHI_DAO")));
        assertThat(other.id()).isNotEqualTo(first.id());

        bulletins.submit(first.id());
        RunAs.run("chu.tich", "APPROVER", () -> bulletins.reject(first.id(), "Số liệu chưa đúng"));
        var again = bulletins.create(draft(asset, "Kết quả chỉ số PAR Index", topic("CHI_SO")));
        assertThat(again.id()).as("a rejected one is what a new one replaces").isNotEqualTo(first.id());
        assertThatThrownBy(() -> bulletins.update(first.id(), draft(asset, "Kết quả chỉ số PAR Index", topic("CHI_SO"))))
                .as("nor may the rejected one be edited back into a twin").isInstanceOf(InvalidInputException.class)
                .extracting("code").isEqualTo("DUPLICATE_BULLETIN");
    }

    @Test
    void two_submissions_of_the_same_bulletin_at_the_same_moment_make_one() throws Exception {
        var asset = TestAssets.wav(library, tmp, "Thông báo thu thuế đất", 0.4);
        var d = draft(asset, "Thông báo thu thuế đất", topic("TAI_CHINH"));
        int tries = 6;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(tries);
        var results = new ArrayList<Future<Object>>();
        try {
            for (int i = 0; i < tries; i++) {
                String who = "can.bo." + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return RunAs.run(who, "OPERATOR", () -> bulletins.submit(bulletins.create(d).id()));
                    } catch (InvalidInputException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            var made = new ArrayList<Bulletin>();
            var refused = new ArrayList<InvalidInputException>();
            for (var f : results) {
                var r = f.get(60, TimeUnit.SECONDS);
                if (r instanceof Bulletin b) {
                    made.add(b);
                } else {
                    refused.add((InvalidInputException) r);
                }
            }
            assertThat(made).hasSize(1);
            assertThat(refused).hasSize(tries - 1).allSatisfy(e -> assertThat(e.code()).isEqualTo("DUPLICATE_BULLETIN"));
            assertThat(jdbc.sql("SELECT count(*) FROM bulletin WHERE asset_id = ? AND deleted = 0").param(asset.id())
                    .query(Integer.class).single()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The audit actions on the bulletin since {@code since}; rows are written as the call returns, polled to be sure. */
    private List<String> actions(Instant since, long id, String last) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> found;
        do {
            found = RunAs.run("admin", "ADMIN", () -> trail.query(new Query(since, Instant.now().plusSeconds(1), null,
                    null, "BULLETIN", 0, 500)).rows().stream().filter(r -> Long.toString(id).equals(r.targetId()))
                    .map(r -> r.action()).toList());
            if (found.contains(last) || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(100);
        } while (true);
    }
}
