package vn.loaxa.schedulefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.base.Texts;
import vn.loaxa.schedulefile.Change.Action;
import vn.loaxa.schedulefile.Change.Section;
import vn.loaxa.schedulefile.ScheduleFileService.SourceFile;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.Api;
import vn.loaxa.zone.CommandSettings;
import vn.loaxa.zone.DriverKind;
import vn.loaxa.zone.DtmfSettings;
import vn.loaxa.zone.MqttSettings;
import vn.loaxa.zone.SerialSettings;
import vn.loaxa.zone.SwitchingConfig;
import vn.loaxa.zone.VillageZones;
import vn.loaxa.zone.ZoneAddress;
import vn.loaxa.zone.ZoneSettings;
import vn.loaxa.zone.ZoneSwitchboard;

/**
 * Village addresses and the switching section in schedule files, on the Gio Sơn station (seeded
 * with thon-1..7 on relays 1..7 and driver none). Every test leaves the station as it found it.
 */
@WithMockUser(username = "quan.tri", roles = "ADMIN")
class ScheduleFileSwitchingTest extends FreshStationTest {

    @Autowired
    ScheduleFileService files;
    @Autowired
    VillageZones zones;
    @Autowired
    ZoneSettings settings;
    @Autowired
    ZoneSwitchboard switchboard;
    @Autowired
    VillageService villages;
    @Autowired
    CampaignService campaigns;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    private String originalExport;
    private SwitchingConfig originalConfig;

    @BeforeEach
    void remember() {
        originalExport = files.export();
        originalConfig = settings.config();
    }

    @AfterEach
    void putBack() {
        files.apply(file("restore.yaml", originalExport));
        // The export leaves the password out, so it comes back through the settings themselves.
        settings.saveFromScheduleFile(originalConfig, "test");
        switchboard.reload();
    }

