package vn.loaxa.schedulefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.Texts;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.QueueService;
import vn.loaxa.schedulefile.Change.Action;
import vn.loaxa.schedulefile.Change.Section;
import vn.loaxa.schedulefile.ScheduleFileService.SourceFile;
import vn.loaxa.station.VillageService;

@WithMockUser(username = "quan.tri", roles = "ADMIN")
class ScheduleFileImportTest extends FreshStationTest {

    @Autowired
    ScheduleFileService files;
    @Autowired
    ProgrammeService programmes;
    @Autowired
    QueueService queue;
    @Autowired
    VillageService villages;
    @Autowired
    CampaignService campaigns;
    @Autowired
    LibraryService library;

    /** Everything a schedule file describes, without ids the database gives out. */
    private String snapshot() {
        var out = new StringBuilder();
        out.append(campaigns.profile()).append('\n').append(villages.findAll()).append('\n');
        for (var p : programmes.findAll()) {
            out.append(p.name()).append(p.days()).append(p.startTime()).append(p.validFrom()).append(p.validTo())
                    .append(p.maxLengthSeconds()).append(p.priority()).append(p.startPolicy()).append(p.waitSeconds())
                    .append(p.openingAssetId()).append(p.closingAssetId()).append(p.villageIds()).append(p.enabled());
            queue.entries(p.id()).forEach(e -> out.append("\n  ").append(e.bulletinId()).append(' ')
                    .append(e.fromDate()).append(' ').append(e.toDate()).append(' ').append(e.position()));
            out.append('\n');
        }
        campaigns.findAll().forEach(c -> out.append(c.name()).append(c.from()).append(c.to()).append(c.topicCodes())
                .append(c.note()).append('\n'));
        return out.append(library.findAll().size()).toString();
    }

