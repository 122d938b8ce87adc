package vn.loaxa.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.DatabaseLane;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;

/** The queue's defaults, its total against the programme's limit, its order, and re-plans reading it meanwhile. */
@WithMockUser(username = "can.bo.dai", roles = {"OPERATOR", "APPROVER"})
class QueueRulesTest extends SpringTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalDate JUNE_3 = LocalDate.of(2036, 6, 3);

    @Autowired ProgrammeService programmes;
    @Autowired QueueService queue;
    @Autowired ScheduleService schedule;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @Autowired LibraryService library;
    @TempDir Path tmp;

    private Programme programme(String name, @Nullable LocalDate validTo, int maxSeconds, @Nullable Long opening) {
        return programmes.create(new Programme.Draft(name, EnumSet.allOf(DayOfWeek.class), LocalTime.of(21, 10),
                LocalDate.of(2036, 1, 1), validTo, maxSeconds, Priority.NORMAL, StartPolicy.WAIT, 60, opening, null,
                List.of(7L), true)).programme();
    }

    /** Written by another operator, approved here. */
    private Bulletin approved(String title, double seconds, @Nullable LocalDate validTo) {
        var asset = TestAssets.wav(library, tmp, title, seconds);
        var b = RunAs.run("can.bo.khac", "OPERATOR", () -> bulletins.create(new Bulletin.Draft(asset.id(), title,
                topics.findAll().getFirst().id(), "", "", LocalDate.of(2036, 1, 1), validTo)));
        return bulletins.approve(b.id(), null);
    }

    @Test
    void a_new_entry_runs_to_the_end_of_the_bulletins_approval_cut_at_the_programmes_end() {
        var open = programme("Tối 2036 mở", null, 600, null);
        var ending = programme("Tối 2036 hết tháng 6", LocalDate.of(2036, 6, 20), 600, null);
        var untilJuly = approved("Phổ biến thủ tục cấp đổi căn cước", 0.3, LocalDate.of(2036, 7, 31));
        var openEnded = approved("Giới thiệu dịch vụ bưu chính công ích", 0.3, null);
        var expired = approved("Thông báo đã qua", 0.3, LocalDate.of(2036, 5, 31));

        assertThat(queue.defaultEnd(untilJuly.id(), open.id(), JUNE_3)).isEqualTo(LocalDate.of(2036, 7, 31));
        assertThat(queue.defaultEnd(untilJuly.id(), ending.id(), JUNE_3)).isEqualTo(LocalDate.of(2036, 6, 20));
        assertThat(queue.defaultEnd(openEnded.id(), ending.id(), JUNE_3)).isEqualTo(LocalDate.of(2036, 6, 20));
        assertThat(queue.defaultEnd(openEnded.id(), open.id(), JUNE_3)).as("both open-ended: end of next month")
                .isEqualTo(LocalDate.of(2036, 7, 31));
        assertThat(queue.defaultEnd(expired.id(), open.id(), JUNE_3)).as("never before the first day").isEqualTo(JUNE_3);
    }

    @Test
    void the_fullest_day_is_measured_against_the_programmes_limit() {
        var tune = TestAssets.wav(library, tmp, "Nhạc hiệu tối", 1.0);
        var p = programme("Tối 2036 giới hạn", null, 5, tune.id());
        var a = approved("Bản tin A", 1.5, null);
        var b = approved("Bản tin B", 1.5, null);
        var c = approved("Bản tin C", 1.5, null);
        queue.assign(a.id(), p.id(), JUNE_3, JUNE_3.plusDays(10));
        queue.assign(b.id(), p.id(), JUNE_3, JUNE_3.plusDays(10));
        var fits = queue.load(p.id(), JUNE_3);
        assertThat(fits.totalMs()).isBetween(3_900L, 4_100L);
        assertThat(fits.limitMs()).isEqualTo(5_000L);
        assertThat(fits.over()).isFalse();

        // From the 8th a third bulletin joins: that day is over the limit, and the plan drops what does not fit.
        queue.assign(c.id(), p.id(), JUNE_3.plusDays(5), JUNE_3.plusDays(6));
        var load = queue.load(p.id(), JUNE_3);
        assertThat(load.day()).isEqualTo(JUNE_3.plusDays(5));
        assertThat(load.totalMs()).isBetween(5_400L, 5_600L);
        assertThat(load.over()).isTrue();
        var start = JUNE_3.plusDays(5).atStartOfDay(ZONE).toInstant();
        var plan = schedule.plan(start, start.plusSeconds(86_400)).stream()
                .filter(o -> o.sourceId() == p.id() && o.source() == Occurrence.Source.PROGRAMME).findFirst().orElseThrow();
        assertThat(plan.dropped()).extracting(Occurrence.Dropped::reason)
                .containsExactly(Occurrence.DropReason.OVER_MAX_LENGTH);
        assertThat(queue.load(p.id(), JUNE_3.plusDays(7)).over()).as("after the 9th it fits again").isFalse();
    }

    @Test
    void entries_move_one_place_up_or_down_and_the_bulletins_page_learns_what_is_still_queued() {
        var p = programme("Tối 2036 thứ tự", null, 600, null);
        var ids = new ArrayList<Long>();
        for (var title : List.of("Một", "Hai", "Ba")) {
            ids.add(queue.assign(approved("Thứ tự " + title, 0.2, null).id(), p.id(), JUNE_3, JUNE_3.plusDays(3)).id());
        }
        queue.shift(ids.get(2), -1);
        assertThat(order(p)).containsExactly(ids.get(0), ids.get(2), ids.get(1));
        queue.shift(ids.get(0), -1);
        assertThat(order(p)).as("the first stays first").containsExactly(ids.get(0), ids.get(2), ids.get(1));
        queue.shift(ids.get(0), 1);
        queue.shift(ids.get(1), 1);
        assertThat(order(p)).containsExactly(ids.get(2), ids.get(0), ids.get(1));

        var entry = queue.entries(p.id()).getFirst();
        assertThat(queue.queuedOnOrAfter(JUNE_3.plusDays(3))).contains(entry.bulletinId());
        assertThat(queue.queuedOnOrAfter(JUNE_3.plusDays(4))).doesNotContain(entry.bulletinId());
    }

    /**
     * One operator reorders while the engine re-plans (in its own database lane) again and again:
     * every plan holds each queued bulletin exactly once, in one of the orders the operator made.
     */
    @Test
    void a_re_plan_during_reordering_sees_a_whole_order_every_time() throws Exception {
        var p = programme("Tối 2036 đồng thời", null, 600, null);
        var entries = new ArrayList<Long>();
        var expected = new ArrayList<Long>();
        for (int i = 0; i < 5; i++) {
            var b = approved("Đồng thời " + i, 0.2, null);
            expected.add(b.id());
            entries.add(queue.assign(b.id(), p.id(), JUNE_3, JUNE_3.plusDays(3)).id());
        }
        var start = JUNE_3.atStartOfDay(ZONE).toInstant();
        var done = new AtomicBoolean();
        var seen = new ConcurrentLinkedQueue<List<Long>>();
        var failures = new ConcurrentLinkedQueue<Throwable>();
        var planner = new Thread(() -> {
            while (!done.get()) {
                try {
                    DatabaseLane.engine(() -> schedule.plan(start, start.plusSeconds(86_400)).stream()
                            .filter(o -> o.sourceId() == p.id() && o.source() == Occurrence.Source.PROGRAMME)
                            .findFirst().ifPresent(o -> seen.add(o.items().stream().map(Occurrence.Item::bulletinId)
                                    .toList())));
                } catch (Throwable t) {
                    failures.add(t);
                }
            }
        });
        planner.start();
        try {
            for (int i = 0; i < 60; i++) {
                queue.shift(entries.get(i % entries.size()), i % 2 == 0 ? 2 : -1);
            }
        } finally {
            done.set(true);
            planner.join(30_000);
        }
        assertThat(failures).isEmpty();
        assertThat(seen).hasSizeGreaterThan(5);
        var whole = Set.copyOf(expected);
        assertThat(seen).allSatisfy(items -> {
            assertThat(items).doesNotHaveDuplicates().hasSize(expected.size());
            assertThat(Set.copyOf(items)).isEqualTo(whole);
        });
        assertThat(seen.stream().map(List::toString).collect(Collectors.toSet())).as("the order did change")
                .hasSizeGreaterThan(1);
        var positions = queue.entries(p.id()).stream().map(QueueEntry::position).toList();
        assertThat(positions).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void a_new_programme_is_offered_the_first_free_time_from_the_morning_slot() {
        var villages = List.of(6L);
        var morning = programmes.create(new Programme.Draft("Sáng 2037", EnumSet.allOf(DayOfWeek.class),
                ProgrammeService.FIRST_SLOT, LocalDate.of(2037, 1, 1), LocalDate.of(2037, 12, 31), 1800, Priority.NORMAL,
                StartPolicy.WAIT, 60, null, null, villages, true)).programme();
        var fresh = new Programme.Draft("", EnumSet.allOf(DayOfWeek.class), ProgrammeService.FIRST_SLOT,
                LocalDate.of(2037, 1, 1), LocalDate.of(2037, 12, 31), 1800, Priority.NORMAL, StartPolicy.WAIT, 60, null,
                null, villages, true);
        assertThat(programmes.conflicts(fresh, null)).extracting(ProgrammeService.Conflict::programmeId)
                .contains(morning.id());

        var free = programmes.freeStart(fresh, null);
        assertThat(free).isAfterOrEqualTo(LocalTime.of(6, 0));
        var there = new Programme.Draft("", fresh.days(), free, fresh.validFrom(), fresh.validTo(),
                fresh.maxLengthSeconds(), fresh.priority(), fresh.startPolicy(), fresh.waitSeconds(), null, null,
                villages, true);
        assertThat(programmes.conflicts(there, null)).isEmpty();
        // Editing the morning programme itself: its own slot is free for it.
        assertThat(programmes.freeStart(fresh, morning.id())).isBefore(free);
    }

    private List<Long> order(Programme p) {
        return queue.entries(p.id()).stream().map(QueueEntry::id).toList();
    }
}