    private static List<SourceFile> file(String name, String yaml) {
        return List.of(new SourceFile(name, yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private ZoneAddress address(String village) {
        return zones.all().stream().filter(a -> a.villageName().equals(village)).findFirst().orElseThrow();
    }

    private static Change change(List<Change> changes, Section section, String name) {
        return changes.stream().filter(c -> c.section() == section && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + name + " in " + changes));
    }

    private static final String WIRED = """
            switching:
              driver: dtmf
              preroll: 3s
              serial: {port: /dev/ttyUSB1, baud: 19200, unit: 2, timeout: 300ms}
              mqtt:
                broker: "tcp://10.0.0.5:1883"
                username: loa
                password: "mat-khau-bi-mat"
                client-id: gioson-dai
                timeout: 1500ms
              command: {program: /usr/local/bin/bat-loa, timeout: 4s}
              dtmf: {level: -12, tone: 80ms, pause: 120ms}
            villages:
              - {name: Thôn 1, relay: 2}
              - {name: Thôn 2, relay: 1}
              - Thôn 3
              - name: Thôn 4
                dtmf: {on: "*44#", off: "#44*"}
              - {name: Thôn 5, mqtt: ""}
              - {name: Thôn 6, code: thon-sau}
              - Thôn 7
            """;

    private static final SwitchingConfig WIRED_CONFIG = new SwitchingConfig(DriverKind.DTMF, Duration.ofSeconds(3),
            new SerialSettings("/dev/ttyUSB1", 19_200, 2, Duration.ofMillis(300)),
            new MqttSettings("tcp://10.0.0.5:1883", "loa", "mat-khau-bi-mat", "gioson-dai", Duration.ofMillis(1500)),
            new CommandSettings("/usr/local/bin/bat-loa", Duration.ofSeconds(4)), new DtmfSettings(-12, 80, 120));

    @Test
    void the_preview_says_in_words_what_a_file_does_to_the_addresses_and_settings_and_changes_nothing() {
        assertThat(settings.config()).isEqualTo(SwitchingConfig.DEFAULT);
        var before = zones.all();
        var review = files.review(file("loa.yaml", WIRED));

        assertThat(review.changes()).extracting(Change::section, Change::action, Change::name, Change::fields)
                .containsExactlyInAnyOrder(
                        tuple(Section.SWITCHING, Action.CHANGED, "switching", List.of("driver", "preroll",
                                "serial.port", "serial.baud", "serial.unit", "serial.timeout", "mqtt.broker",
                                "mqtt.username", "mqtt.password", "mqtt.client-id", "mqtt.timeout", "command.program",
                                "command.timeout", "dtmf.level", "dtmf.tone", "dtmf.pause")),
                        tuple(Section.VILLAGE, Action.CHANGED, "Thôn 1", List.of("relay")),
                        tuple(Section.VILLAGE, Action.CHANGED, "Thôn 2", List.of("relay")),
                        tuple(Section.VILLAGE, Action.CHANGED, "Thôn 4", List.of("dtmf.on", "dtmf.off")),
                        tuple(Section.VILLAGE, Action.CHANGED, "Thôn 5", List.of("mqtt")),
                        tuple(Section.VILLAGE, Action.CHANGED, "Thôn 6", List.of("code")));

        var vi = Texts.VIETNAMESE;
        assertThat(change(review.changes(), Section.VILLAGE, "Thôn 1").describe(vi)).containsExactly("Rơ-le: 1 → 2");
        assertThat(change(review.changes(), Section.VILLAGE, "Thôn 4").describe(vi))
                .containsExactly("Mã DTMF bật loa: *34# → *44#", "Mã DTMF tắt loa: #34* → #44*");
        assertThat(change(review.changes(), Section.VILLAGE, "Thôn 5").describe(vi))
                .containsExactly("Chủ đề MQTT: gioson/thon5 → (trống)");
        assertThat(change(review.changes(), Section.VILLAGE, "Thôn 6").describe(Texts.ENGLISH))
                .containsExactly("Village code: thon-6 → thon-sau");
        var switching = change(review.changes(), Section.SWITCHING, "switching");
        assertThat(switching.describe(vi)).contains(
                "Cách điều khiển loa: không điều khiển (chỉ ghi nhật ký) → âm DTMF trong chương trình phát",
                "Bật loa trước giờ phát: 2 giây → 3 giây",
                "Cổng nối tiếp: (trống) → /dev/ttyUSB1",
                "Tốc độ cổng nối tiếp: 9600 → 19200",
                "Thời gian chờ bảng rơ-le: 500 ms → 300 ms",
                "Mật khẩu MQTT: (trống) → (mật khẩu mới trong tệp)",
                "Mức âm DTMF: -10 dBFS → -12 dBFS",
                "Độ dài mỗi âm DTMF: 100 ms → 80 ms");
        assertThat(String.join("\n", switching.describe(vi)) + switching.fields()).doesNotContain("mat-khau-bi-mat");

        assertThat(review.warnings()).singleElement().satisfies(w -> {
            assertThat(w.key()).isEqualTo("schedulefile.warning.passwordInFile");
            assertThat(w.line()).isEqualTo(8);
            assertThat(w.field()).isEqualTo("switching.mqtt.password");
            assertThat(w.message(vi)).startsWith("loa.yaml, dòng 8, trường switching.mqtt.password: Mật khẩu MQTT");
        });
        assertThat(zones.all()).isEqualTo(before);
        assertThat(settings.config()).isEqualTo(SwitchingConfig.DEFAULT);
    }

    @Test
    void a_village_the_file_adds_is_previewed_with_its_addresses() {
        var changes = files.preview(file("moi.yaml", """
                villages: [Thôn 1, Thôn 2, Thôn 3, Thôn 4, Thôn 5, Thôn 6, Thôn 7,
                           {name: Thôn 8, code: thon-8, relay: 8, dtmf: {on: "*38#", off: "#38*"}}]
                """));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(Action.ADDED);
            assertThat(c.name()).isEqualTo("Thôn 8");
            assertThat(c.describe(Texts.VIETNAMESE)).containsExactly("Mã thôn: (trống) → thon-8",
                    "Rơ-le: (trống) → 8", "Mã DTMF bật loa: (trống) → *38#", "Mã DTMF tắt loa: (trống) → #38*");
        });
    }

    @Test
    void applying_stores_addresses_and_settings_and_the_switchboard_takes_them_up() {
        var thon3 = address("Thôn 3");
        files.apply(file("loa.yaml", WIRED));

        // Thôn 1 and Thôn 2 traded relays in one import.
        assertThat(address("Thôn 1")).extracting(ZoneAddress::code, ZoneAddress::relay).containsExactly("thon-1", 2);
        assertThat(address("Thôn 2")).extracting(ZoneAddress::code, ZoneAddress::relay).containsExactly("thon-2", 1);
        assertThat(address("Thôn 3")).isEqualTo(thon3);
        assertThat(address("Thôn 4")).extracting(ZoneAddress::relay, ZoneAddress::dtmfOn, ZoneAddress::dtmfOff,
                ZoneAddress::mqttTopic).containsExactly(4, "*44#", "#44*", "gioson/thon4");
        assertThat(address("Thôn 5").mqttTopic()).isNull();
        assertThat(address("Thôn 5").relay()).isEqualTo(5);
        assertThat(address("Thôn 6").code()).isEqualTo("thon-sau");
        assertThat(settings.config()).isEqualTo(WIRED_CONFIG);
        assertThat(switchboard.config()).as("reloaded after the commit").isEqualTo(WIRED_CONFIG);

        assertThat(files.preview(file("loa.yaml", WIRED))).as("the same file again").isEmpty();
    }

