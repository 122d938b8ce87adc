package vn.loaxa.schedulefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.EnumSet;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.audio.AudioDecoders;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.BulletinState;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Occurrence;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.QueueService;
import vn.loaxa.schedule.ScheduleService;
import vn.loaxa.station.Village;
import vn.loaxa.station.VillageService;

/**
 * A first start on an empty data folder, as a newcomer runs it: the station loads schedules/ and
 * audio/samples/ from the project folder and is the Gio Sơn commune station.
 */
@WithMockUser(username = "quan.tri", roles = "ADMIN")
class GioSonStationTest extends FreshStationTest {

    @Autowired
    VillageService villages;
    @Autowired
    ProgrammeService programmes;
    @Autowired
    QueueService queue;
    @Autowired
    BulletinService bulletins;
    @Autowired
    LibraryService library;
    @Autowired
    CampaignService campaigns;
    @Autowired
    ScheduleService schedule;

    @Test
    void first_start_on_an_empty_data_folder_yields_the_gio_son_station() {
        assertThat(villages.findAll()).filteredOn(Village::enabled).extracting(Village::name)
                .containsExactly("Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Thôn 6", "Thôn 7");
        assertThat(campaigns.profile()).get().satisfies(p -> {
            assertThat(p.stationName()).isEqualTo("Đài truyền thanh xã Gio Sơn");
            assertThat(p.commune()).isEqualTo("Gio Sơn");
        });

        var all = programmes.findAll();
        assertThat(all).extracting(p -> p.name() + " " + p.startTime())
                .containsExactly("Chương trình buổi sáng 05:30", "Chương trình buổi chiều 17:00");
        var villageIds = villages.findAll().stream().map(Village::id).toList();
        for (var p : all) {
            assertThat(p.days()).isEqualTo(EnumSet.allOf(DayOfWeek.class));
            assertThat(p.maxLengthSeconds()).isEqualTo(1800);
            assertThat(p.villageIds()).containsExactlyInAnyOrderElementsOf(villageIds);
            assertThat(p.openingAssetId()).isNotNull();
            assertThat(p.closingAssetId()).isNotNull();
            assertThat(p.enabled()).isTrue();
            assertThat(queue.entries(p.id())).hasSize(4);
        }

        assertThat(bulletins.findAll()).hasSize(8).allSatisfy(b -> {
            assertThat(b.state()).isEqualTo(BulletinState.APPROVED);
            assertThat(b.approver()).isEqualTo("seed");
            assertThat(b.createdBy()).isEqualTo("seed");
        });
        assertThat(campaigns.findAll()).hasSize(4).first().satisfies(q1 -> {
            assertThat(q1.name()).startsWith("Quý I/2022");
            assertThat(q1.from()).hasToString("2022-01-01");
            assertThat(q1.to()).hasToString("2022-03-31");
            assertThat(q1.topicCodes()).containsExactly("THE_CHE", "TTHC", "CHI_DAO");
        });
    }

    @Test
    void the_bundled_samples_are_in_the_library_and_decode_to_the_end() throws IOException {
        var assets = library.findAll();
        assertThat(assets).hasSize(10).allSatisfy(a -> assertThat(a.importedBy()).isEqualTo("seed"));
        for (var a : assets) {
            long frames = 0;
            try (var pcm = AudioDecoders.open(library.fileOf(a))) {
                var buffer = new short[4096 * pcm.format().channels()];
                int n;
                while ((n = pcm.read(buffer, 0, 4096)) >= 0) {
                    frames += n;
                }
                assertThat(frames / (double) pcm.format().sampleRate()).as(a.originalFilename())
                        .isGreaterThan(3.0);
            }
        }
    }

    @Test
    void the_samples_carry_vietnamese_titles_not_their_file_names() {
        var titles = new java.util.TreeMap<String, String>();
        library.findAll().forEach(a -> titles.put(a.originalFilename(), a.title()));

        assertThat(titles).containsEntry("mo-dau.mp3", "Mở đầu chương trình - Nhạc hiệu và giới thiệu đài")
                .containsEntry("ket-thuc.mp3", "Kết thúc chương trình - Lời chào của đài")
                .containsEntry("the-che.mp3", "Bản tin CCHC - Cải cách thể chế")
                .containsEntry("cong-vu.mp3", "Bản tin CCHC - Đội ngũ cán bộ, công chức")
                .containsEntry("chi-so.mp3", "Bản tin CCHC - Các chỉ số PAR Index, PCI, PAPI");
        // Every title is the bulletin's or the file's own words, never a file slug.
        assertThat(titles.values()).hasSize(10).allSatisfy(t -> assertThat(t).doesNotMatch("[a-z0-9-]+"));
    }

    @Test
    void tomorrow_morning_plays_the_opening_four_approved_bulletins_and_the_closing() {
        var zone = ZoneId.of("Asia/Ho_Chi_Minh");
        var tomorrow = ZonedDateTime.now(zone).toLocalDate().plusDays(1);
        var from = tomorrow.atTime(LocalTime.of(5, 0)).atZone(zone).toInstant();
        var plan = schedule.plan(from, from.plus(Duration.ofHours(2)));
        assertThat(plan).singleElement().satisfies(o -> {
            assertThat(o.title()).isEqualTo("Chương trình buổi sáng");
            assertThat(o.items()).extracting(Occurrence.Item::kind).containsExactly(Occurrence.ItemKind.OPENING,
                    Occurrence.ItemKind.BULLETIN, Occurrence.ItemKind.BULLETIN, Occurrence.ItemKind.BULLETIN,
                    Occurrence.ItemKind.BULLETIN, Occurrence.ItemKind.CLOSING);
            assertThat(o.dropped()).isEmpty();
            assertThat(o.items().get(1).topicCode()).isEqualTo("TTHC");
        });
    }
}