    private static List<SourceFile> file(String name, String yaml) {
        return List.of(new SourceFile(name, yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /** A value as the preview writes it, old or new. */
    private static Change.Text plain(String value) {
        return Change.Text.of("schedulefile.value.plain", value);
    }

    @Test
    void importing_the_gio_son_file_again_changes_nothing() throws Exception {
        var before = snapshot();
        var changes = files.preview(ScheduleFileService.filesIn(Path.of("schedules")));
        assertThat(changes).isEmpty();
        assertThat(files.apply(ScheduleFileService.filesIn(Path.of("schedules")))).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void export_then_import_gives_back_the_same_schedule() {
        var before = snapshot();
        var exported = files.export();
        assertThat(exported).contains("Chương trình buổi sáng", "\"05:30\"", "mo-dau.mp3", "Quý IV/2022",
                "Bản tin CCHC - Cải cách thể chế");

        // Change the schedule the way an operator would: drop one programme, move another, trim a queue.
        var all = programmes.findAll();
        var morning = all.getFirst();
        var afternoon = all.get(1);
        programmes.delete(afternoon.id());
        programmes.update(morning.id(), new Programme.Draft(morning.name(), morning.days(), LocalTime.of(6, 0),
                morning.validFrom(), morning.validTo(), morning.maxLengthSeconds(), morning.priority(),
                morning.startPolicy(), morning.waitSeconds(), morning.openingAssetId(), morning.closingAssetId(),
                morning.villageIds(), morning.enabled()));
        queue.remove(queue.entries(morning.id()).getFirst().id());
        assertThat(snapshot()).isNotEqualTo(before);

        var preview = files.preview(file("export.yaml", exported));
        assertThat(preview).contains(
                new Change(Section.PROGRAMME, Action.CHANGED, "Chương trình buổi sáng", List.of("time"),
                        List.of(new Change.Detail("programme.time", plain("06:00"), plain("05:30")))),
                new Change(Section.QUEUE, Action.CHANGED, "Chương trình buổi sáng", List.of("queue")),
                new Change(Section.PROGRAMME, Action.ADDED, "Chương trình buổi chiều", List.of()));

        files.apply(file("export.yaml", exported));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(files.export()).isEqualTo(exported);
        assertThat(files.preview(file("export.yaml", exported))).isEmpty();
    }

    @Test
    void a_preview_shows_added_changed_and_removed_programmes_and_changes_nothing() {
        var before = snapshot();
        var changes = files.preview(file("moi.yaml", """
                programmes:
                  - name: Chương trình buổi sáng
                    days: T2, T4, T6
                    time: "05:45"
                    max_length: 20m
                    opening: mo-dau.mp3
                    closing: ket-thuc.mp3
                    wait: 5m
                  - name: Bản tin trưa
                    days: [T7, CN]
                    time: "11:00"
                    max_length: 15m
                    villages: [Thôn 1, Thôn 2]
                """));
        assertThat(changes).containsExactlyInAnyOrder(
                new Change(Section.PROGRAMME, Action.CHANGED, "Chương trình buổi sáng",
                        List.of("days", "time", "max_length"), List.of(
                        new Change.Detail("programme.days", plain("T2 T3 T4 T5 T6 T7 CN"), plain("T2 T4 T6")),
                        new Change.Detail("programme.time", plain("05:30"), plain("05:45")),
                        new Change.Detail("programme.max_length", Change.Text.of("schedulefile.value.minutes", "30"),
                                Change.Text.of("schedulefile.value.minutes", "20")))),
                new Change(Section.PROGRAMME, Action.ADDED, "Bản tin trưa", List.of()),
                new Change(Section.PROGRAMME, Action.REMOVED, "Chương trình buổi chiều", List.of()));
        assertThat(snapshot()).isEqualTo(before);
    }

    // --- malformed files: each is refused with its line, and nothing changes ----------------------------

    private static final String GOOD_START = """
            station:
              commune: Gio Sơn
              name: Đài truyền thanh xã Gio Sơn
              time_zone: Asia/Ho_Chi_Minh
            programmes:
              - name: Chương trình thử
                days: daily
            """;

    private ScheduleFileProblem refused(String yaml) {
        var before = snapshot();
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(ScheduleFileException.class,
                () -> files.apply(file("sai.yaml", yaml)));
        assertThat(thrown).as("the file must be refused").isNotNull();
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
        return thrown.problems().getFirst();
    }

    @Test
    void bad_yaml_is_refused_with_its_line() {
        var p = refused(GOOD_START + "    time: \"05:30\n    max_length: 30m\n");
        assertThat(p.key()).isEqualTo("schedulefile.error.yaml");
        assertThat(p.line()).isBetween(8, 10);
        assertThat(p.message(Texts.VIETNAMESE)).startsWith("sai.yaml, dòng " + p.line());
    }

    @Test
    void an_unknown_village_is_refused_with_its_line() {
        var p = refused(GOOD_START + """
                    time: "05:30"
                    max_length: 30m
                    villages: [Thôn 1, Thôn 9]
                """);
        assertThat(p.key()).isEqualTo("schedulefile.error.unknownVillage");
        assertThat(p.line()).isEqualTo(10);
        assertThat(p.field()).isEqualTo("programmes[0].villages[1]");
        assertThat(p.message(Texts.VIETNAMESE))
                .isEqualTo("sai.yaml, dòng 10, trường programmes[0].villages[1]: "
                        + "Không có thôn \"Thôn 9\" trong danh sách thôn của đài.");
    }

    @Test
    void a_time_of_25_00_is_refused_with_its_line() {
        var p = refused(GOOD_START + """
                    time: "25:00"
                    max_length: 30m
                """);
        assertThat(p.key()).isEqualTo("schedulefile.error.badTime");
        assertThat(p.line()).isEqualTo(8);
        assertThat(p.field()).isEqualTo("programmes[0].time");
        assertThat(p.message(Texts.ENGLISH)).contains("line 8", "25:00");
    }

    @Test
    void overlapping_programmes_are_refused_with_the_line_of_the_second() {
        var p = refused(GOOD_START + """
                    time: "05:30"
                    max_length: 30m
                  - name: Chương trình chồng giờ
                    days: [T2]
                    time: "05:45"
                    max_length: 10m
                    villages: [Thôn 3]
                """);
        assertThat(p.key()).isEqualTo("schedulefile.error.overlap");
        assertThat(p.line()).isEqualTo(12);
        assertThat(p.message(Texts.VIETNAMESE)).contains("Chương trình chồng giờ", "Chương trình thử", "05:30", "06:00");
    }

    @Test
    void a_missing_audio_file_is_refused_with_its_line() {
        var p = refused(GOOD_START + """
                    time: "05:30"
                    max_length: 30m
                    opening: khong-co-tep-nay.mp3
                """);
        assertThat(p.key()).isEqualTo("schedulefile.error.missingAudio");
        assertThat(p.line()).isEqualTo(10);
        assertThat(p.field()).isEqualTo("programmes[0].opening");
    }

    @Test
    void an_unknown_field_is_named_with_its_line() {
        var p = refused("""
                campaigns:
                  - name: Quý I
                    from: 01/01/2027
                    to: 31/03/2027
                    topics: [TTHC]
                    colour: xanh
                """);
        assertThat(p.key()).isEqualTo("schedulefile.error.unknownField");
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.message(Texts.VIETNAMESE)).contains("colour", "topics");
    }

    @Test
    void an_unknown_topic_is_named_with_its_line() {
        var p = refused("""
                campaigns:
                  - name: Quý I
                    from: 01/01/2027
                    to: 31/03/2027
                    topics: [TTHC, KHONG_CO]
                """);
        assertThat(p.key()).isEqualTo("schedulefile.error.unknownTopic");
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.field()).isEqualTo("campaigns[0].topics[1]");
    }

    @Test
    void a_file_not_in_utf8_is_refused() {
        var latin1 = "villages: [Thôn 1]\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> files.preview(List.of(new SourceFile("cu.yaml", latin1))))
                .isInstanceOfSatisfying(ScheduleFileException.class, e -> assertThat(e.problems().getFirst().key())
                        .isEqualTo("schedulefile.error.notUtf8"));
    }

    @Test
    void the_bundled_schedule_file_is_utf8_and_names_only_bundled_audio() throws Exception {
        var text = Files.readString(Path.of("schedules/gio-son.yaml"), StandardCharsets.UTF_8);
        var doc = ScheduleFileParser.parse("gio-son.yaml", text);
        assertThat(doc.bulletins()).hasSize(8)
                .allSatisfy(b -> assertThat(Path.of("audio/samples", b.file().name())).isRegularFile());
    }
}