    @Test
    void an_export_carries_addresses_and_settings_but_not_the_password_and_imports_back_as_no_change() {
        files.apply(file("loa.yaml", WIRED));
        var wired = zones.all();
        var exported = files.export();
        assertThat(exported).contains("driver: dtmf", "preroll: 3s", "timeout: 300ms", "client-id: gioson-dai",
                        "level: -12", "tone: 80ms",
                        "{name: \"Thôn 1\", code: thon-1, relay: 2, dtmf: {on: \"*31#\", off: \"#31*\"}, "
                                + "mqtt: \"gioson/thon1\"}",
                        "{name: \"Thôn 5\", code: thon-5, relay: 5, dtmf: {on: \"*35#\", off: \"#35*\"}}")
                .doesNotContain("mat-khau-bi-mat");
        assertThat(files.review(file("export.yaml", exported))).satisfies(r -> {
            assertThat(r.changes()).isEmpty();
            assertThat(r.warnings()).isEmpty();
        });

        // A technician rewires by hand; importing the export puts everything back, password kept.
        zones.updateFromScheduleFile(address("Thôn 1").villageId(), "thon-mot", 9, null, null, "gioson/x", "test");
        settings.saveFromScheduleFile(new SwitchingConfig(DriverKind.NONE, Duration.ofSeconds(5), WIRED_CONFIG.serial(),
                WIRED_CONFIG.mqtt(), WIRED_CONFIG.command(), DtmfSettings.DEFAULT), "test");
        var preview = files.preview(file("export.yaml", exported));
        assertThat(preview).extracting(Change::section, Change::name, Change::fields).containsExactlyInAnyOrder(
                tuple(Section.VILLAGE, "Thôn 1", List.of("code", "relay", "dtmf.on", "dtmf.off", "mqtt")),
                tuple(Section.SWITCHING, "switching", List.of("driver", "preroll", "dtmf.level", "dtmf.tone",
                        "dtmf.pause")));

        files.apply(file("export.yaml", exported));
        assertThat(zones.all()).isEqualTo(wired);
        assertThat(settings.config()).isEqualTo(WIRED_CONFIG);
        assertThat(files.export()).isEqualTo(exported);
    }

    // --- refused files: each bad value named with its file, line and field; nothing changes ----------

    private List<ScheduleFileProblem> refused(String yaml) {
        var addresses = zones.all();
        var config = settings.config();
        var profile = campaigns.profile();
        var villageList = villages.findAll();
        var thrown = catchThrowableOfType(ScheduleFileException.class, () -> files.apply(file("sai.yaml", yaml)));
        assertThat(thrown).as("the file must be refused").isNotNull();
        assertThat(zones.all()).as("no address changed").isEqualTo(addresses);
        assertThat(settings.config()).as("no setting changed").isEqualTo(config);
        assertThat(campaigns.profile()).isEqualTo(profile);
        assertThat(villages.findAll()).isEqualTo(villageList);
        thrown.problems().forEach(p -> assertThat(p.file()).isEqualTo("sai.yaml"));
        return thrown.problems();
    }

