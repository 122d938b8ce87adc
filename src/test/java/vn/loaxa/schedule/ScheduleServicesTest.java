package vn.loaxa.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Occurrence.DropReason;
import vn.loaxa.schedule.Occurrence.ItemKind;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;

@WithMockUser(username = "can.bo.dai", roles = {"OPERATOR", "APPROVER"})
class ScheduleServicesTest extends SpringTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired
    ProgrammeService programmes;
    @Autowired
    QueueService queue;
    @Autowired
    ScheduleService schedule;
    @Autowired
    BulletinService bulletins;
    @Autowired
    TopicService topics;
    @Autowired
    VillageService villages;
    @Autowired
    LibraryService library;
    @TempDir
    Path tmp;

    private Programme.Draft draft(String name, String time, int maxSeconds, List<Long> villageIds, DayOfWeek... days) {
        return new Programme.Draft(name,
                days.length == 0 ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(List.of(days)), LocalTime.parse(time), LocalDate.of(2030, 1, 1),
                LocalDate.of(2030, 12, 31), maxSeconds, Priority.NORMAL, StartPolicy.WAIT, 60, null, null, villageIds,
                true);
    }

    @Test
    void gio_son_has_seven_villages_seeded() {
        assertThat(villages.findAll()).extracting(v -> v.name()).startsWith("Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4",
                "Thôn 5", "Thôn 6", "Thôn 7");
    }

    @Test
    void overlapping_programmes_on_a_shared_village_and_day_are_reported_before_saving() {
        var morning = programmes.create(draft("Sáng 2030 A", "05:30", 1800, List.of(1L, 2L),
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY)).programme();

        var clash = draft("Sáng 2030 B", "05:50", 600, List.of(2L, 3L), DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY);
        assertThat(programmes.conflicts(clash, null)).filteredOn(c -> c.programmeId() == morning.id()).singleElement()
                .satisfies(c -> {
                    assertThat(c.days()).containsExactly(DayOfWeek.TUESDAY);
                    assertThat(c.villageIds()).containsExactly(2L);
                    assertThat(c.otherEnd()).isEqualTo(LocalTime.of(6, 0));
                });
        // Back to back, another village, or another day: no conflict.
        assertThat(programmes.conflicts(draft("C", "06:00", 600, List.of(1L), DayOfWeek.MONDAY), null))
                .noneMatch(c -> c.programmeId() == morning.id());
        assertThat(programmes.conflicts(draft("D", "05:40", 600, List.of(5L), DayOfWeek.MONDAY), null))
                .noneMatch(c -> c.programmeId() == morning.id());
        assertThat(programmes.conflicts(draft("E", "05:40", 600, List.of(1L), DayOfWeek.SUNDAY), null))
                .noneMatch(c -> c.programmeId() == morning.id());

        var saved = programmes.create(clash);
        assertThat(saved.conflicts()).extracting(ProgrammeService.Conflict::programmeId).contains(morning.id());
        assertThat(programmes.update(morning.id(), draft("Sáng 2030 A", "05:30", 1800, List.of(1L, 2L),
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY)).conflicts()).extracting(ProgrammeService.Conflict::programmeId)
                .contains(saved.programme().id()).doesNotContain(morning.id());
    }

    @Test
    void a_programme_needs_known_villages_and_days() {
        assertThatThrownBy(() -> programmes.create(draft("X", "05:30", 600, List.of(999L), DayOfWeek.MONDAY)))
                .isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo("UNKNOWN_VILLAGE");
        assertThatThrownBy(() -> programmes.create(draft("X", "05:30", 600, List.of(1L))))
                .isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo("BAD_PROGRAMME");
    }

    @Test
    @WithMockUser(username = "vhtt", roles = "REPORTER")
    void a_reporter_cannot_change_the_schedule() {
        assertThatThrownBy(() -> programmes.create(draft("X", "05:30", 600, List.of(1L), DayOfWeek.MONDAY)))
                .isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    void the_schedule_in_sqlite_plans_the_queued_bulletins_between_opening_and_closing() {
        var tune = TestAssets.wav(library, tmp, "Nhạc hiệu", 1.0);
        var id = TestAssets.wav(library, tmp, "Giới thiệu đài", 0.5);
        var d = draft("Chiều 2031", "17:00", 600, List.of(1L, 4L), DayOfWeek.MONDAY);
        var p = programmes.create(new Programme.Draft(d.name(), d.days(), d.startTime(), LocalDate.of(2031, 1, 1),
                null, 600, Priority.PRIORITY, StartPolicy.CUT, 0, tune.id(), id.id(), d.villageIds(), true)).programme();
        var topic = topics.findAll().getFirst();
        var first = approved("Phổ biến Nghị quyết 76", topic.id());
        var second = approved("Kết quả PAR Index", topic.id());
        var later = approved("Chỉ phát một ngày", topic.id());
        queue.assign(second.id(), p.id(), LocalDate.of(2031, 1, 1), LocalDate.of(2031, 12, 31));
        var moved = queue.assign(first.id(), p.id(), LocalDate.of(2031, 1, 1), LocalDate.of(2031, 12, 31));
        queue.move(moved.id(), 0);
        queue.assignOnce(later.id(), p.id(), LocalDate.of(2031, 1, 13));

        var monday6 = LocalDate.of(2031, 1, 6).atStartOfDay(ZONE).toInstant();
        var plan = schedule.plan(monday6, monday6.plusSeconds(7 * 86_400 * 2)).stream()
                .filter(o -> o.sourceId() == p.id() && o.source() == Occurrence.Source.PROGRAMME).toList();

        assertThat(plan).extracting(Occurrence::key).containsExactly("P" + p.id() + "@2031-01-06", "P" + p.id() + "@2031-01-13");
        assertThat(plan.getFirst().items()).extracting(Occurrence.Item::title)
                .containsExactly("Nhạc hiệu", "Phổ biến Nghị quyết 76", "Kết quả PAR Index", "Giới thiệu đài");
        assertThat(plan.getFirst().items().get(1).sha256()).hasSize(64);
        assertThat(plan.getFirst().villageIds()).containsExactly(1L, 4L);
        assertThat(plan.getLast().items()).extracting(Occurrence.Item::kind).containsExactly(ItemKind.OPENING,
                ItemKind.BULLETIN, ItemKind.BULLETIN, ItemKind.BULLETIN, ItemKind.CLOSING);

        // A bulletin deleted after queuing stops airing, and the plan says why.
        bulletins.delete(second.id());
        var after = schedule.plan(monday6, monday6.plusSeconds(86_400)).stream()
                .filter(o -> o.sourceId() == p.id() && o.source() == Occurrence.Source.PROGRAMME).findFirst().orElseThrow();
        assertThat(after.dropped()).extracting(Occurrence.Dropped::reason).containsExactly(DropReason.DELETED);
    }

    @Test
    void only_approved_bulletins_can_be_queued() {
        var p = programmes.create(draft("Hàng đợi 2030", "19:00", 600, List.of(1L), DayOfWeek.FRIDAY)).programme();
        var asset = TestAssets.wav(library, tmp, "Chưa duyệt", 0.3);
        var b = bulletins.create(new Bulletin.Draft(asset.id(), "Chưa duyệt", topics.findAll().getFirst().id(), "", "",
                LocalDate.of(2030, 1, 1), null));
        assertThatThrownBy(() -> queue.assignOnce(b.id(), p.id(), LocalDate.of(2030, 1, 4)))
                .isInstanceOf(InvalidInputException.class).extracting("code").isEqualTo("NOT_APPROVED");
    }

    /** Written by another operator: the one approving here may not approve what they wrote. */
    private Bulletin approved(String title, long topicId) {
        var asset = TestAssets.wav(library, tmp, title, 1.0);
        var b = RunAs.run("can.bo.khac", "OPERATOR", () -> bulletins.create(
                new Bulletin.Draft(asset.id(), title, topicId, "", "", LocalDate.of(2031, 1, 1), null)));
        return bulletins.approve(b.id(), null);
    }
}
