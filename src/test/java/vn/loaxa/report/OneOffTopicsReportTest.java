package vn.loaxa.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.loaxa.audio.output.SimulatedLine;
import vn.loaxa.audio.output.SimulatedPort;
import vn.loaxa.base.StationTime;
import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

/**
 * One-offs of CCHC bulletins, played by the running engine (Quartz, the player, the air log in the
 * real SQLite file) onto a simulated line, count in the report under their bulletins' topics; a
 * one-off of raw audio is counted on its own line, outside the CCHC figures. A station of its own,
 * so its air log holds exactly what this test aired.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OneOffTopicsReportTest extends SpringTest {

    @DynamicPropertySource
    static void ownStation(DynamicPropertyRegistry registry) {
        registry.add(OWN_DATA_DIR, () -> ROOT.resolve("data-one-off-topics").toString());
        registry.add(OWN_AUDIO_DIR, () -> ROOT.resolve("audio-one-off-topics").toString());
    }

    private static final int RATE = 44_100;

    @TestConfiguration
    static class SimulatedOutput {
        @Bean
        @Primary
        SimulatedPort simulatedPort() {
            return new SimulatedPort(SimulatedLine.REAL_TIME);
        }
    }

    @Autowired
    LibraryService library;
    @Autowired
    BulletinService bulletins;
    @Autowired
    TopicService topics;
    @Autowired
    OneOffService oneOffs;
    @Autowired
    ReportService reports;
    @Autowired
    StationTime stationTime;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path tmp;
    private int tone = 220;

    @Test
    void one_offs_of_cchc_bulletins_are_counted_by_topic_and_raw_audio_on_its_own_line() throws Exception {
        var today = stationTime.today();
        var procedures = bulletin("Hướng dẫn nộp hồ sơ qua bưu điện", "TTHC", today);
        var finance = bulletin("Công khai ngân sách xã", "TAI_CHINH", today);
        var notice = asset("Thông báo lịch cắt điện");
        var t = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);

        // The operator picks bulletins; the raw notice is an admin's.
        var cchc = RunAs.run("canbo", "OPERATOR", () -> oneOffs.schedule("Tin CCHC đột xuất", t,
                List.of(procedures.id(), finance.id()), List.of(), List.of(1L, 2L), Priority.NORMAL, null));
        // An asset an approved bulletin carries airs as that bulletin, whoever names it by its audio.
        var byAudio = RunAs.run("canbo", "OPERATOR", () -> oneOffs.schedule(null, t.plusSeconds(4),
                List.of(procedures.assetId()), List.of(1L), Priority.NORMAL, null));
        var raw = RunAs.run("admin", "ADMIN", () -> oneOffs.schedule(null, t.plusSeconds(7), List.of(),
                List.of(notice.id()), List.of(1L), Priority.NORMAL, null));
        assertThat(cchc.bulletinIds()).containsExactly(procedures.id(), finance.id());
        assertThat(byAudio.bulletinIds()).containsExactly(procedures.id());
        assertThat(raw.bulletinIds()).containsOnlyNulls().hasSize(1);

        for (var key : List.of(cchc.key(), byAudio.key(), raw.key())) {
            assertThat(awaitEnd(key).get("outcome")).as(key).isEqualTo("COMPLETED");
        }
        var items = jdbc.sql("SELECT occurrence_key, item_position, item_kind, topic_code, topic_name, bulletin_id "
                + "FROM air_log WHERE kind = 'ITEM' ORDER BY seq").query().listOfRows();
        assertThat(items).extracting(r -> r.get("occurrence_key") + ":" + r.get("item_kind") + ":" + r.get("topic_code"))
                .containsExactly(cchc.key() + ":BULLETIN:TTHC", cchc.key() + ":BULLETIN:TAI_CHINH",
                        byAudio.key() + ":BULLETIN:TTHC", raw.key() + ":ASSET:null");
        assertThat(items.get(1).get("topic_name")).isEqualTo("Cải cách tài chính công");

        var report = RunAs.run("vhtt", "REPORTER", () -> reports.build(today, today));
        var byCode = topicsByCode(report);
        assertThat(byCode.get("TTHC").airings()).isEqualTo(2);
        assertThat(byCode.get("TTHC").bulletins()).isEqualTo(1);
        assertThat(byCode.get("TTHC").broadcasts()).isEqualTo(2);
        assertThat(byCode.get("TAI_CHINH").airings()).isEqualTo(1);
        assertThat(byCode.get("CQ_SO").airings()).isZero();
        assertThat(report.total().bulletins()).as("distinct CCHC bulletins aired").isEqualTo(2);
        assertThat(report.total().airings()).isEqualTo(3);
        assertThat(report.total().completed()).isEqualTo(3);
        assertThat(report.notCchc().airings()).isEqualTo(1);
        assertThat(report.notCchc().broadcasts()).isEqualTo(1);
        assertThat(report.notCchc().airedSeconds()).as("its one second of audio").isBetween(1L, 2L);
        assertThat(report.topicLines()).last().extracting(Report.TopicRow::code).isEqualTo(Report.NOT_CCHC_CODE);

        // The exports list the raw audio too: the CSV has its line beside the topics.
        var csv = new java.io.ByteArrayOutputStream();
        ReportCsv.write(report, stationTime.zone(), csv);
        assertThat(csv.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"TAI_CHINH\",\"Cải cách tài chính công\",\"1\",\"1\",\"1\",")
                .contains("\"" + Report.NOT_CCHC_CODE + "\",\"" + Report.NOT_CCHC_NAME + "\",\"1\",\"0\",\"1\",");
    }

    private static Map<String, Report.TopicRow> topicsByCode(Report report) {
        var map = new java.util.HashMap<String, Report.TopicRow>();
        report.byTopic().forEach(t -> map.put(t.code(), t));
        return map;
    }

    private Bulletin bulletin(String title, String topicCode, LocalDate day) throws Exception {
        var audio = asset(title);
        long topic = topics.findAll().stream().filter(t -> t.code().equals(topicCode)).findFirst().orElseThrow().id();
        return RunAs.run("admin", "ADMIN", () -> bulletins.createApproved(new Bulletin.Draft(audio.id(), title, topic,
                "UBND xã", "", day, null), "Kế hoạch CCHC"));
    }

    /** A tone of its own per asset: the library keeps one asset per content. */
    private AudioAsset asset(String title) throws Exception {
        tone += 110;
        var file = Wavs.write16(tmp.resolve(System.nanoTime() + ".wav"), RATE, 1, Wavs.sine(RATE, 1, 1.0, tone, 0.3));
        try (InputStream in = Files.newInputStream(file)) {
            return RunAs.call("admin", "ADMIN", () -> library.importFile(in, "tin.wav", title, "test")).asset();
        }
    }

    private Map<String, Object> awaitEnd(String key) throws InterruptedException {
        var deadline = Instant.now().plusSeconds(40);
        while (Instant.now().isBefore(deadline)) {
            var rows = jdbc.sql("SELECT * FROM air_log WHERE kind = 'END' AND occurrence_key = ?").param(key)
                    .query().listOfRows();
            if (!rows.isEmpty()) {
                return rows.getFirst();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no END row for " + key + "; log: " + jdbc.sql(
                "SELECT kind, outcome, reason FROM air_log WHERE occurrence_key = ?").param(key).query().listOfRows());
    }
}