    @Test
    void bad_addresses_are_each_named_with_line_and_field() {
        var problems = refused("""
                villages:
                  - {name: Thôn 1, relay: 300}
                  - {name: Thôn 2, code: "Thôn-2"}
                  - name: Thôn 3
                    dtmf: {on: "*3X#", off: "#33*"}
                  - name: Thôn 4
                    dtmf:
                      on: "*34#"
                      off: #34*
                  - {name: Thôn 5, dtmf: {on: "*35#", off: "*35#"}}
                  - {name: Thôn 6, dtmf: "*36#"}
                  - {name: Thôn 7, mqtt: "gioson/#"}
                  - {name: Thôn 8, relay: ba}
                """);
        assertThat(problems).extracting(ScheduleFileProblem::field, ScheduleFileProblem::line, ScheduleFileProblem::key)
                .containsExactly(
                        tuple("villages[0].relay", 2, "schedulefile.error.badRelay"),
                        tuple("villages[1].code", 3, "schedulefile.error.badCode"),
                        tuple("villages[2].dtmf.on", 5, "schedulefile.error.badDtmf"),
                        tuple("villages[3].dtmf.off", 9, "schedulefile.error.blankDtmf"),
                        tuple("villages[4].dtmf.off", 10, "schedulefile.error.dtmfSame"),
                        tuple("villages[5].dtmf", 11, "schedulefile.error.dtmfPair"),
                        tuple("villages[6].mqtt", 12, "schedulefile.error.badTopic"),
                        tuple("villages[7].relay", 13, "schedulefile.error.badRelay"));
        assertThat(problems.getFirst().message(Texts.VIETNAMESE)).isEqualTo("sai.yaml, dòng 2, trường "
                + "villages[0].relay: Số rơ-le \"300\" không hợp lệ: phải là số nguyên từ 1 đến 256, "
                + "như in trên bảng rơ-le.");
        assertThat(problems.get(3).message(Texts.ENGLISH)).startsWith("sai.yaml, line 9, field villages[3].dtmf.off: "
                + "The DTMF code is blank. Put the code in double quotes");
    }

    @Test
    void two_villages_on_one_relay_code_or_topic_are_refused_naming_the_other_village() {
        var problems = refused("""
                villages:
                  - {name: Thôn 1, relay: 3, code: thon-a, mqtt: gioson/a}
                  - {name: Thôn 2, relay: 3, code: thon-a, mqtt: gioson/a}
                  - {name: Thôn 4, relay: 2}
                  - Thôn 3
                  - Thôn 5
                  - Thôn 6
                  - Thôn 7
                """);
        assertThat(problems).extracting(ScheduleFileProblem::field, ScheduleFileProblem::line, ScheduleFileProblem::key)
                .containsExactly(
                        tuple("villages[1].code", 3, "schedulefile.error.codeInUse"),
                        tuple("villages[1].relay", 3, "schedulefile.error.relayInUse"),
                        tuple("villages[1].mqtt", 3, "schedulefile.error.topicInUse"),
                        // Thôn 3 keeps its relay 3, which the file gives Thôn 1 too.
                        tuple("villages[0].relay", 2, "schedulefile.error.relayInUse"));
        assertThat(problems.get(1).message(Texts.VIETNAMESE)).isEqualTo("sai.yaml, dòng 3, trường villages[1].relay: "
                + "Rơ-le 3 đã dùng cho thôn \"Thôn 1\"; hai thôn chung một rơ-le sẽ bật, tắt loa của nhau.");
        assertThat(problems.get(3).message(Texts.ENGLISH)).contains("Relay 3 is already used by village \"Thôn 3\"");
    }

    @Test
    void bad_switching_values_are_each_named_with_line_and_field() {
        var problems = refused("""
                switching:
                  driver: loa-thong-minh
                  preroll: 45s
                  serial: {baud: 100, unit: 300, timeout: 10ms}
                  mqtt: {timeout: "2"}
                  dtmf: {level: -3, tone: 20ms, pause: 2s}
                  colour: red
                """);
        assertThat(problems).extracting(ScheduleFileProblem::field, ScheduleFileProblem::line, ScheduleFileProblem::key)
                .containsExactlyInAnyOrder(
                        tuple("switching.colour", 7, "schedulefile.error.unknownField"),
                        tuple("switching.driver", 2, "schedulefile.error.badChoice"),
                        tuple("switching.preroll", 3, "schedulefile.error.badPreRoll"),
                        tuple("switching.serial.baud", 4, "schedulefile.error.badBaud"),
                        tuple("switching.serial.unit", 4, "schedulefile.error.badUnit"),
                        tuple("switching.serial.timeout", 4, "schedulefile.error.badTimeout"),
                        tuple("switching.mqtt.timeout", 5, "schedulefile.error.badDuration"),
                        tuple("switching.dtmf.level", 6, "schedulefile.error.badDtmfLevel"),
                        tuple("switching.dtmf.tone", 6, "schedulefile.error.badDtmfTiming"),
                        tuple("switching.dtmf.pause", 6, "schedulefile.error.badDtmfTiming"));
        var driver = problems.stream().filter(p -> p.field().equals("switching.driver")).findFirst().orElseThrow();
        assertThat(driver.message(Texts.VIETNAMESE)).isEqualTo("sai.yaml, dòng 2, trường switching.driver: Giá trị "
                + "\"loa-thong-minh\" không hợp lệ; chọn một trong: none, modbus, relay-a0, dtmf, mqtt, command.");
    }

