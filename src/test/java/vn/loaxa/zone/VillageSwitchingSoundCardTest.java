package vn.loaxa.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import vn.loaxa.airlog.AirLogService;
import vn.loaxa.audio.testsupport.FifoRecorder;
import vn.loaxa.audio.testsupport.RequiresSoundCard;
import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.testing.Wavs;

/**
 * Village switching around real broadcasts, end to end: the engine plays through the real player
 * into the virtual sound card while the villages are switched by a relay board on a virtual serial
 * cable, by DTMF tones in the audio itself, or by an operator's program; the recording's time line
 * and the board's (or program's) own record of when each switch came are compared.
 */
@RequiresSoundCard
class VillageSwitchingSoundCardTest extends SpringTest {

    /** Thôn 2 and Thôn 5: relays 2 and 5, DTMF *32# / *35#, as V0007 seeds them. */
    private static final List<Long> VILLAGES = List.of(2L, 5L);
    private static FifoRecorder recorder;

    @LocalServerPort
    int port;
    @Autowired
    LibraryService library;
    @Autowired
    AirLogService airLog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ZoneSwitchboard switchboard;
    @TempDir
    Path tmp;

    @BeforeAll
    static void startRecorder() throws IOException {
        recorder = FifoRecorder.startFromEnvironment();
    }

    @AfterAll
    static void stopRecorder() throws IOException {
        if (recorder != null) {
            recorder.close();
        }
    }

    /** Other tests share this application: leave it switching nothing, as it started. */
    @AfterEach
    void backToNone() throws Exception {
        configure("NONE", "", "");
    }

