package vn.loaxa.schedule.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.loaxa.airlog.AirLogRecords.NotAired;
import vn.loaxa.airlog.AirLogScan;
import vn.loaxa.airlog.AirLogService;
import vn.loaxa.airlog.Trigger;
import vn.loaxa.base.StationTime;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.LibraryService;
import vn.loaxa.report.ReportService;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.ScheduleService;
import vn.loaxa.schedule.StartPolicy;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;

/**
 * A station set to a zone that is neither the JVM's nor Việt Nam's (Tokyo, two hours ahead of Hà Nội
 * and Bangkok) means one local time in every layer: a one-off typed in the page at 08:15, a programme
 * planned at 08:15, a report day and a CSV line all name the same instant.
 */
@WithMockUser(username = "operator", roles = "OPERATOR")
class StationTimeZoneTest extends UiTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @DynamicPropertySource
    static void tokyo(DynamicPropertyRegistry registry) {
        // A station of its own: its own folders, so it never shares a database with the other views' station.
        registry.add(SpringTest.OWN_DATA_DIR, () -> SpringTest.ROOT.resolve("data-ui-tokyo").toString());
        registry.add(SpringTest.OWN_AUDIO_DIR, () -> SpringTest.ROOT.resolve("audio-ui-tokyo").toString());
        registry.add("loaxa.station.time-zone", () -> "Asia/Tokyo");
    }

    @Autowired StationTime stationTime;
    @Autowired ProgrammeService programmes;
    @Autowired ScheduleService schedule;
    @Autowired OneOffService oneOffs;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @Autowired LibraryService library;
    @Autowired VillageService villages;
    @Autowired AirLogService airLog;
    @Autowired AirLogScan scan;
    @Autowired ReportService reports;
    @TempDir Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void a_one_off_typed_in_the_page_and_a_programme_at_the_same_local_time_plan_the_same_instant() {
        assertThat(stationTime.zone()).isEqualTo(TOKYO);
        var day = stationTime.today().plusDays(2);
        var local = day.atTime(8, 15);
        var expected = local.atZone(TOKYO).toInstant();

        var name = "Chương trình 08:15 " + System.nanoTime();
        programmes.create(new Programme.Draft(name, EnumSet.allOf(DayOfWeek.class), LocalTime.of(8, 15),
                stationTime.today(), null, 600, Priority.NORMAL, StartPolicy.WAIT, 60, null, null,
                villages.findAll().stream().map(v -> v.id()).toList(), true));
        var planned = schedule.plan(stationTime.startOfDay(day), stationTime.endOfDay(day)).stream()
                .filter(o -> o.title().equals(name)).toList();
        assertThat(planned).singleElement().satisfies(o -> assertThat(o.plannedStart()).isEqualTo(expected));

        var asset = TestAssets.wav(library, tmp, "Thông báo giờ Tokyo", 1.0);
        var written = bulletins.create(new Bulletin.Draft(asset.id(), "Thông báo giờ Tokyo",
                topics.findAll().get(1).id(), "", "", stationTime.today(), null));
        var bulletin = RunAs.run("admin", "ADMIN", () -> bulletins.approve(written.id(), null));
        navigate(OneOffsView.class);
        ((ComboBox<Bulletin>) find(ComboBox.class).id("oneoff-bulletin")).setValue(bulletin);
        find(DateTimePicker.class).id("oneoff-when").setValue(local);
        test(find(Button.class).id("oneoff-save")).click();

        assertThat(oneOffs.findBetween(expected.minus(Duration.ofHours(3)), expected.plus(Duration.ofHours(3))))
                .filteredOn(o -> o.title().equals("Thông báo giờ Tokyo")).singleElement()
                .satisfies(o -> assertThat(o.startsAt()).isEqualTo(expected));
    }

    @Test
    void a_report_day_and_a_csv_line_are_the_station_s_day_and_time() throws Exception {
        // 00:30 in Tokyo is still the evening before in Hà Nội: it belongs to the 10th here, not the 9th.
        var day = LocalDate.of(2020, 3, 10);
        var planned = LocalDateTime.of(day, LocalTime.of(0, 30)).atZone(TOKYO).toInstant();
        assertThat(stationTime.startOfDay(day)).isEqualTo(day.atStartOfDay(TOKYO).toInstant());
        airLog.notAired(NotAired.of("tokyo:1", "Bản tin nửa đêm", planned, 60_000, Priority.NORMAL)
                .villages(List.of(), List.of()).triggeredBy(Trigger.SCHEDULE, "system")
                .missed("STATION_DOWN: test"));
        assertThat(airLog.flush(Duration.ofSeconds(30))).isTrue();

        var ofDay = RunAs.run("admin", "ADMIN", () -> reports.build(day, day));
        var dayBefore = RunAs.run("admin", "ADMIN", () -> reports.build(day.minusDays(1), day.minusDays(1)));
        assertThat(ofDay.total().missed()).isEqualTo(1);
        assertThat(dayBefore.total().missed()).isZero();

        var csv = new ByteArrayOutputStream();
        scan.writeCsv(stationTime.startOfDay(day), stationTime.endOfDay(day), Locale.of("vi"), csv);
        assertThat(csv.toString(StandardCharsets.UTF_8)).contains("tokyo:1").contains("10/03/2020 00:30:00");
        assertThat(stationTime.formatDateTime(planned)).isEqualTo("10/03/2020 00:30");
    }
}