    @Test
    void what_the_chosen_driver_needs_is_refused_at_the_line_to_fix() {
        assertThat(refused("""
                switching:
                  driver: modbus
                """)).extracting(ScheduleFileProblem::field, ScheduleFileProblem::line, ScheduleFileProblem::key)
                .containsExactly(tuple("switching.driver", 2, "schedulefile.error.noPort"));
        assertThat(refused("""
                switching:
                  driver: mqtt
                  mqtt:
                    broker: 10.0.0.5
                    client-id: ""
                """)).extracting(ScheduleFileProblem::field, ScheduleFileProblem::line, ScheduleFileProblem::key)
                .containsExactly(tuple("switching.mqtt.broker", 4, "schedulefile.error.badBroker"),
                        tuple("switching.mqtt.client-id", 5, "schedulefile.error.noClientId"));
        var program = refused("""
                switching:
                  driver: command
                  command: {program: bat-loa}
                """);
        assertThat(program).extracting(ScheduleFileProblem::field, ScheduleFileProblem::line, ScheduleFileProblem::key)
                .containsExactly(tuple("switching.command.program", 3, "schedulefile.error.badProgram"));
        assertThat(program.getFirst().message(Texts.ENGLISH)).contains("Switching program \"bat-loa\"", "full path");
    }

    @Test
    void switching_may_be_described_in_one_file_only() {
        var thrown = catchThrowableOfType(ScheduleFileException.class, () -> files.preview(List.of(
                new SourceFile("a.yaml", "switching:\n  driver: none\n".getBytes(StandardCharsets.UTF_8)),
                new SourceFile("b.yaml", "\nswitching:\n  driver: dtmf\n".getBytes(StandardCharsets.UTF_8)))));
        assertThat(thrown.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("schedulefile.error.secondSwitching");
            assertThat(p.file()).isEqualTo("b.yaml");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void an_address_the_station_refuses_while_applying_rolls_back_the_whole_import() {
        // A new village takes the default code v<id>; the checks cannot know its id, the database can.
        long nextId = jdbc.sql("SELECT seq FROM sqlite_sequence WHERE name = 'village'").query(Long.class).single() + 1;
        var problems = refused("""
                station:
                  commune: Gio Sơn mới
                  name: Đài truyền thanh xã Gio Sơn
                  time_zone: Asia/Ho_Chi_Minh
                villages:
                  - {name: Thôn 1, code: v%d}
                  - Thôn 2
                  - Thôn 3
                  - Thôn 4
                  - Thôn 5
                  - Thôn 6
                  - Thôn 7
                  - {name: Thôn 8, relay: 8}
                """.formatted(nextId));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("error.zone.inUse");
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.field()).isEqualTo("villages[0]");
        });
    }

    @Test
    void the_api_preview_lists_details_in_the_admins_language_and_warns_of_a_password() throws Exception {
        var api = new Api(port);
        var yaml = """
                switching:
                  driver: dtmf
                  mqtt: {password: "bi-mat"}
                """.getBytes(StandardCharsets.UTF_8);
        var vi = api.upload("/api/schedules/import?dryRun=true", "admin", ADMIN_PASSWORD, "loa.yaml", yaml, null, null);
        assertThat(vi.statusCode()).as(vi.body()).isEqualTo(200);
        assertThat(vi.body()).doesNotContain("bi-mat");
        Map<?, ?> body = JsonMapper.builder().build().readValue(vi.body(), Map.class);
        assertThat((List<?>) body.get("changes")).singleElement().satisfies(c -> {
            assertThat(((Map<?, ?>) c).get("section")).isEqualTo("SWITCHING");
            assertThat(((Map<?, ?>) c).get("fields")).isEqualTo(List.of("driver", "mqtt.password"));
            assertThat(((Map<?, ?>) c).get("details")).isEqualTo(List.of(
                    "Cách điều khiển loa: không điều khiển (chỉ ghi nhật ký) → âm DTMF trong chương trình phát",
                    "Mật khẩu MQTT: (trống) → (mật khẩu mới trong tệp)"));
        });
        assertThat((List<?>) body.get("warnings")).singleElement().satisfies(w -> assertThat((String) w).startsWith(
                "loa.yaml, dòng 3, trường switching.mqtt.password: Mật khẩu MQTT được ghi thẳng trong tệp"));

        var en = api.upload("/api/schedules/import?dryRun=true", "admin", ADMIN_PASSWORD, "loa.yaml", yaml, null, "en");
        assertThat(en.body()).contains("Switching driver: none (log only) → DTMF tones in the programme audio",
                "plain text");
        assertThat(settings.config()).isEqualTo(originalConfig);
    }
}