    @Test
    void a_modbus_board_switches_exactly_the_broadcasts_villages_on_before_the_first_sample_and_off_after_the_last()
            throws Exception {
        try (var cable = VirtualSerialPair.start(tmp.resolve("serial"));
             var board = FakeRelayBoard.modbus(cable.board(), 1, 8)) {
            configure("MODBUS", cable.stationPort(), "");
            var tone = asset("Bản tin 660 Hz", 660, 2);
            var planned = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);

            var key = schedule(planned, tone);
            var end = awaitEnd(key, Duration.ofSeconds(25));
            var offRows = awaitVillageRows(key, "OFF", 2);

            assertThat(end.get("outcome")).isEqualTo("COMPLETED");
            recorder.awaitTime(planned.plusSeconds(3), Duration.ofSeconds(5));
            var firstSample = recorder.timeOfFrame(recorder.firstNonSilentFrameAfter(planned.minusSeconds(1))
                    .orElseThrow());
            var lastSample = recorder.timeOfFrame(recorder.lastNonSilentFrame(recorder.frameAt(planned),
                    recorder.frameAt(planned.plusSeconds(3))).orElseThrow());
            var changes = board.changes();
            // Coils are 0-based: relays 2 and 5 are coils 1 and 4, and no other coil ever moved.
            assertThat(changes).extracting(FakeRelayBoard.CoilChange::coil).containsOnly(1, 4);
            var on = changes.stream().filter(FakeRelayBoard.CoilChange::on).toList();
            var off = changes.stream().filter(c -> !c.on()).toList();
            assertThat(on).extracting(FakeRelayBoard.CoilChange::coil).containsExactlyInAnyOrder(1, 4);
            assertThat(off).extracting(FakeRelayBoard.CoilChange::coil).containsExactlyInAnyOrder(1, 4);
            var lastOn = on.stream().map(FakeRelayBoard.CoilChange::at).max(Instant::compareTo).orElseThrow();
            var firstOff = off.stream().map(FakeRelayBoard.CoilChange::at).min(Instant::compareTo).orElseThrow();
            long leadMs = Duration.between(lastOn, firstSample).toMillis();
            System.out.printf("modbus: villages on %d ms before the first sample, off %d ms after the last; first "
                    + "sample %d ms after the instant%n", leadMs, Duration.between(lastSample, firstOff).toMillis(),
                    Duration.between(planned, firstSample).toMillis());
            assertThat(lastOn).isBefore(firstSample);
            // Switched on about the pre-roll (2 s) early, not at the trigger (4 s early) nor at the instant.
            assertThat(leadMs).isBetween(1_000L, 3_000L);
            assertThat(firstOff).isAfter(lastSample);
            assertThat(Math.abs(Duration.between(planned, firstSample).toMillis()))
                    .as("the first sample still lands on the instant").isLessThan(150);

            var onRows = villageRows(key, "ON");
            assertThat(onRows).extracting(r -> r.get("village_ids")).containsExactlyInAnyOrder(",2,", ",5,");
            assertThat(onRows).allSatisfy(r -> {
                assertThat(r.get("outcome")).isEqualTo("ACKNOWLEDGED");
                assertThat(r.get("trigger_kind")).isEqualTo("MODBUS");
                assertThat(((Number) r.get("start_seq")).longValue())
                        .isEqualTo(((Number) row(key, "START").get("seq")).longValue());
            });
            assertThat(offRows).allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("ACKNOWLEDGED"));
            assertThat(airLog.verify().intact()).isTrue();
        }
    }

    /**
     * Broadcasts one after another through a healthy board (one here; the benchmark runs more with
     * {@code -Dloaxa.zone.broadcasts}): how long before each instant the last of its villages was
     * confirmed on, by the log's own ON rows, and how many switches failed.
     */
    @Test
    void every_broadcast_finds_its_villages_confirmed_on_before_its_instant() throws Exception {
        int count = Integer.getInteger("loaxa.zone.broadcasts", 1);
        try (var cable = VirtualSerialPair.start(tmp.resolve("serial"));
             var board = FakeRelayBoard.modbus(cable.board(), 1, 8)) {
            configure("MODBUS", cable.stationPort(), "");
            var tone = asset("Bản tin đo 770 Hz", 770, 1);
            var t0 = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);
            var keys = new ArrayList<String>();
            for (int i = 0; i < count; i++) {
                // Alternating village sets, so every broadcast really switches something on and off.
                keys.add(schedule(t0.plusSeconds(6L * i), i % 2 == 0 ? List.of(2L, 5L) : List.of(1L, 3L, 7L), tone));
            }
            long minLead = Long.MAX_VALUE;
            long failures = 0;
            for (int i = 0; i < count; i++) {
                var key = keys.get(i);
                awaitEnd(key, Duration.ofSeconds(30 + 6L * i));
                var on = awaitVillageRows(key, "ON", i % 2 == 0 ? 2 : 3);
                var off = awaitVillageRows(key, "OFF", i % 2 == 0 ? 2 : 3);
                failures += on.stream().filter(r -> "FAILED".equals(r.get("outcome"))).count()
                        + off.stream().filter(r -> "FAILED".equals(r.get("outcome"))).count();
                long lastConfirmed = on.stream().mapToLong(r -> ((Number) r.get("actual_start_ms")).longValue())
                        .max().orElseThrow();
                minLead = Math.min(minLead, t0.plusSeconds(6L * i).toEpochMilli() - lastConfirmed);
            }
            System.out.printf("BENCH zone_switch_on_lead_ms %d%n", minLead);
            System.out.printf("BENCH zone_switch_failures %d%n", failures);
            assertThat(failures).isZero();
            assertThat(minLead).as("the last village confirmed on before the instant").isPositive();
            assertThat(board.coilsOn()).as("every relay off again").isEmpty();
        }
    }

    @Test
    void a_board_that_does_not_answer_is_logged_and_alerted_while_the_audio_plays_on() throws Exception {
        try (var cable = VirtualSerialPair.start(tmp.resolve("serial"));
             var board = FakeRelayBoard.modbus(cable.board(), 1, 8)) {
            configure("MODBUS", cable.stationPort(), "");
            board.answering(false);
            var tone = asset("Bản tin khi hỏng bảng rơ-le", 550, 1.5);
            var planned = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);

            var key = schedule(planned, tone);
            var end = awaitEnd(key, Duration.ofSeconds(25));

            assertThat(end.get("outcome")).as("the audio is never held up by a dead board").isEqualTo("COMPLETED");
            var onRows = awaitVillageRows(key, "ON", 2);
            assertThat(onRows).allSatisfy(r -> {
                assertThat(r.get("outcome")).isEqualTo("FAILED");
                assertThat((String) r.get("reason")).contains(cable.stationPort());
            });
            var status = api().get("/api/status", "admin", ADMIN_PASSWORD, "vi");
            assertThat(status.body()).contains("VILLAGE_SWITCH_FAILED").contains("Thôn 2").contains("Thôn 5");
            var villages = api().get("/api/villages/2", "admin", ADMIN_PASSWORD, "vi");
            assertThat(villages.body()).contains("\"problemKind\":\"SWITCH_ON\"").contains(cable.stationPort());

            // The board answers again: the next broadcast switches, and the alert goes.
            board.answering(true);
            var next = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);
            var key2 = schedule(next, tone);
            awaitEnd(key2, Duration.ofSeconds(25));
            assertThat(awaitVillageRows(key2, "ON", 2)).allSatisfy(r ->
                    assertThat(r.get("outcome")).isEqualTo("ACKNOWLEDGED"));
            assertThat(awaitVillageRows(key2, "OFF", 2)).allSatisfy(r ->
                    assertThat(r.get("outcome")).isEqualTo("ACKNOWLEDGED"));
            assertThat(api().get("/api/status", "admin", ADMIN_PASSWORD, "vi").body())
                    .doesNotContain("VILLAGE_SWITCH_FAILED");
        }
    }

    @Test
    void ip_clusters_confirm_over_mqtt_and_an_offline_cluster_is_logged_while_the_others_play() throws Exception {
        try (var broker = EmbeddedBroker.started(tmp.resolve("broker"));
             var two = FakeCluster.online(broker.uri(), "gioson/thon2")) {
            var response = api().putJson("/api/settings/switching", "admin", ADMIN_PASSWORD,
                    SwitchingForTests.settings("MQTT", 2_000, "", "", broker.uri()));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            var tone = asset("Bản tin cụm loa IP", 660, 1.5);
            var planned = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);

            // Thôn 5's cluster never connected: it cannot confirm, Thôn 2's does.
            var key = schedule(planned, tone);
            assertThat(awaitEnd(key, Duration.ofSeconds(25)).get("outcome")).isEqualTo("COMPLETED");
            var on = awaitVillageRows(key, "ON", 2);
            awaitVillageRows(key, "OFF", 2);

            var byVillage = new java.util.HashMap<Object, Map<String, Object>>();
            on.forEach(r -> byVillage.put(r.get("village_ids"), r));
            assertThat(byVillage.get(",2,").get("outcome")).isEqualTo("ACKNOWLEDGED");
            assertThat(byVillage.get(",5,").get("outcome")).isEqualTo("FAILED");
            assertThat((String) byVillage.get(",5,").get("reason")).contains("gioson/thon5");
            assertThat(((Number) byVillage.get(",2,").get("actual_start_ms")).longValue())
                    .as("Thôn 2 confirmed on before the instant").isLessThan(planned.toEpochMilli());
            assertThat(two.commands()).containsExactly("ON", "OFF");
            assertThat(two.isOn()).isFalse();
            // The minute's poll finds Thôn 5 offline too; the alert still says its switching failed.
            switchboard.pollNow();
            assertThat(api().get("/api/status", "admin", ADMIN_PASSWORD, "vi").body())
                    .contains("VILLAGE_SWITCH_FAILED").contains("loa Thôn 5 (lúc").contains("gioson/thon5");
            var village2 = json(api().get("/api/villages/2", "admin", ADMIN_PASSWORD, "vi").body());
            assertThat(village2).containsEntry("online", true).containsEntry("driver", "MQTT");
            assertThat(village2.get("lastSeen")).isNotNull();
        }
    }

    @Test
    void dtmf_codes_play_in_order_before_the_first_item_which_still_starts_on_its_instant() throws Exception {
        configure("DTMF", "", "");
        var tone = asset("Bản tin FM 660 Hz", 660, 1.5);
        var planned = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.MILLIS);

        var key = schedule(planned, tone);
        var end = awaitEnd(key, Duration.ofSeconds(30));

        assertThat(end.get("outcome")).isEqualTo("COMPLETED");
        recorder.awaitTime(planned.plusSeconds(5), Duration.ofSeconds(5));
        long from = recorder.frameAt(planned.minusSeconds(6));
        long to = recorder.frameAt(planned.plusSeconds(5));
        var samples = recorder.samples(from, (int) (to - from));
        var tones = DtmfDetector.detect(FifoRecorder.SINK_FORMAT, samples);
        // Symbols of one code are a pause apart (100 ms), two codes twice that.
        var codes = DtmfDetector.codes(tones, FifoRecorder.SINK_FORMAT.sampleRate() * 15 / 100);
        System.out.println("DTMF heard: " + codes);
        assertThat(codes).containsExactly("*32#", "*35#", "#32*", "#35*");
        var lastOnTone = recorder.timeOfFrame(from + tones.get(7).end());
        var firstOffTone = recorder.timeOfFrame(from + tones.get(8).start());
        // After the last tone's ramp (3 ms) only the lead's silence is left before the item.
        long afterTones = from + tones.get(7).end() + FifoRecorder.SINK_FORMAT.sampleRate() / 50;
        var firstSample = recorder.timeOfFrame(recorder.firstNonSilentFrame(afterTones).orElseThrow());
        System.out.printf("dtmf: on codes end %d ms before the instant; first item %d ms after it%n",
                Duration.between(lastOnTone, planned).toMillis(), Duration.between(planned, firstSample).toMillis());
        assertThat(lastOnTone).isBefore(planned);
        assertThat(Math.abs(Duration.between(planned, firstSample).toMillis())).isLessThan(150);
        assertThat(firstOffTone).isAfter(firstSample.plusMillis(1_400));
        // The ITEM row is the programme's, numbered from 0; the tones are not items of the broadcast.
        var item = row(key, "ITEM");
        assertThat(((Number) item.get("item_position")).intValue()).isZero();
        assertThat(Math.abs(((Number) row(key, "END").get("actual_start_ms")).longValue() - planned.toEpochMilli()))
                .isLessThan(150);
        assertThat(villageRows(key, "ON")).extracting(r -> r.get("outcome")).containsOnly("SENT");
        assertThat(awaitVillageRows(key, "OFF", 2)).extracting(r -> r.get("outcome")).containsOnly("SENT");
    }

    @Test
    void an_operators_program_is_run_with_on_and_off_and_the_village_codes() throws Exception {
        var program = SwitchingForTests.recordingProgram(tmp);
        configure("COMMAND", "", program.toString());
        var tone = asset("Bản tin qua chương trình", 440, 1);
        var planned = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);

        var key = schedule(planned, tone);
        awaitEnd(key, Duration.ofSeconds(25));
        awaitVillageRows(key, "OFF", 2);

        var calls = SwitchingForTests.calls(tmp);
        assertThat(calls).extracting(SwitchingForTests.Call::arguments)
                .containsExactly("on thon-2 thon-5", "off thon-2 thon-5");
        var onAt = calls.get(0).at();
        var offAt = calls.get(1).at();
        assertThat(onAt).isBefore(planned).isAfter(planned.minusSeconds(3));
        assertThat(offAt).isAfter(planned.plusSeconds(1));
        assertThat(villageRows(key, "ON")).extracting(r -> r.get("outcome")).containsOnly("ACKNOWLEDGED");
    }

    @Test
    void back_to_back_broadcasts_keep_a_shared_village_on_and_switch_the_other_off_before_the_next_plays()
            throws Exception {
        var program = SwitchingForTests.recordingProgram(tmp);
        configure("COMMAND", "", program.toString());
        var first = asset("Lượt 1", 440, 2);
        var second = asset("Lượt 2", 880, 1);
        var planned = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);

        var key1 = schedule(planned, List.of(2L, 5L), first);
        var key2 = schedule(planned.plusMillis(2_100), List.of(2L, 3L), second);
        awaitEnd(key2, Duration.ofSeconds(30));
        awaitVillageRows(key2, "OFF", 2);

        var calls = SwitchingForTests.calls(tmp);
        var lines = calls.stream().map(SwitchingForTests.Call::arguments).toList();
        // Thôn 2 stays on across the join; Thôn 3 comes on and Thôn 5 goes off (in either order) before
        // the second broadcast's first sample; then both villages of the second go off.
        assertThat(lines).hasSize(4);
        assertThat(lines.getFirst()).isEqualTo("on thon-2 thon-5");
        assertThat(lines.subList(1, 3)).containsExactlyInAnyOrder("off thon-5", "on thon-3");
        assertThat(lines.getLast()).isEqualTo("off thon-2 thon-3");
        var secondStart = ((Number) row(key2, "END").get("actual_start_ms")).longValue();
        var fiveOff = calls.stream().filter(c -> c.arguments().equals("off thon-5")).findFirst().orElseThrow();
        assertThat(fiveOff.at().toEpochMilli()).as("Thôn 5 off before the second broadcast sounds")
                .isLessThan(secondStart);
        var kept = villageRows(key1, "OFF").stream().filter(r -> ",2,".equals(r.get("village_ids"))).findFirst()
                .orElseThrow();
        assertThat(kept.get("outcome")).isEqualTo("KEPT_ON");
        assertThat(airLog.verify().intact()).isTrue();
    }

    @Test
    void an_emergency_takes_over_the_villages_on_air_and_switches_on_every_other_enabled_one() throws Exception {
        var program = SwitchingForTests.recordingProgram(tmp);
        configure("COMMAND", "", program.toString());
        var programme = asset("Chương trình dài", 440, 8);
        var warning = asset("Cảnh báo lũ", 1_000, 1.5);
        var planned = Instant.now().plusSeconds(7).truncatedTo(ChronoUnit.MILLIS);
        var key = schedule(planned, List.of(2L), programme);
        Thread.sleep(Duration.between(Instant.now(), planned.plusSeconds(2)).toMillis());

        var response = api().postJson("/api/emergency", "admin", ADMIN_PASSWORD, """
                {"title": "Cảnh báo lũ", "assetIds": [%d], "villageIds": [1], "reason": "Lũ trên sông Cánh Hòm"}"""
                .formatted(warning.id()), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var emergency = (String) json(response.body()).get("key");
        assertThat(awaitEnd(key, Duration.ofSeconds(10)).get("outcome")).isEqualTo("PREEMPTED");
        assertThat(awaitEnd(emergency, Duration.ofSeconds(15)).get("outcome")).isEqualTo("COMPLETED");
        awaitVillageRows(emergency, "OFF", 7);

        var lines = SwitchingForTests.calls(tmp).stream().map(SwitchingForTests.Call::arguments).toList();
        // Thôn 2 stays on from the programme into the warning; every other village comes on for it.
        assertThat(lines).containsExactly("on thon-2", "on thon-1 thon-3 thon-4 thon-5 thon-6 thon-7",
                "off thon-1 thon-2 thon-3 thon-4 thon-5 thon-6 thon-7");
        assertThat(villageRows(key, "OFF")).extracting(r -> r.get("outcome")).containsExactly("KEPT_ON");
        assertThat(villageRows(emergency, "ON")).hasSize(7).extracting(r -> r.get("outcome"))
                .containsOnly("ACKNOWLEDGED");
    }

    @Test
    void the_village_test_switches_each_village_in_turn_with_an_ident_and_is_logged_as_a_test() throws Exception {
        var refused = api().postJson("/api/villages/test", "admin", ADMIN_PASSWORD, "{}", "vi");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("NO_SWITCHING").contains("chưa chọn cách điều khiển loa");

        var program = SwitchingForTests.recordingProgram(tmp);
        configure("COMMAND", "", program.toString());
        var began = Instant.now();
        var response = api().postJson("/api/villages/test", "admin", ADMIN_PASSWORD, "{}", "vi");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Map<String, Object>> steps = tools.jackson.databind.json.JsonMapper.builder().build()
                .readValue(response.body(), List.class);
        assertThat(steps).hasSize(7).allSatisfy(step -> assertThat(step.get("ack")).isEqualTo("ACKNOWLEDGED"));
        var calls = SwitchingForTests.calls(tmp);
        assertThat(calls).extracting(SwitchingForTests.Call::arguments).containsExactly(
                "on thon-1", "off thon-1", "on thon-2", "off thon-2", "on thon-3", "off thon-3", "on thon-4",
                "off thon-4", "on thon-5", "off thon-5", "on thon-6", "off thon-6", "on thon-7", "off thon-7");
        // Each village heard its ident while it alone was on: 1 kHz between its on and its off.
        for (int i = 0; i < 14; i += 2) {
            long from = recorder.frameAt(calls.get(i).at());
            long to = recorder.frameAt(calls.get(i + 1).at());
            var heard = recorder.firstNonSilentFrame(from);
            assertThat(heard).as("ident after " + calls.get(i)).isPresent();
            assertThat(heard.getAsLong()).as("ident before " + calls.get(i + 1)).isLessThan(to);
        }
        airLog.flush(Duration.ofSeconds(5));
        var rows = jdbc.sql("SELECT occurrence_key, start_seq, item_kind, outcome FROM air_log WHERE kind = 'VILLAGE' "
                + "AND recorded_at_ms >= ? ORDER BY seq").param(began.toEpochMilli()).query().listOfRows();
        assertThat(rows).hasSize(14).allSatisfy(r -> {
            assertThat((String) r.get("occurrence_key")).startsWith("TEST@");
            assertThat(r.get("start_seq")).isNull();
            assertThat(r.get("outcome")).isEqualTo("ACKNOWLEDGED");
        });
        assertThat(jdbc.sql("SELECT count(*) FROM air_log WHERE kind IN ('START', 'NOT_AIRED') AND occurrence_key "
                + "LIKE 'TEST@%'").query(Long.class).single()).as("a test is never a broadcast").isZero();
    }

    private void configure(String driver, String serialPort, String program) throws Exception {
        var response = api().putJson("/api/settings/switching", "admin", ADMIN_PASSWORD,
                SwitchingForTests.settings(driver, 2_000, serialPort, program, ""));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private AudioAsset asset(String title, double hz, double seconds) throws Exception {
        var file = Wavs.write16(tmp.resolve("t" + System.nanoTime() + ".wav"), 44_100, 2,
                Wavs.sine(44_100, 2, seconds, hz, 0.5));
        try (InputStream in = Files.newInputStream(file)) {
            return RunAs.call("test", "ADMIN", () -> library.importFile(in, title + ".wav", title, "test")).asset();
        }
    }

    private String schedule(Instant startsAt, AudioAsset asset) throws Exception {
        return schedule(startsAt, VILLAGES, asset);
    }

    private String schedule(Instant startsAt, List<Long> villages, AudioAsset asset) throws Exception {
        var response = api().postJson("/api/broadcasts", "admin", ADMIN_PASSWORD, """
                {"startsAt": "%s", "assetIds": [%d], "villageIds": %s}""".formatted(startsAt, asset.id(), villages),
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) json(response.body()).get("key");
    }

    private Map<String, Object> awaitEnd(String key, Duration timeout) throws InterruptedException {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var end = jdbc.sql("SELECT * FROM air_log WHERE kind = 'END' AND occurrence_key = ?").param(key)
                    .query().listOfRows();
            if (!end.isEmpty()) {
                return end.getFirst();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no END row for " + key + " within " + timeout);
    }

    private List<Map<String, Object>> awaitVillageRows(String key, String onOff, int count) throws InterruptedException {
        var deadline = Instant.now().plusSeconds(15);
        List<Map<String, Object>> rows = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            rows = villageRows(key, onOff);
            if (rows.size() >= count) {
                return rows;
            }
            Thread.sleep(100);
        }
        // Where the station's threads stand, so that a stall seen once is seen whole.
        var dump = new StringBuilder();
        for (var info : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            if (info.getThreadName().startsWith("loaxa")) {
                // ThreadInfo.toString() stops after eight frames: the whole stack is wanted here.
                dump.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState())
                        .append(info.getLockName() == null ? "" : " on " + info.getLockName())
                        .append(info.getLockOwnerName() == null ? "" : " owned by " + info.getLockOwnerName())
                        .append('\n');
                for (var frame : info.getStackTrace()) {
                    dump.append("\tat ").append(frame).append('\n');
                }
            }
        }
        throw new AssertionError("only " + rows.size() + " " + onOff + " rows for " + key + ": " + rows
                + "\nloaxa threads:\n" + dump);
    }

    private List<Map<String, Object>> villageRows(String key, String onOff) throws InterruptedException {
        airLog.flush(Duration.ofSeconds(5));
        return jdbc.sql("SELECT * FROM air_log WHERE kind = 'VILLAGE' AND occurrence_key = ? AND item_kind = ? "
                + "ORDER BY seq").param(key).param(onOff).query().listOfRows();
    }

    private Map<String, Object> row(String key, String kind) {
        return jdbc.sql("SELECT * FROM air_log WHERE kind = ? AND occurrence_key = ? ORDER BY seq").param(kind)
                .param(key).query().listOfRows().getFirst();
    }

    private Api api() {
        return new Api(port);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(body, Map.class);
    }
}
